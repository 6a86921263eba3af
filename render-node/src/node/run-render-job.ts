/**
 * @module One render, from input files to artifact files: the audio (program, stems, cues, loudness report), then
 * the video (16:9, the optional 9:16 short) and its thumbnail, in a job folder, with progress as a fraction of the
 * stage. The daemon fetches the inputs before and uploads after. Transient inputs (TONE3000 models) are rendered
 * through a scope that releases everything the amp engine derived from them when the job ends. With a segment cache,
 * chain outputs rendered before (same DI, chain and engine) are read back instead of rendered (see segment-cache.ts);
 * those made from transient inputs are never written to it.
 */
import { join } from "node:path";
import type { ArtifactKind, Cue, NamModelFacts, RenderSpec, SegmentLoudness } from "@gts/api/contract";
import { PROGRAM_SAMPLE_RATE_HZ } from "../arrange/arrange-program.ts";
import type { ShootoutAudio } from "../arrange/render-shootout-audio.ts";
import {
  type SegmentCache,
  type SegmentCacheStats,
  segmentCacheKey,
  segmentStoreOf,
} from "../arrange/segment-cache.ts";
import type { RenderCaptureFile, ShootoutAudioFiles, TransientScope } from "../arrange/write-shootout-audio.ts";
import { writeShootoutAudio } from "../arrange/write-shootout-audio.ts";
import { buildShootoutProps } from "../video/build-shootout-props.ts";
import { readCaptureFacts } from "../video/read-capture-facts.ts";
import { renderComparison, renderThumbnail, type VideoComposition } from "../video/render-comparison.ts";

export interface JobArtifact {
  name: string;
  kind: ArtifactKind;
  path: string;
  contentType: string;
  chainIndex?: number;
}

export interface JobResult {
  artifacts: JobArtifact[];
  cues: Cue[];
  loudness: SegmentLoudness[];
  /** Where each segment's audio came from. */
  segments: SegmentCacheStats;
  /** Wall time of the audio (chains, matching, arrangement, files) and of the videos and thumbnail. */
  timings: { audioSeconds: number; videoSeconds: number };
}

export interface RenderJobOptions {
  spec: RenderSpec;
  /** Where the input with this SHA-256 is on disk (the daemon's cache, or the render's private folder). */
  inputPath: (sha256: string) => string;
  /**
   * SHA-256 of inputs that must not outlive the render besides those the spec marks as TONE3000 models (the api's
   * `X-GTS-Input-Policy: transient`): their captures render without the amp engine's caches.
   */
  transientInputs?: ReadonlySet<string>;
  workDir: string;
  renderCaptureFile?: RenderCaptureFile;
  /** False for an audio-only node (`render-node start --no-video`). */
  video: boolean;
  /** Rendered chain outputs kept across renders; without it every segment is rendered. */
  segmentCache?: SegmentCache;
  /** The amp engine's output-changing settings (e.g. `gpu=auto`), part of every segment's key. */
  engineSettings?: string;
  /** Notes for the node's log (segment cache trouble). */
  log?: (line: string) => void;
  /** `message` says, per segment, whether it was read from the segment cache ("chain 2 of 3: cached"). */
  onProgress: (stage: "dsp" | "video", fraction: number, message?: string) => void;
  /** Stops the job between segments and videos (the daemon aborts it when the lease is lost or given back). */
  signal?: AbortSignal;
}

export async function runRenderJob(options: RenderJobOptions): Promise<JobResult> {
  const { spec } = options;
  const shaOf = new Map<string, string>();
  const transient = new Set(options.transientInputs);
  for (const track of spec.diTracks) {
    shaOf.set(track.assetId, track.sha256);
    if (track.tone3000 !== undefined) transient.add(track.sha256);
  }
  for (const chain of spec.chains) {
    for (const block of chain.blocks) {
      if (block.type !== "capture" && block.type !== "ir") continue;
      shaOf.set(block.assetId, block.sha256);
      if (block.tone3000 !== undefined) transient.add(block.sha256);
    }
  }
  const releases: Array<() => Promise<void>> = [];
  const scope: TransientScope = { onEnd: (release) => void releases.push(release) };
  const releaseTransient = async () => {
    for (const release of releases.splice(0)) await release().catch(() => {});
  };
  const segmentCount = spec.diTracks.length * spec.chains.length;
  // Null for a segment that must never be cached (made from a TONE3000 model or another transient input).
  const keys = spec.diTracks.map((track) =>
    spec.chains.map((chain) =>
      segmentCacheKey({
        engineVersion: spec.engineVersion,
        ...(options.engineSettings === undefined ? {} : { engineSettings: options.engineSettings }),
        di: track,
        blocks: chain.blocks,
        sampleRateHz: PROGRAM_SAMPLE_RATE_HZ,
        transient,
      }),
    ),
  );
  const segments: SegmentCacheStats = { cached: 0, rendered: 0, notCacheable: 0 };
  let done = 0;
  const audioStarted = performance.now();
  try {
    const { audio, files } = await writeShootoutAudio({
      diTracks: spec.diTracks,
      chains: spec.chains,
      arrangement: spec.arrangement,
      fileOf: (assetId, what) => {
        const sha256 = shaOf.get(assetId);
        if (!sha256) throw new Error(`${what} ${assetId} is not an input of render ${spec.renderId}`);
        return options.inputPath(sha256);
      },
      ...(options.renderCaptureFile ? { renderCaptureFile: options.renderCaptureFile } : {}),
      transientOf: (assetId) => (transient.has(shaOf.get(assetId) ?? "") ? scope : undefined),
      outDir: join(options.workDir, "out"),
      ...(options.segmentCache
        ? { chainAudio: segmentStoreOf(options.segmentCache, keys, PROGRAM_SAMPLE_RATE_HZ, options.log) }
        : {}),
      onSegment: (diIndex, chainIndex, cached) => {
        const outcome = cached
          ? "cached"
          : (keys[diIndex]?.[chainIndex] ?? null) === null
            ? "notCacheable"
            : "rendered";
        segments[outcome]++;
        options.signal?.throwIfAborted();
        const di = spec.diTracks.length > 1 ? `DI ${diIndex + 1} of ${spec.diTracks.length}, ` : "";
        const said = cached ? "cached" : outcome === "rendered" ? "rendered" : "rendered (not cacheable)";
        options.onProgress(
          "dsp",
          ++done / segmentCount,
          `${di}chain ${chainIndex + 1} of ${spec.chains.length}: ${said}`,
        );
      },
    });
    const audioSeconds = (performance.now() - audioStarted) / 1000;
    // The video reads only the capture's metadata: the amp sessions of transient captures can go now.
    await releaseTransient();
    const videoStarted = performance.now();
    const videoArtifacts = options.video ? await renderVideos(options, audio, files.program) : [];
    const timings = { audioSeconds, videoSeconds: (performance.now() - videoStarted) / 1000 };
    return { ...jobResult(videoArtifacts, files, audio), segments, timings };
  } finally {
    await releaseTransient();
  }
}

