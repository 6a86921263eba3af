import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  arrangementSchema,
  ENGINE_VERSION,
  type RenderSpec,
  renderSpecSchema,
  type Tone3000Reference,
} from "@gts/api/contract";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { synthNamCapture } from "../../../dev/demo/synth-nam-capture.ts";
import { createRenderCaptureFile } from "../amp/render-capture-file.ts";
import type { RenderCaptureFile } from "../arrange/write-shootout-audio.ts";
import { encodeWav } from "../dsp/encode-wav.ts";
import { noise } from "../dsp/test-support/signals.ts";
import {
  TEST_TONE3000_REFERENCE,
  type TestAsset,
  testAsset,
  testCapture,
  testDi,
  testIr,
} from "../test-support/render-test-assets.ts";
import { createNodeApi } from "./node-api.ts";
import { type RenderDaemon, startRenderDaemon } from "./render-daemon.ts";
import { type FakeRenderApi, startFakeRenderApi } from "./test-support/fake-render-api.ts";

const FS = 48_000;
const DI = testDi("asset-di-riff", FS);
const IR = testIr("asset-cab-ir");
/** A capture from TONE3000: the terms forbid caching it. */
const TONE3000_CAPTURE = testCapture("asset-t3k-jcm800", "jcm800-capture-3.nam", "JCM800 capture 3", "crunch");
/** The user's own upload: cached as before, the control for every "not cached" check. */
const OWN_CAPTURE = testCapture("asset-own-clean", "own-clean.nam", "Own clean", "clean");
const REFERENCE = TEST_TONE3000_REFERENCE;
const MODEL_LOG = "using TONE3000 model 4242 for this render only";

function frozen(asset: TestAsset) {
  return { assetId: asset.assetId, sha256: asset.sha256, fileName: asset.fileName };
}

/** Chain A: the TONE3000 capture (or `capture`) into the IR; chain B: the user's own capture into the IR. */
function renderSpec(
  renderId: string,
  options: { capture?: TestAsset; tone3000?: Tone3000Reference | null; irs?: [TestAsset, TestAsset] } = {},
): RenderSpec {
  const capture = options.capture ?? TONE3000_CAPTURE;
  const tone3000 = options.tone3000 === undefined ? REFERENCE : options.tone3000;
  const [irA, irB] = options.irs ?? [IR, IR];
  return renderSpecSchema.parse({
    renderId,
    engineVersion: ENGINE_VERSION,
    shootout: { title: "Daemon test" },
    diTracks: [{ ...frozen(DI), durationSeconds: 1.5, sampleRateHz: FS }],
    chains: [
      {
        name: "TONE3000 JCM800",
        colour: "#f5a524",
        blocks: [
          { type: "capture", ...frozen(capture), ...(tone3000 === null ? {} : { tone3000 }) },
          { type: "ir", ...frozen(irA) },
        ],
      },
      {
        name: "Own clean",
        colour: "#2f7bff",
        blocks: [
          { type: "capture", ...frozen(OWN_CAPTURE) },
          { type: "ir", ...frozen(irB) },
        ],
      },
    ],
    arrangement: arrangementSchema.parse({ mode: "full" }),
  });
}

interface CaptureCall {
  path: string;
  transient: boolean;
  existed: boolean;
}

/** The real amp engine, recording where each capture was read from and whether it came with a transient scope. */
function recordingEngine(graphsDir: string, calls: CaptureCall[], before?: () => Promise<void>): RenderCaptureFile {
  const engine = createRenderCaptureFile({ cacheDir: graphsDir, threads: 1 });
  return async (path, block, input, sampleRateHz, transient) => {
    calls.push({ path, transient: transient !== undefined, existed: existsSync(path) });
    await before?.();
    return engine(path, block, input, sampleRateHz, transient);
  };
}

