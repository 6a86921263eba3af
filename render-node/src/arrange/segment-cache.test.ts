import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  arrangementSchema,
  ENGINE_VERSION,
  type RenderSpec,
  type RenderSpecInput,
  renderSpecSchema,
} from "@gts/api/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRenderCaptureFile } from "../amp/render-capture-file.ts";
import { noise } from "../dsp/test-support/signals.ts";
import { runRenderJob } from "../node/run-render-job.ts";
import {
  TEST_TONE3000_REFERENCE,
  type TestAsset,
  testCapture,
  testDi,
  testIr,
} from "../test-support/render-test-assets.ts";
import { PROGRAM_SAMPLE_RATE_HZ } from "./arrange-program.ts";
import { SegmentCache, segmentCacheKey } from "./segment-cache.ts";
import type { RenderCaptureFile } from "./write-shootout-audio.ts";

// A 44.1 kHz DI, so the DI's resampling to the program rate is part of what the cache stands in for.
const DI_RATE = 44_100;
const DI = testDi("asset-di", DI_RATE);
const IR = testIr("asset-ir");
const CLEAN = testCapture("asset-clean", "clean.nam", "Clean", "clean");
const CRUNCH = testCapture("asset-crunch", "crunch.nam", "Crunch", "crunch");
const HIGH_GAIN = testCapture("asset-high-gain", "high-gain.nam", "High gain", "high-gain");
const REFERENCE = TEST_TONE3000_REFERENCE;

const frozen = (asset: TestAsset) => ({ assetId: asset.assetId, sha256: asset.sha256, fileName: asset.fileName });

/** Two chains: gate → clean capture → cab; crunch capture → cab → eq. */
function baseSpec(): RenderSpecInput {
  return {
    renderId: "render-segments",
    engineVersion: ENGINE_VERSION,
    shootout: { title: "Segment cache" },
    diTracks: [{ ...frozen(DI), durationSeconds: 1.5, sampleRateHz: DI_RATE }],
    chains: [
      {
        name: "Clean",
        colour: "#2f7bff",
        blocks: [
          { type: "gate", thresholdDb: -70 },
          { type: "capture", ...frozen(CLEAN) },
          { type: "ir", ...frozen(IR) },
        ],
      },
      {
        name: "Crunch",
        colour: "#f5a524",
        blocks: [
          { type: "capture", ...frozen(CRUNCH) },
          { type: "ir", ...frozen(IR), gainDb: -2 },
          { type: "eq", bands: [{ kind: "peak", frequencyHz: 800, gainDb: 3 }], highPassHz: 80 },
        ],
      },
    ],
    arrangement: arrangementSchema.parse({ mode: "full" }),
  };
}

function spec(edit: (input: RenderSpecInput) => void = () => {}): RenderSpec {
  const input = structuredClone(baseSpec());
  edit(input);
  return renderSpecSchema.parse(input);
}

/** The blocks of chain `index` of a spec input, for editing. */
function blocksOf(input: RenderSpecInput, index: number): Record<string, unknown>[] {
  return (input.chains[index] as { blocks: Record<string, unknown>[] }).blocks;
}

