/**
 * @module Audio benchmark (`node render-node/bench/bench-audio.ts`): renders the demo shootout's audio (amp engine
 * included) and times ffmpeg's ebur128 on its program; renders a 60 s two-chain program without captures
 * (gate, eq, cab IR, delay/reverb, matching, arrangement), then times our BS.1770 measurement of it against Debian
 * ffmpeg's `ebur128=peak=true` on the same file in the same run. The demo shootout is then rendered twice more through
 * a segment cache: cold (empty: every chain rendered and written) and warm (every chain read back; loudness matching,
 * arrangement and files only), side by side. The last line is one JSON object of all figures.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import {
  abArrangementSchema,
  chainBlockSchema,
  ENGINE_VERSION,
  fullArrangementSchema,
  type RenderChainBlock,
} from "@gts/api/contract";
import { generateDemoAssets } from "../../dev/demo/generate-demo-assets.ts";
import { createRenderCaptureFile } from "../src/amp/render-capture-file.ts";
import { arrangeProgram, PROGRAM_SAMPLE_RATE_HZ } from "../src/arrange/arrange-program.ts";
import { SegmentCache, segmentCacheKey, segmentStoreOf } from "../src/arrange/segment-cache.ts";
import { writeShootoutAudio } from "../src/arrange/write-shootout-audio.ts";
import { applyChain } from "../src/dsp/apply-chain.ts";
import { decodeAudio } from "../src/dsp/decode-audio.ts";
import { encodeWav } from "../src/dsp/encode-wav.ts";
import { matchLoudness } from "../src/dsp/match-loudness.ts";
import { measureLoudness } from "../src/dsp/measure-loudness.ts";
import { FFMPEG_PATH, ffmpegEbur128, hasFfmpeg } from "../src/dsp/test-support/ffmpeg-ebur128.ts";
import { guitarRiff, noise } from "../src/dsp/test-support/signals.ts";

const FS = PROGRAM_SAMPLE_RATE_HZ;
const RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function time<T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

/** A 4 096-tap "cabinet": decaying noise, darkened; enough to exercise the partitioned convolution. */
function syntheticCab(seed: number): Float32Array {
  const ir = noise(4_096, 1, seed);
  let state = 0;
  for (let i = 0; i < ir.length; i++) {
    state = 0.7 * state + 0.3 * (ir[i] as number);
    ir[i] = state * Math.exp(-i / 600);
  }
  return ir;
}

