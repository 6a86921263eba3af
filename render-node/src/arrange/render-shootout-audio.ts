/** @module The whole audio of a shootout, offline: DIs → chains at 48 kHz → loudness matching → program, stems, cues. */
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
  /** Called after each segment renders, e.g. for progress events. */
  onSegment?: (diIndex: number, chainIndex: number) => void;
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
    const [mono] = await resample([selectChannel(di.channels, di.channel)], di.sampleRateHz, fs);
    const perChain: Float32Array[] = [];
    for (const [chainIndex, chain] of input.chains.entries()) {
      perChain.push(
        await applyChain({
          blocks: chain.blocks,
          input: mono as Float32Array,
          sampleRateHz: fs,
          renderCapture: input.renderCapture,
          loadIr,
        }),
      );
      input.onSegment?.(diIndex, chainIndex);
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