describe("segment cache: renders through runRenderJob", () => {
  let root: string;
  let inputsDir: string;
  let cacheDir: string;
  let cache: SegmentCache;
  const cacheLog: string[] = [];
  let engineCalls = 0;
  let runs = 0;
  const amp = createRenderCaptureFile({ threads: 1 });
  const engine: RenderCaptureFile = (path, block, input, sampleRateHz, transient) => {
    engineCalls++;
    return amp(path, block, input, sampleRateHz, transient);
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "gts-segment-cache-"));
    inputsDir = join(root, "inputs");
    cacheDir = join(root, "segments");
    await mkdir(inputsDir, { recursive: true });
    for (const asset of [DI, IR, CLEAN, CRUNCH, HIGH_GAIN]) {
      await writeFile(join(inputsDir, asset.sha256), asset.bytes);
    }
    cache = new SegmentCache({ dir: cacheDir, maxBytes: 256 * 1024 ** 2, log: (line) => cacheLog.push(line) });
  });

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  /** Renders `renderSpec` (audio only) and returns its files' bytes, the segment counts and the progress messages. */
  async function render(renderSpec: RenderSpec, options: { cached?: boolean; transientInputs?: Set<string> } = {}) {
    const workDir = join(root, "jobs", `job-${++runs}`);
    const messages: string[] = [];
    const callsBefore = engineCalls;
    const result = await runRenderJob({
      spec: renderSpec,
      inputPath: (sha256) => join(inputsDir, sha256),
      workDir,
      renderCaptureFile: engine,
      video: false,
      ...(options.cached === false ? {} : { segmentCache: cache }),
      ...(options.transientInputs ? { transientInputs: options.transientInputs } : {}),
      onProgress: (_stage, _fraction, message) => {
        if (message !== undefined) messages.push(message);
      },
    });
    const files: Record<string, Buffer> = {};
    for (const artifact of result.artifacts) files[artifact.name] = await readFile(artifact.path);
    await rm(workDir, { recursive: true, force: true });
    return { result, files, messages, engineCalls: engineCalls - callsBefore };
  }

  const keyOf = (renderSpec: RenderSpec, chainIndex: number) =>
    segmentCacheKey({
      engineVersion: renderSpec.engineVersion,
      di: renderSpec.diTracks[0] as RenderSpec["diTracks"][number],
      blocks: (renderSpec.chains[chainIndex] as RenderSpec["chains"][number]).blocks,
      sampleRateHz: PROGRAM_SAMPLE_RATE_HZ,
    }) as string;
  const entries = async () => (await readdir(cacheDir).catch(() => [] as string[])).sort();

  it("hits the cache for every chain on a second render, with byte-identical program and stems (and equal to an uncached render)", async () => {
    const uncached = await render(spec(), { cached: false });
    expect(await entries()).toEqual([]);
    expect(uncached.result.segments).toEqual({ cached: 0, rendered: 2, notCacheable: 0 });

    const first = await render(spec());
    expect(first.result.segments).toEqual({ cached: 0, rendered: 2, notCacheable: 0 });
    expect(first.engineCalls).toBe(2);
    expect(first.messages).toEqual(["chain 1 of 2: rendered", "chain 2 of 2: rendered"]);
    expect(await entries()).toEqual([`${keyOf(spec(), 0)}.seg`, `${keyOf(spec(), 1)}.seg`].sort());

    const second = await render(spec());
    expect(second.result.segments).toEqual({ cached: 2, rendered: 0, notCacheable: 0 });
    expect(second.engineCalls).toBe(0);
    expect(second.messages).toEqual(["chain 1 of 2: cached", "chain 2 of 2: cached"]);

    const names = [
      "program.wav",
      "stem-0.wav",
      "stem-1.wav",
      "stem-0.flac",
      "stem-1.flac",
      "cues.json",
      "loudness.json",
    ];
    expect(Object.keys(second.files).sort()).toEqual([...names].sort());
    for (const name of names) {
      const bytes = second.files[name] as Buffer;
      expect(bytes.equals(first.files[name] as Buffer), `${name}: cached vs first render`).toBe(true);
      expect(bytes.equals(uncached.files[name] as Buffer), `${name}: cached vs uncached render`).toBe(true);
    }
    expect(cacheLog).toEqual([]);
  });

  it("renders only the new chain after a change of title, chain names, arrangement and riffs, and an added chain", async () => {
    const changed = spec((input) => {
      input.shootout = { title: "Another title", description: "now with a third chain" };
      input.arrangement = arrangementSchema.parse({ mode: "ab", rounds: 1 });
      (input.diTracks[0] as { riffs?: unknown }).riffs = [{ startSeconds: 0.1, endSeconds: 1.4 }];
      Object.assign(input.chains[0] as object, { name: "Renamed", colour: "#00ff00" });
      input.chains.push({
        name: "High gain",
        colour: "#ff0000",
        blocks: [
          { type: "capture", ...frozen(HIGH_GAIN) },
          { type: "ir", ...frozen(IR) },
        ],
      });
    });
    const run = await render(changed);
    expect(run.result.segments).toEqual({ cached: 2, rendered: 1, notCacheable: 0 });
    expect(run.engineCalls).toBe(1);
    expect(run.messages).toEqual(["chain 1 of 3: cached", "chain 2 of 3: cached", "chain 3 of 3: rendered"]);
  });

  it("misses only the chain whose block parameter changed (an enabled flag counts too)", async () => {
    const gain = await render(spec((input) => Object.assign(blocksOf(input, 1)[1] as object, { gainDb: -3 })));
    expect(gain.result.segments).toEqual({ cached: 1, rendered: 1, notCacheable: 0 });
    expect(gain.messages).toEqual(["chain 1 of 2: cached", "chain 2 of 2: rendered"]);

    const bypassed = await render(spec((input) => Object.assign(blocksOf(input, 0)[0] as object, { enabled: false })));
    expect(bypassed.messages).toEqual(["chain 1 of 2: rendered", "chain 2 of 2: cached"]);
    // Another asset id or file name for the same bytes is the same audio.
    const renamed = await render(
      spec((input) => Object.assign(blocksOf(input, 0)[1] as object, { assetId: "asset-other", fileName: "x.nam" })),
    );
    expect(renamed.result.segments).toEqual({ cached: 2, rendered: 0, notCacheable: 0 });
  });

  it("misses every chain for another engine version", async () => {
    const run = await render(spec((input) => Object.assign(input, { engineVersion: "0.0.1-other" })));
    expect(run.result.segments).toEqual({ cached: 0, rendered: 2, notCacheable: 0 });
    expect(run.engineCalls).toBe(2);
  });

  it("never writes a chain with a TONE3000 block, nor one made from an input the api sent as transient", async () => {
    // Chain 1 uses the clean capture as a TONE3000 model; other parameters than before give both chains fresh keys.
    const t3k = spec((input) => {
      Object.assign(blocksOf(input, 0)[0] as object, { thresholdDb: -80 });
      Object.assign(blocksOf(input, 0)[1] as object, { tone3000: REFERENCE });
      Object.assign(blocksOf(input, 1)[1] as object, { gainDb: -4 });
    });
    const before = await entries();
    const first = await render(t3k);
    expect(first.result.segments).toEqual({ cached: 0, rendered: 1, notCacheable: 1 });
    expect(first.messages[0]).toBe("chain 1 of 2: rendered (not cacheable)");
    const written = (await entries()).filter((name) => !before.includes(name));
    expect(written).toEqual([`${keyOf(t3k, 1)}.seg`]);
    // Not under the key it would have without the reference either.
    const withoutReference = (t3k.chains[0]?.blocks ?? []).map((block) => {
      const { tone3000: _dropped, ...plain } = block as typeof block & { tone3000?: unknown };
      return plain as typeof block;
    });
    const plainKey = segmentCacheKey({
      engineVersion: t3k.engineVersion,
      di: t3k.diTracks[0] as RenderSpec["diTracks"][number],
      blocks: withoutReference,
      sampleRateHz: PROGRAM_SAMPLE_RATE_HZ,
    });
    expect(plainKey).toMatch(/^[0-9a-f]{64}$/);
    expect(await entries()).not.toContain(`${plainKey}.seg`);

    const again = await render(t3k);
    expect(again.result.segments).toEqual({ cached: 1, rendered: 0, notCacheable: 1 });
    expect(again.engineCalls).toBe(1);

    // An IR the api marked transient (X-GTS-Input-Policy): the chains using it are rendered and not kept.
    const policy = spec((input) => Object.assign(blocksOf(input, 1)[1] as object, { gainDb: -5 }));
    const beforePolicy = await entries();
    const transient = await render(policy, { transientInputs: new Set([IR.sha256]) });
    expect(transient.result.segments).toEqual({ cached: 0, rendered: 0, notCacheable: 2 });
    expect(await entries()).toEqual(beforePolicy);
  });

  it("detects a corrupt entry, deletes it and renders the chain again", async () => {
    const reference = await render(spec());
    expect(reference.result.segments.cached).toBe(2);
    const path = cache.pathOf(keyOf(spec(), 0));
    const bytes = await readFile(path);
    // A flipped bit in the samples: same size, wrong checksum.
    bytes[bytes.length - 1_000] = (bytes[bytes.length - 1_000] as number) ^ 0x10;
    await writeFile(path, bytes);
    const flipped = await render(spec());
    expect(flipped.result.segments).toEqual({ cached: 1, rendered: 1, notCacheable: 0 });
    expect(cacheLog.at(-1)).toBe(
      `segment cache: deleted corrupt entry ${keyOf(spec(), 0)} (samples do not match their SHA-256)`,
    );
    expect((flipped.files["program.wav"] as Buffer).equals(reference.files["program.wav"] as Buffer)).toBe(true);

    // Re-written whole: a truncated file (a writer that died would leave a .part, but a disk can lose a tail).
    const rewritten = await readFile(path);
    expect(rewritten.length).toBe(bytes.length);
    await writeFile(path, rewritten.subarray(0, rewritten.length - 8));
    const truncated = await render(spec());
    expect(truncated.result.segments).toEqual({ cached: 1, rendered: 1, notCacheable: 0 });
    expect(cacheLog.at(-1)).toMatch(/deleted corrupt entry .* bytes of samples, header says/);
    expect((truncated.files["program.wav"] as Buffer).equals(reference.files["program.wav"] as Buffer)).toBe(true);
    const final = await render(spec());
    expect(final.result.segments).toEqual({ cached: 2, rendered: 0, notCacheable: 0 });
  });
});

