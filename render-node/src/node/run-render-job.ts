/**
 * @module One render, from input files to artifact files: the audio (program, stems, cues, loudness report) in a
 * job folder, with progress as a fraction of the stage. The daemon fetches the inputs before and uploads after.
 */
import { join } from "node:path";
import type { ArtifactKind, Cue, RenderSpec, SegmentLoudness } from "@gts/api/contract";
import type { RenderCaptureFile } from "../arrange/write-shootout-audio.ts";
import { writeShootoutAudio } from "../arrange/write-shootout-audio.ts";

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
}

export async function runRenderJob(options: {
  spec: RenderSpec;
  /** Where the input with this SHA-256 is on disk (the daemon's cache). */
  inputPath: (sha256: string) => string;
  workDir: string;
  renderCaptureFile?: RenderCaptureFile;
  onProgress: (stage: "dsp", fraction: number) => void;
}): Promise<JobResult> {
  const { spec } = options;
  const shaOf = new Map<string, string>();
  for (const track of spec.diTracks) shaOf.set(track.assetId, track.sha256);
  for (const chain of spec.chains) {
    for (const block of chain.blocks)
      if (block.type === "capture" || block.type === "ir") shaOf.set(block.assetId, block.sha256);
  }
  const segments = spec.diTracks.length * spec.chains.length;
  let done = 0;
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
    outDir: join(options.workDir, "out"),
    onSegment: () => options.onProgress("dsp", ++done / segments),
  });
  return {
    artifacts: [
      { name: "program.wav", kind: "program-wav", path: files.program, contentType: "audio/wav" },
      ...files.stems.map((path, chainIndex) => ({
        name: `stem-${chainIndex}.wav`,
        kind: "stem" as const,
        path,
        contentType: "audio/wav",
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
