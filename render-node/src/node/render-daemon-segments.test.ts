import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { arrangementSchema, ENGINE_VERSION, type RenderSpec, renderSpecSchema } from "@gts/api/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { synthNamCapture } from "../../../dev/demo/synth-nam-capture.ts";
import { createRenderCaptureFile } from "../amp/render-capture-file.ts";
import { encodeWav } from "../dsp/encode-wav.ts";
import { guitarRiff, noise } from "../dsp/test-support/signals.ts";
import { createNodeApi, type NodeApi } from "./node-api.ts";
import { startRenderDaemon } from "./render-daemon.ts";
import { type FakeRenderApi, startFakeRenderApi } from "./test-support/fake-render-api.ts";

const FS = 48_000;

function asset(assetId: string, fileName: string, bytes: Uint8Array | string) {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  return { assetId, fileName, bytes: data, sha256: createHash("sha256").update(data).digest("hex") };
}

const DI = asset("asset-di", "riff.wav", encodeWav([guitarRiff(1, FS)], FS));
const IR = asset("asset-ir", "cab.wav", encodeWav([noise(1_024, 1, 5).map((v, i) => v * Math.exp(-i / 200))], FS));
const CLEAN = asset("asset-clean", "clean.nam", JSON.stringify(synthNamCapture({ name: "Clean", variant: "clean" })));
const CRUNCH = asset(
  "asset-crunch",
  "crunch.nam",
  JSON.stringify(synthNamCapture({ name: "Crunch", variant: "crunch" })),
);

function spec(renderId: string): RenderSpec {
  const frozen = ({ assetId, sha256, fileName }: ReturnType<typeof asset>) => ({ assetId, sha256, fileName });
  return renderSpecSchema.parse({
    renderId,
    engineVersion: ENGINE_VERSION,
    shootout: { title: "Segments through the daemon" },
    diTracks: [{ ...frozen(DI), durationSeconds: 1, sampleRateHz: FS }],
    chains: [CLEAN, CRUNCH].map((capture, index) => ({
      name: capture.fileName,
      colour: index ? "#f5a524" : "#2f7bff",
      blocks: [
        { type: "capture", ...frozen(capture) },
        { type: "ir", ...frozen(IR) },
      ],
    })),
    arrangement: arrangementSchema.parse({ mode: "full" }),
  });
}

/** The node api, recording what the daemon sends to `render.report` and `render.complete`. */
function recordingApi(url: string, sent: { procedure: string; input: Record<string, unknown> }[]): NodeApi {
  const real = createNodeApi({ apiUrl: url, token: "test-token" });
  const render = new Proxy(real.trpc.render, {
    get(target, prop) {
      const procedure = Reflect.get(target, prop) as { mutate: (input: unknown) => Promise<unknown> };
      if (prop !== "report" && prop !== "complete") return procedure;
      return {
        mutate: (input: Record<string, unknown>) => {
          sent.push({ procedure: prop, input });
          return procedure.mutate(input);
        },
      };
    },
  });
  const trpc = new Proxy(real.trpc, {
    get: (target, prop) => (prop === "render" ? render : Reflect.get(target, prop)),
  });
  return { ...real, trpc };
}

describe("render daemon: segment cache", () => {
  let api: FakeRenderApi;
  let workDir: string;

  beforeAll(async () => {
    api = await startFakeRenderApi();
    for (const input of [DI, IR, CLEAN, CRUNCH]) api.setInput(input.sha256, { bytes: input.bytes });
    workDir = await mkdtemp(join(tmpdir(), "gts-daemon-segments-"));
  });

  afterAll(async () => {
    await api?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  function start(
    dir: string,
    log: string[],
    sent: { procedure: string; input: Record<string, unknown> }[],
    bytes?: number,
  ) {
    const daemon = startRenderDaemon({
      api: recordingApi(api.url, sent),
      workDir: dir,
      ...(bytes === undefined ? {} : { segmentCacheBytes: bytes }),
      capabilities: {},
      renderCaptureFile: createRenderCaptureFile({ threads: 1 }),
      video: false,
      claimWaitSeconds: 1,
      heartbeatMs: 250,
      progressMs: 100,
      stopGraceMs: 5_000,
      log: (line) => log.push(line),
    });
    return daemon;
  }

  const stageMessages = (sent: { procedure: string; input: Record<string, unknown> }[], renderId: string) =>
    sent
      .filter(({ procedure, input }) => procedure === "report" && input.renderId === renderId)
      .flatMap(({ input }) => input.events as { type: string; message?: string }[])
      .flatMap((event) => (event.type === "stage" && event.message ? [event.message] : []));
  const timingsOf = (sent: { procedure: string; input: Record<string, unknown> }[], renderId: string) =>
    sent.find(({ procedure, input }) => procedure === "complete" && input.renderId === renderId)?.input.timings as
      | Record<string, number>
      | undefined;

  it("logs, reports and times the segments it read from the cache on a re-render (on by default)", async () => {
    const log: string[] = [];
    const sent: { procedure: string; input: Record<string, unknown> }[] = [];
    const daemon = start(workDir, log, sent);
    try {
      api.queueRender(spec("render-segments-1"));
      expect((await api.outcome("render-segments-1")).type).toBe("complete");
      api.queueRender(spec("render-segments-2"));
      expect((await api.outcome("render-segments-2")).type).toBe("complete");
    } finally {
      await daemon.stop();
    }

    expect(
      log.filter((line) => line.includes("segments:")).map((line) => line.replace(/in [\d.]+ s/, "in T s")),
    ).toEqual([
      "render render-segments-1: audio in T s; segments: 0 cached, 2 rendered",
      "render render-segments-2: audio in T s; segments: 2 cached, 0 rendered",
    ]);
    expect(stageMessages(sent, "render-segments-1")).toEqual(["chain 1 of 2: rendered", "chain 2 of 2: rendered"]);
    expect(stageMessages(sent, "render-segments-2")).toEqual(["chain 1 of 2: cached", "chain 2 of 2: cached"]);
    expect(timingsOf(sent, "render-segments-1")).toMatchObject({ segmentsCached: 0, segmentsRendered: 2 });
    const timings = timingsOf(sent, "render-segments-2");
    expect(timings).toMatchObject({ segmentsCached: 2, segmentsRendered: 0 });
    for (const name of ["fetchSeconds", "audioSeconds", "videoSeconds", "uploadSeconds", "totalSeconds"]) {
      expect(timings?.[name], name).toBeGreaterThanOrEqual(0);
    }
    expect((await readdir(join(workDir, "segments"))).filter((name) => name.endsWith(".seg"))).toHaveLength(2);
  });

  it("renders every segment with the segment cache off (segmentCacheBytes 0) and keeps none", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gts-daemon-no-segments-"));
    try {
      const log: string[] = [];
      const sent: { procedure: string; input: Record<string, unknown> }[] = [];
      const daemon = start(dir, log, sent, 0);
      try {
        for (const renderId of ["render-uncached-1", "render-uncached-2"]) {
          api.queueRender(spec(renderId));
          expect((await api.outcome(renderId)).type).toBe("complete");
        }
      } finally {
        await daemon.stop();
      }
      expect(log.filter((line) => line.includes("segments:")).map((line) => line.replace(/.*segments: /, ""))).toEqual([
        "0 cached, 2 rendered (segment cache off)",
        "0 cached, 2 rendered (segment cache off)",
      ]);
      expect(await readdir(dir)).not.toContain("segments");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