describe("SegmentCache", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gts-segment-lru-"));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const key = (n: number) => createHash("sha256").update(String(n)).digest("hex");
  const samples = (n: number) => noise(1_000, 0.5, n);
  /** Sets an entry's last use `secondsAgo` in the past (file times have ms resolution at best). */
  const usedAgo = async (cache: SegmentCache, k: string, secondsAgo: number) => {
    const at = new Date(Date.now() - secondsAgo * 1000);
    await utimes(cache.pathOf(k), at, at);
  };

  it("evicts the least recently used entries beyond the size cap; a read counts as a use", async () => {
    const probe = new SegmentCache({ dir: join(dir, "probe"), maxBytes: 1024 ** 2 });
    await probe.put(key(0), samples(0), 48_000);
    const entryBytes = (await readFile(probe.pathOf(key(0)))).length;

    // Room for three entries.
    const cache = new SegmentCache({ dir: join(dir, "lru"), maxBytes: 3 * entryBytes + 10 });
    for (const n of [1, 2, 3]) {
      expect(await cache.put(key(n), samples(n), 48_000)).toBe(true);
      await usedAgo(cache, key(n), 100 - n); // 1 oldest, 3 newest
    }
    // Reading 1 makes it the most recently used: 2 is now the oldest.
    const hit = await cache.get(key(1));
    expect(hit?.samples).toEqual(samples(1));
    expect(hit?.sampleRateHz).toBe(48_000);
    await cache.put(key(4), samples(4), 48_000);
    expect(await cache.get(key(2))).toBeNull();
    for (const n of [1, 3, 4]) expect(await cache.get(key(n)), `entry ${n}`).not.toBeNull();
    expect((await readdir(join(dir, "lru"))).length).toBe(3);

    // An entry larger than the whole cap is not kept, and evicts nothing.
    expect(await cache.put(key(5), new Float32Array(4 * 1_000), 48_000)).toBe(false);
    expect((await readdir(join(dir, "lru"))).sort()).toEqual([1, 3, 4].map((n) => `${key(n)}.seg`).sort());
  });

  it("treats an entry under another key's name as corrupt, and deletes old temporary files of dead writers", async () => {
    const log: string[] = [];
    const cache = new SegmentCache({ dir: join(dir, "misc"), maxBytes: 1024 ** 2, log: (line) => log.push(line) });
    await cache.put(key(10), samples(10), 48_000);
    await writeFile(cache.pathOf(key(11)), await readFile(cache.pathOf(key(10))));
    expect(await cache.get(key(11))).toBeNull();
    expect(log).toEqual([`segment cache: deleted corrupt entry ${key(11)} (header of another entry)`]);
    expect(await cache.get(key(10))).not.toBeNull();

    const stale = join(dir, "misc", `${key(12)}.999.abcd.part`);
    const fresh = join(dir, "misc", `${key(13)}.999.abcd.part`);
    await writeFile(stale, "half");
    await writeFile(fresh, "half");
    await utimes(stale, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    await cache.evict();
    expect((await readdir(join(dir, "misc"))).sort()).toEqual([`${key(10)}.seg`, `${key(13)}.999.abcd.part`].sort());
  });

  it("keys on the audio, not on names: asset ids, file names, chain names are out; parameters and enabled are in", () => {
    const di = { sha256: DI.sha256, channel: "left" as const, sampleRateHz: DI_RATE };
    const blocks = spec().chains[1]?.blocks ?? [];
    const base = { engineVersion: ENGINE_VERSION, di, blocks, sampleRateHz: 48_000 };
    const k = segmentCacheKey(base);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    const renamed = blocks.map((b) => (b.type === "ir" ? { ...b, assetId: "other-id", fileName: "other.wav" } : b));
    expect(segmentCacheKey({ ...base, blocks: renamed })).toBe(k);
    const variants = [
      { ...base, engineVersion: "9.9.9" },
      { ...base, engineSettings: "gpu=cuda" },
      { ...base, di: { ...di, channel: "right" as const } },
      { ...base, di: { ...di, sha256: IR.sha256 } },
      { ...base, sampleRateHz: 44_100 },
      { ...base, blocks: blocks.map((b) => (b.type === "eq" ? { ...b, enabled: false } : b)) },
      { ...base, blocks: blocks.map((b) => (b.type === "capture" ? { ...b, sha256: HIGH_GAIN.sha256 } : b)) },
      { ...base, blocks: [...blocks].reverse() },
    ];
    const keys = variants.map((variant) => segmentCacheKey(variant));
    expect(new Set([k, ...keys]).size).toBe(variants.length + 1);
    expect(segmentCacheKey({ ...base, transient: new Set([DI.sha256]) })).toBeNull();
    expect(segmentCacheKey({ ...base, di: { ...di, tone3000: REFERENCE } })).toBeNull();
  });
});
