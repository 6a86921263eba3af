/**
 * @module `buildShootoutProps`: the video's props from a shootout spec and its rendered audio (cues, loudness). The
 * cards (title, DIs, chains with their TONE3000 references, credits) come from remotion's shootoutCards, which the
 * app's live preview shares, so the preview and the rendered video label everything the same way.
 */
import { basename } from "node:path";
import type { Cue, NamModelFacts, SegmentLoudness } from "@gts/api/contract";
import { shootoutCards, type VideoShootoutSpec } from "../../../remotion/src/helpers/shootout-cards.ts";
import { computeWaveformPeaks } from "./compute-waveform-peaks.ts";
import type { ComparisonVideoProps } from "./render-comparison.ts";

export type { CreditedChainBlock, VideoShootoutSpec } from "../../../remotion/src/helpers/shootout-cards.ts";

/** Enough peaks for one bar per ~3 px of a 1920 px waveform, and few enough to keep the props small. */
const MAX_WAVEFORM_PEAKS = 640;

export interface BuildShootoutPropsInput {
  spec: VideoShootoutSpec;
  /** Asset id → file path (offline specs name files; see resolveAssetPaths). */
  paths: ReadonlyMap<string, string>;
  /** `.nam` facts per capture asset id, null where the file could not be read as a `.nam`. */
  captureFacts: ReadonlyMap<string, NamModelFacts | null>;
  program: readonly Float32Array[];
  cues: readonly Cue[];
  loudness: readonly SegmentLoudness[];
  achievedLufs: number;
  durationSeconds: number;
  creator?: string;
}

export function buildShootoutProps(input: BuildShootoutPropsInput): ComparisonVideoProps {
  const cards = shootoutCards(input.spec, {
    fileName: (assetId) => {
      const path = input.paths.get(assetId);
      return path === undefined ? assetId : basename(path);
    },
    captureFacts: (assetId) => input.captureFacts.get(assetId) ?? null,
  });
  return {
    title: cards.title,
    creator: input.creator ?? "",
    dis: cards.dis,
    chains: cards.chains,
    cues: [...input.cues],
    loudness: input.loudness.map(({ diIndex, chainIndex, gainDb, integratedLufs, truePeakDbtp }) => ({
      diIndex,
      chainIndex,
      gainDb,
      integratedLufs,
      truePeakDbtp,
    })),
    achievedLufs: input.achievedLufs,
    waveformPeaks: computeWaveformPeaks(
      input.program,
      Math.max(2, Math.min(MAX_WAVEFORM_PEAKS, Math.round(input.durationSeconds * 20))),
    ),
    credits: cards.credits,
    durationSeconds: input.durationSeconds,
  };
}
