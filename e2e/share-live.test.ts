/**
 * A signed-out listener on the share page of an unlisted shootout whose render is still queued: the page says so,
 * follows the render live over the WebSocket ("Rendering… N%") as a viewer (no log lines, file or node names), is
 * not cached meanwhile, and shows the player by itself when the render succeeds. The render node is started in this
 * process only after the page is open, so the queued state is certain.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalApiClient, localApiClient } from "../dev/seed/local-api-client.ts";
import { DEMO_USER } from "../dev/seed/seed-demo.ts";
import { createNodeApi } from "../render-node/src/node/node-api.ts";
import { type RenderDaemon, startRenderDaemon } from "../render-node/src/node/render-daemon.ts";
import { launchChromium } from "./launch-chromium.ts";
import { type LocalStack, startLocalStack } from "./local-stack.ts";
import { watchPage } from "./watch-page.ts";

describe("the share page of a render in progress", () => {
  let stack: LocalStack;
  let browser: Browser;
  let creator: LocalApiClient;
  let daemon: RenderDaemon | undefined;
  let workDir: string;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startLocalStack(), launchChromium()]);
    creator = localApiClient(stack.url);
    await creator.trpc.auth.signIn.mutate({ email: DEMO_USER.email, password: DEMO_USER.password });
    workDir = await mkdtemp(join(tmpdir(), "gts-share-live-"));
  });

  afterAll(async () => {
    await daemon?.stop();
    await browser?.close();
    await stack?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("shows a signed-out listener the render's progress live, then the player when it succeeds", async () => {
    const assets = (await creator.trpc.asset.list.query({ limit: 100 })).items;
    const di = assets.find((a) => a.kind === "di");
    const irs = assets.filter((a) => a.kind === "ir");
    if (!di || irs.length < 2) throw new Error("the demo library should hold a DI and two IRs");
    const shootout = await creator.trpc.shootout.create.mutate({
      title: "E2E: live on the share page",
      visibility: "unlisted",
      diTracks: [{ assetId: di.id, riffs: [{ startSeconds: 0.5, endSeconds: 3.5 }] }],
      chains: irs.slice(0, 2).map((ir, i) => ({
        name: `Cab ${i + 1}`,
        colour: i ? "#17c964" : "#f5a524",
        blocks: [{ type: "ir" as const, assetId: ir.id }],
      })),
    });
    const render = await creator.trpc.render.submit.mutate({ shootoutId: shootout.id });

    const listener = await browser.newContext();
    const page = await listener.newPage();
    const problems = watchPage(page);
    const frames: string[] = [];
    page.on("websocket", (ws) => ws.on("framereceived", ({ payload }) => frames.push(String(payload))));
    const response = await page.goto(`${stack.url}s/${shootout.id}`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    expect(response?.headers()["cache-control"]).toBe("no-store");
    const live = page.getByTestId("shared-render-progress");
    await page.waitForSelector("[data-testid=shared-render-progress][data-state=queued]");
    await expect(live.textContent()).resolves.toMatch(/Rendering… 0%.*waiting for a render node/);
    expect(await page.getByText("Not rendered yet").count()).toBe(0);
    // Every state and percentage the listener is shown, in order.
    await page.evaluate(`(() => {
      const seen = (window.__shown = []);
      const note = () => {
        const el = document.querySelector("[data-testid=shared-render-progress]");
        const entry = el ? el.dataset.state + ":" + el.dataset.progress : "gone";
        if (seen.at(-1) !== entry) seen.push(entry);
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
      note();
    })()`);

    const { token } = await creator.trpc.node.create.mutate({ name: "Secret studio node" });
    daemon = startRenderDaemon({
      api: createNodeApi({ apiUrl: stack.url, token }),
      workDir,
      capabilities: {},
      video: false,
      claimWaitSeconds: 5,
      log: () => {},
    });
    // The loader runs again when the render succeeds: the player appears, the progress goes.
    await page.waitForSelector("[data-testid=ab-player][data-ready=true]", { timeout: 90_000 });
    await page.waitForSelector("[data-testid=shared-render-progress]", { state: "detached" });
    const shown = (await page.evaluate("window.__shown")) as string[];
    expect(shown[0]).toBe("queued:0");
    expect(shown.some((entry) => /^running:([1-9]\d?)$/.test(entry))).toBe(true);
    const percents = shown.flatMap((entry) => (entry === "gone" ? [] : [Number(entry.split(":")[1])]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));

    // What the listener's socket carried: lifecycle and stage progress only, nothing naming the creator's things.
    const events = frames
      .map((frame) => JSON.parse(frame) as { type: string; event?: { type: string; nodeName?: string } })
      .flatMap((message) => (message.type === "progress" && message.event ? [message.event] : []));
    expect(events.map((e) => e.type)).toContain("stage");
    expect(events.at(-1)?.type).toBe("succeeded");
    expect(new Set(events.map((e) => e.type))).toSatisfy((types: Set<string>) =>
      [...types].every((t) => ["queued", "claimed", "stage", "succeeded"].includes(t)),
    );
    expect(events.find((e) => e.type === "claimed")?.nodeName).toBe("a render node");
    expect(frames.join("\n")).not.toMatch(/Secret studio node|\.wav|\.nam|\.aiff/);
    expect((await creator.trpc.render.get.query({ id: render.id })).status).toBe("succeeded");
    expect(problems).toEqual([]);
  });
});