/** Resolves once the worker is back to claiming after `renderId`'s outcome: its `finally` (cleanup) has run. */
async function workDone(api: FakeRenderApi, renderId: string): Promise<void> {
  await api.outcome(renderId);
  await vi.waitFor(
    () => {
      const end = api.calls.findIndex(
        (call) => call === `render.complete ${renderId}` || call === `render.fail ${renderId}`,
      );
      expect(end).toBeGreaterThanOrEqual(0);
      expect(api.calls.slice(end + 1)).toContain("render.claim");
    },
    { timeout: 10_000, interval: 20 },
  );
}

const filesIn = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).sort();

describe("render daemon: transient (TONE3000) inputs", () => {
  let api: FakeRenderApi;
  let daemon: RenderDaemon;
  let workDir: string;
  const log: string[] = [];
  const captureCalls: CaptureCall[] = [];
  const inputsDir = () => join(workDir, "inputs");
  const graphsDir = () => join(workDir, "graphs");
  const transientDir = (renderId: string) => join(workDir, "jobs", renderId, "transient");

  beforeAll(async () => {
    api = await startFakeRenderApi();
    for (const asset of [DI, IR, OWN_CAPTURE]) api.setInput(asset.sha256, { bytes: asset.bytes });
    // As the api's input route sends a TONE3000 model.
    api.setInput(TONE3000_CAPTURE.sha256, {
      bytes: TONE3000_CAPTURE.bytes,
      headers: { "Cache-Control": "no-store", "X-GTS-Input-Policy": "transient" },
    });
    workDir = await mkdtemp(join(tmpdir(), "gts-daemon-"));
    daemon = startRenderDaemon({
      api: createNodeApi({ apiUrl: api.url, token: "test-token" }),
      workDir,
      capabilities: { cpuCores: 1 },
      renderCaptureFile: recordingEngine(graphsDir(), captureCalls),
      video: false,
      claimWaitSeconds: 1,
      heartbeatMs: 250,
      progressMs: 100,
      stopGraceMs: 5_000,
      log: (line) => log.push(line),
    });
  });

  afterEach(() => {
    captureCalls.length = 0;
  });

  afterAll(async () => {
    await daemon?.stop();
    await api?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("renders a TONE3000 capture from the render's private folder, keeps it out of the cache and deletes it after", async () => {
    api.queueRender(renderSpec("render-t3k-first"));
    await workDone(api, "render-t3k-first");
    const outcome = await api.outcome("render-t3k-first");
    expect(outcome.type, JSON.stringify(outcome)).toBe("complete");
    expect(api.uploads.get("render-t3k-first")).toContain("program.wav");

    // While it rendered, the model sat in the render's private folder and came with a transient scope.
    const t3k = captureCalls.filter((call) => call.path.endsWith(TONE3000_CAPTURE.sha256));
    expect(t3k.length).toBeGreaterThan(0);
    for (const call of t3k) {
      expect(call).toEqual({
        path: join(transientDir("render-t3k-first"), TONE3000_CAPTURE.sha256),
        transient: true,
        existed: true,
      });
    }
    const own = captureCalls.filter((call) => call.path.endsWith(OWN_CAPTURE.sha256));
    expect(own).toEqual([{ path: join(inputsDir(), OWN_CAPTURE.sha256), transient: false, existed: true }]);

    // (a) Nothing of it in the input cache, nor a converted graph of it; the user's own files are cached as before.
    expect(await filesIn(inputsDir())).toEqual([DI.sha256, IR.sha256, OWN_CAPTURE.sha256].sort());
    const graphs = await filesIn(graphsDir());
    expect(graphs.some((name) => name.startsWith(OWN_CAPTURE.sha256))).toBe(true);
    expect(graphs.some((name) => name.includes(TONE3000_CAPTURE.sha256))).toBe(false);
    // (b) The private folder (and the job folder) are gone.
    expect(existsSync(transientDir("render-t3k-first"))).toBe(false);
    expect(await filesIn(join(workDir, "jobs"))).toEqual([]);
    expect(log.filter((line) => line.includes(MODEL_LOG))).toEqual([
      `render render-t3k-first: ${MODEL_LOG} ("JCM800 capture 3" by szymon; not cached)`,
    ]);
  });

  it("downloads the TONE3000 capture again for a later render, while the cached inputs are not downloaded again", async () => {
    const before = new Map(api.downloads);
    api.queueRender(renderSpec("render-t3k-second"));
    await workDone(api, "render-t3k-second");
    expect((await api.outcome("render-t3k-second")).type).toBe("complete");
    // (c) Same sha256, downloaded again; the cached DI, IR and own capture are not.
    expect(api.downloads.get(TONE3000_CAPTURE.sha256)).toBe((before.get(TONE3000_CAPTURE.sha256) ?? 0) + 1);
    for (const asset of [DI, IR, OWN_CAPTURE]) expect(api.downloads.get(asset.sha256)).toBe(1);
    expect(await filesIn(inputsDir())).not.toContain(TONE3000_CAPTURE.sha256);
    expect(existsSync(transientDir("render-t3k-second"))).toBe(false);
    expect(log.filter((line) => line.includes(MODEL_LOG))).toHaveLength(2);
  });

  it("keeps out of the cache any input the api sends as transient or no-store, even without a TONE3000 reference", async () => {
    const noStore = testAsset("asset-ir-no-store", "no-store.wav", encodeWav([noise(1_024, 0.5, 11)], FS));
    const policy = testAsset("asset-ir-policy", "policy.wav", encodeWav([noise(1_024, 0.5, 12)], FS));
    api.setInput(noStore.sha256, { bytes: noStore.bytes, headers: { "Cache-Control": "private, no-store" } });
    api.setInput(policy.sha256, { bytes: policy.bytes, headers: { "X-GTS-Input-Policy": "transient" } });
    const spec = renderSpec("render-api-policy", { capture: OWN_CAPTURE, tone3000: null, irs: [noStore, policy] });
    api.queueRender(spec);
    await workDone(api, "render-api-policy");
    expect((await api.outcome("render-api-policy")).type).toBe("complete");
    const cached = await filesIn(inputsDir());
    expect(cached).not.toContain(noStore.sha256);
    expect(cached).not.toContain(policy.sha256);
    expect(existsSync(transientDir("render-api-policy"))).toBe(false);
    expect(log.filter((line) => line.includes("render render-api-policy: the api marked input"))).toHaveLength(2);

    api.queueRender({ ...spec, renderId: "render-api-policy-again" });
    await workDone(api, "render-api-policy-again");
    expect(api.downloads.get(noStore.sha256)).toBe(2);
    expect(api.downloads.get(policy.sha256)).toBe(2);
  });

  it("deletes the private folder when the render fails, and caches nothing of the model", async () => {
    // A TONE3000 model that is not a valid .nam: downloaded, then refused by the amp engine (a permanent failure).
    const broken = testAsset("asset-t3k-broken", "broken.nam", JSON.stringify({ version: "0.5.4", weights: [] }));
    api.setInput(broken.sha256, { bytes: broken.bytes, headers: { "X-GTS-Input-Policy": "transient" } });
    api.queueRender(renderSpec("render-t3k-fails", { capture: broken }));
    await workDone(api, "render-t3k-fails");
    const outcome = await api.outcome("render-t3k-fails");
    expect(outcome).toMatchObject({ type: "fail", retryable: false, error: { code: "input-invalid" } });
    expect(captureCalls.find((call) => call.path.endsWith(broken.sha256))).toEqual({
      path: join(transientDir("render-t3k-fails"), broken.sha256),
      transient: true,
      existed: true,
    });
    expect(await filesIn(inputsDir())).not.toContain(broken.sha256);
    expect((await filesIn(graphsDir())).some((name) => name.includes(broken.sha256))).toBe(false);
    expect(existsSync(transientDir("render-t3k-fails"))).toBe(false);
    expect(await filesIn(join(workDir, "jobs"))).toEqual([]);
  });

  it("discards a TONE3000 download whose bytes do not match the frozen sha256, leaving nothing behind", async () => {
    const expected = testAsset(
      "asset-t3k-changed",
      "changed.nam",
      JSON.stringify(synthNamCapture({ name: "X", variant: "high-gain" })),
    );
    api.setInput(expected.sha256, { bytes: TONE3000_CAPTURE.bytes, headers: { "X-GTS-Input-Policy": "transient" } });
    api.queueRender(renderSpec("render-t3k-tampered", { capture: expected }));
    await workDone(api, "render-t3k-tampered");
    const outcome = await api.outcome("render-t3k-tampered");
    expect(outcome).toMatchObject({ type: "fail", retryable: true });
    expect(outcome.type === "fail" && outcome.error.message).toMatch(/downloaded bytes hash to/);
    const cached = await filesIn(inputsDir());
    expect(cached).not.toContain(expected.sha256);
    expect(cached).not.toContain(TONE3000_CAPTURE.sha256);
    expect(cached.filter((name) => !/^[0-9a-f]{64}$/.test(name))).toEqual([]);
    expect(await filesIn(join(workDir, "jobs"))).toEqual([]);
  });
});

describe("render daemon: stopping and restarting with transient inputs", () => {
  let api: FakeRenderApi;
  let workDir: string;

  beforeAll(async () => {
    api = await startFakeRenderApi();
    for (const asset of [DI, IR, OWN_CAPTURE]) api.setInput(asset.sha256, { bytes: asset.bytes });
    api.setInput(TONE3000_CAPTURE.sha256, { bytes: TONE3000_CAPTURE.bytes, headers: { "Cache-Control": "no-store" } });
    workDir = await mkdtemp(join(tmpdir(), "gts-daemon-stop-"));
  });

  afterAll(async () => {
    await api?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("deletes on start what a dead node left, and gives back a render on stop with its private folder deleted", async () => {
    // A node killed mid-render left a model behind; another, still running, owns its folder.
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    const stale = join(workDir, "jobs", "render-of-a-dead-node", "transient");
    const live = join(workDir, "jobs", "render-of-a-live-node", "transient");
    for (const [dir, owner] of [
      [stale, dead],
      [live, process.pid],
    ] as const) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, TONE3000_CAPTURE.sha256), TONE3000_CAPTURE.bytes);
      await writeFile(join(dir, ".owner-pid"), String(owner));
    }

    const log: string[] = [];
    const calls: CaptureCall[] = [];
    let entered!: () => void;
    const inEngine = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const daemon = startRenderDaemon({
      api: createNodeApi({ apiUrl: api.url, token: "test-token" }),
      workDir,
      capabilities: {},
      // The first capture waits until the test lets it go: the render is mid-DSP when the node stops.
      renderCaptureFile: recordingEngine(join(workDir, "graphs"), calls, async () => {
        entered();
        await held;
      }),
      video: false,
      claimWaitSeconds: 1,
      heartbeatMs: 250,
      stopGraceMs: 100,
      log: (line) => log.push(line),
    });
    await vi.waitFor(() => expect(log.some((line) => line.startsWith("connected as"))).toBe(true));
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(log).toContain(`deleted ${stale}, left by a node that stopped mid-render`);

    api.queueRender(renderSpec("render-t3k-stopped"));
    await inEngine;
    expect(existsSync(join(workDir, "jobs", "render-t3k-stopped", "transient", TONE3000_CAPTURE.sha256))).toBe(true);
    const stopped = daemon.stop();
    // Past the grace period the render is given back (as on SIGTERM)...
    expect(await api.outcome("render-t3k-stopped")).toMatchObject({
      type: "fail",
      retryable: true,
      error: { code: "node-stopped" },
    });
    // ...and once its work unwinds, its private folder is gone and nothing of the model was cached.
    release();
    await stopped;
    await daemon.done;
    expect(existsSync(join(workDir, "jobs", "render-t3k-stopped"))).toBe(false);
    expect(await filesIn(join(workDir, "inputs"))).not.toContain(TONE3000_CAPTURE.sha256);
    expect(api.calls).not.toContain("render.complete render-t3k-stopped");
  });
});