const scratch = mkdtempSync(join(tmpdir(), "gts-bench-audio-"));
try {
  const di = guitarRiff(30, FS, 7);
  const chains = [
    [
      { type: "gate", thresholdDb: -60 },
      { type: "eq", bands: [{ kind: "peak", frequencyHz: 800, gainDb: 3, q: 1 }], highPassHz: 80 },
      { type: "ir", assetId: "cab_a_00000001" },
      { type: "reverb", decaySeconds: 1.5 },
    ],
    [
      { type: "gain", gainDb: 6 },
      { type: "eq", bands: [{ kind: "highShelf", frequencyHz: 4000, gainDb: -4 }], lowPassHz: 9000 },
      { type: "ir", assetId: "cab_b_00000001" },
      { type: "delay", timeMs: 350, feedback: 0.3, mix: 0.2 },
    ],
  ].map((blocks) => blocks.map((block) => chainBlockSchema.parse(block)));
  const cabs: Record<string, Float32Array> = { cab_a_00000001: syntheticCab(1), cab_b_00000001: syntheticCab(2) };

  const render = await time(async () => {
    const renders: Float32Array[] = [];
    for (const blocks of chains) {
      renders.push(
        await applyChain({
          blocks,
          input: di,
          sampleRateHz: FS,
          renderCapture: async () => {
            throw new Error("the bench has no capture blocks");
          },
          loadIr: async (block) => ({ sampleRateHz: FS, channels: [cabs[block.assetId] as Float32Array] }),
        }),
      );
    }
    // Measured as heard: each mono chain sits in the centre of the stereo program, i.e. dual mono [x, x].
    const matched = matchLoudness(
      renders.map((r, chainIndex) => ({ diIndex: 0, chainIndex, channels: [r, r], sampleRateHz: FS })),
    );
    const arranged = arrangeProgram(fullArrangementSchema.parse({ mode: "full", gapSeconds: 0 }), [
      { riffs: [], chains: matched.segments.map((s) => s.channels[0] as Float32Array) },
    ]);
    return encodeWav(arranged.program, FS);
  });
  const programPath = join(scratch, "program.wav");
  writeFileSync(programPath, render.value);

  const bytes = readFileSync(programPath);
  const decoded = await decodeAudio(bytes, "program.wav");
  const oursMs: number[] = [];
  const oursNoTruePeakMs: number[] = [];
  const oursWithDecodeMs: number[] = [];
  const ffmpegMs: number[] = [];
  let ours = measureLoudness(decoded.channels, FS);
  let reference = { integratedLufs: Number.NaN, truePeakDbtp: Number.NaN, lraLu: Number.NaN };
  for (let run = 0; run < RUNS; run++) {
    const measured = await time(() => measureLoudness(decoded.channels, FS));
    oursMs.push(measured.ms);
    ours = measured.value;
    oursNoTruePeakMs.push((await time(() => measureLoudness(decoded.channels, FS, { truePeak: false }))).ms);
    oursWithDecodeMs.push(
      (
        await time(async () =>
          measureLoudness((await decodeAudio(readFileSync(programPath), "program.wav")).channels, FS),
        )
      ).ms,
    );
    if (hasFfmpeg) {
      const peer = await time(() => ffmpegEbur128(programPath));
      ffmpegMs.push(peer.ms);
      reference = peer.value;
    }
  }

  // The demo shootout (dev/demo: the synthesized DI through three WaveNet captures and a cab), rendered with the amp
  // engine the way `render-audio` does it, then measured by ffmpeg as well.
  const demoDir = join(scratch, "demo");
  const demo = await generateDemoAssets(demoDir);
  // Contract asset ids stand in for the files, as the api's ids do for a node's cache.
  const idOf = new Map(demo.map((asset, index) => [asset, `demo_asset_${index}`]));
  const pathOf = new Map(demo.map((asset) => [idOf.get(asset) as string, asset.path]));
  const demoDi = demo.find((a) => a.kind === "di");
  const demoIr = demo.find((a) => a.kind === "ir");
  if (!demoDi || !demoIr) throw new Error("the demo generator wrote no DI or IR");
  const demoChains = demo
    .filter((a) => a.kind === "capture")
    .map((capture) => ({
      blocks: [
        chainBlockSchema.parse({ type: "capture", assetId: idOf.get(capture) }),
        chainBlockSchema.parse({ type: "ir", assetId: idOf.get(demoIr) }),
      ],
    }));
  const demoTrack = {
    assetId: idOf.get(demoDi) as string,
    channel: "left" as const,
    riffs: [{ startSeconds: 0.25, endSeconds: 4.25 }],
  };
  const renderCaptureFile = createRenderCaptureFile();
  let cachedSegments = 0;
  const renderDemo = (outDir: string, chainAudio?: ReturnType<typeof segmentStoreOf>) =>
    writeShootoutAudio({
      diTracks: [demoTrack],
      chains: demoChains,
      arrangement: abArrangementSchema.parse({ mode: "ab" }),
      fileOf: (assetId) => pathOf.get(assetId) ?? assetId,
      renderCaptureFile,
      outDir: join(scratch, outDir),
      ...(chainAudio ? { chainAudio } : {}),
      onSegment: (_diIndex, _chainIndex, cached) => {
        if (cached) cachedSegments++;
      },
    });
  const demoRender = await time(() => renderDemo("demo-render"));
  const demoFfmpeg = hasFfmpeg ? await time(() => ffmpegEbur128(demoRender.value.files.program)) : null;

  // Cold and warm through the segment cache (amp sessions already loaded by the render above, so the difference is
  // the chains' work alone). Keys as the render daemon makes them, from the files' SHA-256.
  const demoDiRateHz = (await decodeAudio(readFileSync(demoDi.path), demoDi.fileName)).sampleRateHz;
  const assetOf = new Map(demo.map((asset) => [idOf.get(asset) as string, asset]));
  const keys = [
    demoChains.map((chain) =>
      segmentCacheKey({
        engineVersion: ENGINE_VERSION,
        di: { sha256: demoDi.sha256, channel: demoTrack.channel, sampleRateHz: demoDiRateHz },
        blocks: chain.blocks.map((block) => {
          if (block.type !== "capture" && block.type !== "ir") return block;
          const file = assetOf.get(block.assetId);
          return { ...block, sha256: file?.sha256, fileName: file?.fileName } as RenderChainBlock;
        }),
        sampleRateHz: FS,
      }),
    ),
  ];
  const segments = new SegmentCache({ dir: join(scratch, "segments"), maxBytes: 1024 ** 3 });
  const cold = await time(() => renderDemo("demo-cold", segmentStoreOf(segments, keys, FS)));
  if (cachedSegments !== 0) throw new Error("the cold render found segments in an empty cache");
  const warm = await time(() => renderDemo("demo-warm", segmentStoreOf(segments, keys, FS)));
  const sameBytes = (a: string, b: string) => readFileSync(a).equals(readFileSync(b));
  const warmIdentical =
    cachedSegments === demoChains.length &&
    [demoRender, cold].every(
      (other) =>
        sameBytes(other.value.files.program, warm.value.files.program) &&
        other.value.files.stems.every((stem, index) => sameBytes(stem, warm.value.files.stems[index] as string)),
    );

  const figures = {
    demoShootoutAudioMs: Math.round(demoRender.ms),
    demoProgramSeconds: Number(demoRender.value.audio.durationSeconds.toFixed(2)),
    demoProgramFfmpegEbur128Ms: demoFfmpeg ? Math.round(demoFfmpeg.ms) : null,
    coldRenderMs: Math.round(cold.ms),
    warmRenderMs: Math.round(warm.ms),
    warmSegmentsCached: cachedSegments,
    warmProgramAndStemsIdentical: warmIdentical,
    programDurationSeconds: decoded.channels[0]?.length ? (decoded.channels[0].length as number) / FS : 0,
    programChannels: decoded.channels.length,
    renderWithoutCapturesMs: Math.round(render.ms),
    oursLoudnessMs: Math.round(median(oursMs)),
    oursLoudnessWithoutTruePeakMs: Math.round(median(oursNoTruePeakMs)),
    oursDecodeAndLoudnessMs: Math.round(median(oursWithDecodeMs)),
    ffmpegEbur128Ms: hasFfmpeg ? Math.round(median(ffmpegMs)) : null,
    ffmpegPath: hasFfmpeg ? FFMPEG_PATH : null,
    oursIntegratedLufs: Number(ours.integratedLufs.toFixed(3)),
    ffmpegIntegratedLufs: reference.integratedLufs,
    oursTruePeakDbtp: Number(ours.truePeakDbtp.toFixed(3)),
    ffmpegTruePeakDbtp: reference.truePeakDbtp,
    oursLraLu: Number(ours.lraLu.toFixed(2)),
    ffmpegLraLu: reference.lraLu,
    runs: RUNS,
    cpuModel: cpus()[0]?.model ?? "unknown",
    cpuCount: availableParallelism(),
    node: process.version,
  };
  console.log(
    `60 s program rendered (no captures) in ${figures.renderWithoutCapturesMs} ms; loudness: ours ${figures.oursLoudnessMs} ms ` +
      `(${figures.oursLoudnessWithoutTruePeakMs} ms without true peak, ${figures.oursDecodeAndLoudnessMs} ms with decode), ` +
      `ffmpeg ebur128 ${figures.ffmpegEbur128Ms ?? "n/a"} ms (process, decode and 192 kHz true peak included); median of ${RUNS}`,
  );
  console.log(
    `demo shootout (3 captures + cab, ${figures.demoProgramSeconds} s program) rendered in ${figures.demoShootoutAudioMs} ms; ` +
      `ffmpeg ebur128 on that program ${figures.demoProgramFfmpegEbur128Ms ?? "n/a"} ms`,
  );
  console.log(
    `demo shootout through the segment cache: cold ${figures.coldRenderMs} ms (every chain rendered and written), ` +
      `warm ${figures.warmRenderMs} ms (${cachedSegments} of ${demoChains.length} chains cached); ` +
      `program and stems ${warmIdentical ? "byte-identical" : "DIFFER"}`,
  );
  console.log(JSON.stringify(figures));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
