import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalApiClient, localApiClient } from "../dev/seed/local-api-client.ts";
import { DEMO_USER } from "../dev/seed/seed-demo.ts";
import { createNodeApi } from "../render-node/src/node/node-api.ts";
import { type RenderDaemon, startRenderDaemon } from "../render-node/src/node/render-daemon.ts";
import { type LocalStack, startLocalStack } from "./local-stack.ts";

describe("a real render node attached to the local stack", () => {
  let stack: LocalStack;
  let creator: LocalApiClient;
  let daemon: RenderDaemon;
  let workDir: string;
  const log: string[] = [];

  beforeAll(async () => {
    stack = await startLocalStack();
    creator = localApiClient(stack.url);
    await creator.trpc.auth.signIn.mutate({ email: DEMO_USER.email, password: DEMO_USER.password });
    const { token } = await creator.trpc.node.create.mutate({ name: "e2e-node" });
    workDir = await mkdtemp(join(tmpdir(), "gts-node-"));
    daemon = startRenderDaemon({
      api: createNodeApi({ apiUrl: stack.url, token }),
      workDir,
      capabilities: { cpuCores: 2 },
      claimWaitSeconds: 2,
      log: (line) => log.push(line),
    });
  });

  afterAll(async () => {
    await daemon?.stop();
    await stack?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("claims a submitted render, reports progress in order, uploads its video and audio and completes it", async () => {
    const assets = (await creator.trpc.asset.list.query({ limit: 100 })).items;
    const di = assets.find((a) => a.kind === "di");
    const irs = assets.filter((a) => a.kind === "ir");
    if (!di || irs.length < 2) throw new Error("the demo library should hold a DI and two IRs");
    const shootout = await creator.trpc.shootout.create.mutate({
      title: "Two cabinets",
      diTracks: [{ assetId: di.id, riffs: [{ startSeconds: 0.25, endSeconds: 3.5 }] }],
      chains: irs.slice(0, 2).map((ir, i) => ({
        name: ir.name,
        colour: i ? "#17c964" : "#f5a524",
        blocks: [
          { type: "gain" as const, gainDb: -3 },
          { type: "ir" as const, assetId: ir.id },
        ],
      })),
    });
    const submitted = await creator.trpc.render.submit.mutate({ shootoutId: shootout.id });

    let render = submitted;
    const deadline = Date.now() + 90_000;
    while (!["succeeded", "failed", "canceled"].includes(render.status) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      render = await creator.trpc.render.get.query({ id: submitted.id });
    }
    expect(render.status, log.join("\n")).toBe("succeeded");
    expect(render.artifacts?.artifacts.map((a) => [a.name, a.kind])).toEqual([
      ["video.mp4", "video"],
      ["thumbnail.png", "thumbnail"],
      ["program.wav", "program-wav"],
      ["stem-0.wav", "stem"],
      ["stem-1.wav", "stem"],
      ["stem-0.flac", "listen-stem"],
      ["stem-1.flac", "listen-stem"],
      ["cues.json", "cue-list"],
      ["loudness.json", "loudness-report"],
    ]);
    expect(render.artifacts?.loudness).toHaveLength(2);
    const [a, b] = render.artifacts?.loudness ?? [];
    expect(Math.abs((a?.integratedLufs ?? 0) - (b?.integratedLufs ?? 99))).toBeLessThanOrEqual(0.1);

    const events = await creator.trpc.render.events.query({ id: submitted.id });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    const types = new Set(events.map((e) => e.type));
    for (const type of ["queued", "claimed", "stage", "segment", "artifact", "succeeded"])
      expect(types).toContain(type);
    expect(log.some((line) => line.startsWith(`claimed render ${submitted.id}`))).toBe(true);
    expect(log).toContain(`completed render ${submitted.id}`);
  });
});
