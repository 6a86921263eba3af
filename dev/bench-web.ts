/**
 * @module `just bench-web`: the share page's server response time under 50 concurrent requests (p50/p95) and its
 * JavaScript size (gzip), beside the same figures for the landing page, against the real local stack with a
 * finished render. The stack serves the production build (`GTS_SERVE=preview`: `react-router build`, then the built
 * Workers in workerd), so the JavaScript is what browsers would download in production.
 */
import "./offline-env.ts";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { launchChromium } from "../e2e/launch-chromium.ts";
import { startLocalStack } from "../e2e/local-stack.ts";
import { createRenderCaptureFile } from "../render-node/src/amp/render-capture-file.ts";
import { createNodeApi } from "../render-node/src/node/node-api.ts";
import { startRenderDaemon } from "../render-node/src/node/render-daemon.ts";
import { localApiClient } from "./seed/local-api-client.ts";
import { DEMO_USER } from "./seed/seed-demo.ts";

const CONCURRENCY = 50;
const ROUNDS = 4;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** `CONCURRENCY` requests at once, `ROUNDS` times; response times in ms (the whole body read). */
async function load(url: string): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        const started = performance.now();
        const response = await fetch(url);
        if (response.ok) await response.arrayBuffer();
        if (!response.ok) throw new Error(`${url}: ${response.status}\n${await response.text().catch(() => "")}`);
        times.push(performance.now() - started);
      }),
    );
  }
  return times;
}

/** Gzipped bytes of every script a real browser loads for the page (Debian Chromium through playwright-core). */
async function javascriptGzipBytes(pageUrl: string): Promise<number> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const bodies: Promise<number>[] = [];
    page.on("response", (response) => {
      if (/javascript/.test(response.headers()["content-type"] ?? "")) {
        bodies.push(
          response.body().then(
            (body) => gzipSync(body).length,
            () => 0,
          ),
        );
      }
    });
    await page.goto(pageUrl, { waitUntil: "networkidle" });
    return (await Promise.all(bodies)).reduce((sum, bytes) => sum + bytes, 0);
  } finally {
    await browser.close();
  }
}

// The production build (minified, built Workers) in workerd, as deployed; not the development server.
const stack = await startLocalStack({ env: { GTS_SERVE: "preview" } });
const workDir = await mkdtemp(join(tmpdir(), "bench-web-"));
try {
  const creator = localApiClient(stack.url);
  await creator.trpc.auth.signIn.mutate({ email: DEMO_USER.email, password: DEMO_USER.password });
  const [shootout] = (await creator.trpc.shootout.list.query({})).items;
  if (!shootout) throw new Error("the demo library should hold a shootout");
  const { token } = await creator.trpc.node.create.mutate({ name: "bench node" });
  const daemon = startRenderDaemon({
    api: createNodeApi({ apiUrl: stack.url, token }),
    workDir,
    capabilities: {},
    renderCaptureFile: createRenderCaptureFile(),
    video: false,
    log: () => {},
  });
  const { id } = await creator.trpc.render.submit.mutate({ shootoutId: shootout.id });
  for (let status = ""; status !== "succeeded"; ) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    status = (await creator.trpc.render.get.query({ id })).status;
    if (status === "failed") {
      const render = await creator.trpc.render.get.query({ id });
      throw new Error(`the demo render failed: ${JSON.stringify(render.error)}`);
    }
  }
  await daemon.stop();

  const pages = { share: `${stack.url}s/${shootout.id}`, landing: stack.url };
  // Warm up one request at a time first, so the figures are of a running server, not of its first requests.
  for (const url of Object.values(pages)) await (await fetch(url)).arrayBuffer();
  for (const url of Object.values(pages)) await load(url);
  const figures: Record<string, number> = { concurrency: CONCURRENCY, requestsPerPage: CONCURRENCY * ROUNDS };
  for (const [name, url] of Object.entries(pages)) {
    const times = await load(url);
    figures[`${name}_p50_ms`] = Math.round(percentile(times, 50));
    figures[`${name}_p95_ms`] = Math.round(percentile(times, 95));
    figures[`${name}_js_gzip_bytes`] = await javascriptGzipBytes(url);
    console.log(
      `${name.padEnd(8)} p50 ${figures[`${name}_p50_ms`]} ms, p95 ${figures[`${name}_p95_ms`]} ms, JS ${Math.round((figures[`${name}_js_gzip_bytes`] ?? 0) / 1024)} KiB gzip`,
    );
  }
  console.log(JSON.stringify(figures));
} finally {
  await stack.stop();
  await rm(workDir, { recursive: true, force: true });
}
