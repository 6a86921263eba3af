/**
 * @module `buildShootoutProps`: the video's props from a shootout spec and its rendered audio (cues, loudness). A
 * block using a TONE3000 model (render specs say so on capture and IR blocks) carries its reference into the props:
 * the intro card names the creator and licence, the end card credits each model (remotion helpers/tone3000-credits).
 */
import { basename } from "node:path";
import type {
  Chain,
  ChainBlock,
  Cue,
  NamModelFacts,
  SegmentLoudness,
  ShootoutSpec,
  Tone3000Reference,
} from "@gts/api/contract";
import { computeWaveformPeaks } from "./compute-waveform-peaks.ts";
import { describeBlock } from "./describe-block.ts";
import type { ComparisonVideoProps } from "./render-comparison.ts";

/** Enough peaks for one bar per ~3 px of a 1920 px waveform, and few enough to keep the props small. */
const MAX_WAVEFORM_PEAKS = 640;

/** A chain block; in a render spec, capture and IR blocks name the TONE3000 model they use, if any. */
export type CreditedChainBlock = ChainBlock & { tone3000?: Tone3000Reference | undefined };

/** A shootout spec, or a render spec's view of one: its blocks may carry TONE3000 references. */
export type VideoShootoutSpec = Omit<ShootoutSpec, "chains"> & {
  chains: readonly (Omit<Chain, "blocks"> & { blocks: readonly CreditedChainBlock[] })[];
};

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
  const fileName = (assetId: string) => {
    const path = input.paths.get(assetId);
    return path === undefined ? assetId : basename(path);
  };
  const credits = new Set<string>();
  const chains = input.spec.chains.map((chain) => ({
    name: chain.name,
    colour: chain.colour,
    blocks: chain.blocks.map((block) => {
      // A TONE3000 model is credited from its reference (creditLine, on the end card) instead of a line here.
      const tone3000 = block.type === "capture" || block.type === "ir" ? block.tone3000 : undefined;
      if (block.type === "capture") {
        const facts = input.captureFacts.get(block.assetId) ?? null;
        const card = describeBlock(block, { fileName: fileName(block.assetId), facts });
        if (tone3000 !== undefined) return { ...card, tone3000 };
        credits.add(`Capture “${card.label}”${facts?.modeledBy ? ` by ${facts.modeledBy}` : ""}`);
        return card;
      }
      if (block.type === "ir") {
        const card = describeBlock(block, { fileName: fileName(block.assetId) });
        if (tone3000 !== undefined) return { ...card, tone3000 };
        credits.add(`Cab IR “${card.label}”`);
        return card;
      }
      return describeBlock(block);
    }),
  }));
  credits.add("Loudness-matched and rendered with Guitar Tone Shootout");
  return {
    title: input.spec.title,
    creator: input.creator ?? "",
    dis: input.spec.diTracks.map((track, index) => ({
      name: fileName(track.assetId).replace(/\.[^.]+$/, "") || `DI ${index + 1}`,
      notes: index === 0 ? (input.spec.description.split("\n")[0]?.slice(0, 160) ?? "") : "",
    })),
    chains,
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
    credits: [...credits].slice(0, 24),
    durationSeconds: input.durationSeconds,
  };
}
