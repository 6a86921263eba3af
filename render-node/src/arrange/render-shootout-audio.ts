/**
 * @module The whole audio of a shootout, offline: DIs → chains at 48 kHz (or their output kept from an earlier render)
 * → loudness matching → program, stems, cues.
 */
import type { ChainBlock, Cue, DiChannel, ResolvedArrangement, Riff } from "@gts/api/contract";
import { applyChain, type LoadIr, type RenderCapture } from "../dsp/apply-chain.ts";
import { matchLoudness, type SegmentLoudnessReport } from "../dsp/match-loudness.ts";
import { resample } from "../dsp/resample.ts";
import { selectChannel } from "../dsp/select-channel.ts";
import { arrangeProgram, PROGRAM_SAMPLE_RATE_HZ } from "./arrange-program.ts";

/** One decoded DI with its channel choice and riffs (contract `DiTrack` fields). */
export interface ShootoutDi {
  sampleRateHz: number;
  channels: Float32Array[];
  channel: DiChannel;
  riffs: readonly Riff[];
}

/** Inputs of {@link renderShootoutAudio}. */
export interface ShootoutAudioInput {
  dis: readonly ShootoutDi[];
  /** Chains in shootout order; blocks with defaults filled (render-spec blocks fit too: they only add fields). */
  chains: readonly { blocks: readonly ChainBlock[] }[];
  arrangement: ResolvedArrangement;
  renderCapture: RenderCapture;
  loadIr: LoadIr;
  /** Chain outputs kept across renders (see segment-cache.ts); without it every segment is rendered. */
  chainAudio?: ChainAudioStore;
  /** Called after each segment is ready, e.g. for progress events; `cached` when it came from `chainAudio`. */
  onSegment?: (diIndex: number, chainIndex: number, cached: boolean) => void;
}

/**
 * Where rendered chain outputs are kept between renders: one DI's whole mono output through one chain, at 48 kHz,
 * before loudness matching (which depends on every segment at once) and arrangement (which cuts riffs from it).
 */
export interface ChainAudioStore {
  /** The segment's audio from an earlier render, or null (not kept, or a segment that must not be kept). */
  load(diIndex: number, chainIndex: number): Promise<Float32Array | null>;
  /** Keeps a freshly rendered segment, unless it must not be kept; never throws. */
  store(diIndex: number, chainIndex: number, audio: Float32Array): Promise<void>;
}

/** The rendered audio and its loudness report. */
export interface ShootoutAudio {
  program: [Float32Array, Float32Array];
  stems: [Float32Array, Float32Array][];
  cues: Cue[];
  durationSeconds: number;
  riffsUsed: Riff[][];
  loudness: {
    targetLufs: number;
    truePeakCeilingDbtp: number;
    achievedLufs: number;
    ceilingReductionDb: number;
    note: string;
    segments: SegmentLoudnessReport[];
  };
}

/**
 * Renders every DI through every chain at 48 kHz (the program rate, and the usual capture training rate; captures at
 * another rate are the amp engine's to resample), matches all segments of all DIs to the arrangement's target under
 * one common ceiling reduction, and arranges them. Segments are measured as heard: dual mono in the stereo program.
 */
export async function renderShootoutAudio(input: ShootoutAudioInput): Promise<ShootoutAudio> {
  const fs = PROGRAM_SAMPLE_RATE_HZ;
  // Every DI goes through the same chains: load (and decode) each IR once.
  const irCache = new Map<string, ReturnType<LoadIr>>();
  const loadIr: LoadIr = (block) => {
    let loaded = irCache.get(block.assetId);
    if (loaded === undefined) {
      loaded = input.loadIr(block);
      irCache.set(block.assetId, loaded);
    }
    return loaded;
  };
  const renders: Float32Array[][] = [];
  for (const [diIndex, di] of input.dis.entries()) {
    // Resampled only when some chain is not in the store.
    let mono: Float32Array | undefined;
    const perChain: Float32Array[] = [];
    for (const [chainIndex, chain] of input.chains.entries()) {
      const kept = (await input.chainAudio?.load(diIndex, chainIndex)) ?? null;
      if (kept !== null) {
        perChain.push(kept);
        input.onSegment?.(diIndex, chainIndex, true);
        continue;
      }
      mono ??= (await resample([selectChannel(di.channels, di.channel)], di.sampleRateHz, fs))[0] as Float32Array;
      const rendered = await applyChain({
        blocks: chain.blocks,
        input: mono,
        sampleRateHz: fs,
        renderCapture: input.renderCapture,
        loadIr,
      });
      await input.chainAudio?.store(diIndex, chainIndex, rendered);
      perChain.push(rendered);
      input.onSegment?.(diIndex, chainIndex, false);
    }
    renders.push(perChain);
  }
  const { loudnessTargetLufs, truePeakCeilingDbtp } = input.arrangement;
  const matched = matchLoudness(
    renders.flatMap((perChain, diIndex) =>
      perChain.map((render, chainIndex) => ({ diIndex, chainIndex, channels: [render, render], sampleRateHz: fs })),
    ),
    { targetLufs: loudnessTargetLufs, truePeakCeilingDbtp },
  );
  const dis = input.dis.map((di, diIndex) => ({
    riffs: di.riffs,
    chains: matched.segments
      .filter((segment) => segment.diIndex === diIndex)
      .sort((a, b) => a.chainIndex - b.chainIndex)
      .map((segment) => segment.channels[0] as Float32Array),
  }));
  const arranged = arrangeProgram(input.arrangement, dis);
  return {
    ...arranged,
    loudness: {
      targetLufs: loudnessTargetLufs,
      truePeakCeilingDbtp,
      achievedLufs: matched.achievedLufs,
      ceilingReductionDb: matched.ceilingReductionDb,
      note: matched.note,
      segments: matched.reports,
    },
  };
}
