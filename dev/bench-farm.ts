/**
 * @module `just bench-farm`: 20 small renders through the real local stack and one in-process render node.
 * Prints p50/p95 of submit → "claimed" seen by a WebSocket listener, and of an event's creation in the api → its
 * arrival at the listener (the live-progress latency). The last line is one JSON object with every figure.
 */
import "./offline-env.ts";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { startLocalStack } from "../e2e/local-stack.ts";
import { createNodeApi } from "../render-node/src/node/node-api.ts";
import { startRenderDaemon } from "../render-node/src/node/render-daemon.ts";
import type { ProgressEvent } from "../workers/api/src/contract/index.ts";
import { localApiClient } from "./seed/local-api-client.ts";
import { DEMO_USER } from "./seed/seed-demo.ts";

const RENDERS = 20;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const stack = await startLocalStack();
const workDir = await mkdtemp(join(tmpdir(), "bench-farm-"));
try {
  const creator = localApiClient(stack.url);
  await creator.trpc.auth.signIn.mutate({ email: DEMO_USER.email, password: DEMO_USER.password });
  const assets = (await creator.trpc.asset.list.query({ limit: 100 })).items;
  const di = assets.find((a) => a.kind === "di");
  const irs = assets.filter((a) => a.kind === "ir");
  if (!di || irs.length < 2) throw new Error("the demo library should hold a DI and two IRs");
  const shootout = await creator.trpc.shootout.create.mutate({
    title: "Farm bench",
    diTracks: [{ assetId: di.id, riffs: [{ startSeconds: 0.25, endSeconds: 3.25 }] }],
    chains: irs.slice(0, 2).map((ir, i) => ({
      name: `Cab ${i + 1}`,
      colour: i ? "#17c964" : "#f5a524",
      blocks: [{ type: "ir" as const, assetId: ir.id }],
    })),
  });
  const { token } = await creator.trpc.node.create.mutate({ name: "bench node" });
  // Audio only: the figures are about the protocol, not about how long a video takes.
  const daemon = startRenderDaemon({
    api: createNodeApi({ apiUrl: stack.url, token }),
    workDir,
    capabilities: {},
    video: false,
    log: () => {},
  });

  const claimMs: number[] = [];
  const liveMs: number[] = [];
  for (let i = 0; i < RENDERS; i++) {
    const submittedAt = Date.now();
    const { id } = await creator.trpc.render.submit.mutate({ shootoutId: shootout.id });
    const ws = new WebSocket(`${stack.url.replace(/^http/, "ws")}realtime/renders/${id}/ws?after=-1`, {
      headers: { Cookie: creator.cookie() ?? "" },
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`render ${id} did not finish in 60 s`)), 60_000);
      ws.on("message", (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { type: string; event?: ProgressEvent };
        const event = message.event;
        if (!event) return;
        const arrivedAt = Date.now();
        if (event.type === "claimed") claimMs.push(arrivedAt - submittedAt);
        // Replayed events (created before the socket opened) say nothing about live latency.
        if (event.type === "stage" && Date.parse(event.at) >= submittedAt)
          liveMs.push(arrivedAt - Date.parse(event.at));
        if (event.type === "succeeded" || event.type === "failed") {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    ws.close(1000);
  }
  await daemon.stop();

  const figures = {
    renders: RENDERS,
    submitToClaimed_p50_ms: percentile(claimMs, 50),
    submitToClaimed_p95_ms: percentile(claimMs, 95),
    progressToListener_p50_ms: percentile(liveMs, 50),
    progressToListener_p95_ms: percentile(liveMs, 95),
    progressEventsMeasured: liveMs.length,
    goal_submitToClaimed_p95_ms: 500,
    goal_progressToListener_p95_ms: 100,
  };
  console.log(
    `submit → claimed:      p50 ${figures.submitToClaimed_p50_ms} ms, p95 ${figures.submitToClaimed_p95_ms} ms (goal ≤ 500 ms)`,
  );
  console.log(
    `progress → listener:   p50 ${figures.progressToListener_p50_ms} ms, p95 ${figures.progressToListener_p95_ms} ms (goal ≤ 100 ms)`,
  );
  console.log(JSON.stringify(figures));
} finally {
  await stack.stop();
  await rm(workDir, { recursive: true, force: true });
}