function jobResult(
  videoArtifacts: JobArtifact[],
  files: ShootoutAudioFiles,
  audio: ShootoutAudio,
): Omit<JobResult, "segments" | "timings"> {
  return {
    artifacts: [
      ...videoArtifacts,
      { name: "program.wav", kind: "program-wav", path: files.program, contentType: "audio/wav" },
      ...files.stems.map((path, chainIndex) => ({
        name: `stem-${chainIndex}.wav`,
        kind: "stem" as const,
        path,
        contentType: "audio/wav",
        chainIndex,
      })),
      // The same stems as 24-bit FLAC, for the share page's player (the WAVs stay: they are the downloads).
      ...files.listenStems.map((path, chainIndex) => ({
        name: `stem-${chainIndex}.flac`,
        kind: "listen-stem" as const,
        path,
        contentType: "audio/flac",
        chainIndex,
      })),
      { name: "cues.json", kind: "cue-list", path: files.cues, contentType: "application/json" },
      { name: "loudness.json", kind: "loudness-report", path: files.loudness, contentType: "application/json" },
    ],
    cues: audio.cues,
    loudness: audio.loudness.segments.map(({ diIndex, chainIndex, gainDb, integratedLufs, truePeakDbtp }) => ({
      diIndex,
      chainIndex,
      gainDb,
      integratedLufs,
      truePeakDbtp,
    })),
  };
}

/** The 16:9 video, the 9:16 short when the spec asks for it, and the thumbnail. */
async function renderVideos(
  options: RenderJobOptions,
  audio: ShootoutAudio,
  programPath: string,
): Promise<JobArtifact[]> {
  const { spec } = options;
  const captureFacts = new Map<string, NamModelFacts | null>();
  const fileNames = new Map<string, string>(spec.diTracks.map((t) => [t.assetId, t.fileName]));
  for (const chain of spec.chains) {
    for (const block of chain.blocks) {
      if (block.type !== "capture" && block.type !== "ir") continue;
      fileNames.set(block.assetId, block.fileName);
      if (block.type === "capture")
        captureFacts.set(block.assetId, await readCaptureFacts(options.inputPath(block.sha256)));
    }
  }
  const props = buildShootoutProps({
    spec: {
      ...spec.shootout,
      visibility: "private",
      diTracks: spec.diTracks,
      chains: spec.chains,
      arrangement: spec.arrangement,
    },
    paths: fileNames,
    captureFacts,
    program: audio.program,
    cues: audio.cues,
    loudness: audio.loudness.segments,
    achievedLufs: audio.loudness.achievedLufs,
    durationSeconds: audio.durationSeconds,
  });
  const outDir = join(options.workDir, "out");
  const videos: Array<{ composition: VideoComposition; artifact: JobArtifact }> = [
    {
      composition: "Shootout",
      artifact: { name: "video.mp4", kind: "video", path: join(outDir, "video.mp4"), contentType: "video/mp4" },
    },
  ];
  if (spec.output.short9x16) {
    videos.push({
      composition: "ShootoutShort",
      artifact: { name: "short.mp4", kind: "video-short", path: join(outDir, "short.mp4"), contentType: "video/mp4" },
    });
  }
  for (const [index, { composition, artifact }] of videos.entries()) {
    options.signal?.throwIfAborted();
    await renderComparison({
      props,
      programWavPath: programPath,
      outPath: artifact.path,
      composition,
      onProgress: (fraction) => options.onProgress("video", (index + fraction) / videos.length),
    });
  }
  const thumbnail: JobArtifact = {
    name: "thumbnail.png",
    kind: "thumbnail",
    path: join(outDir, "thumbnail.png"),
    contentType: "image/png",
  };
  options.signal?.throwIfAborted();
  await renderThumbnail({ props, outPath: thumbnail.path });
  return [...videos.map((v) => v.artifact), thumbnail];
}
