/** @module Brings every segment to the same integrated loudness (BS.1770-4) under a common true-peak ceiling, and reports it. */
import { ARRANGEMENT_LIMITS, type SegmentLoudness } from "@gts/api/contract";
import { DspInputError } from "./dsp-error.ts";
import { measureLoudness } from "./measure-loudness.ts";

/** One rendered segment: one DI through one chain. */
export interface LoudnessSegment {
  diIndex: number;
  chainIndex: number;
  /**
   * Planar audio as it will be heard; not modified. A mono chain played in the centre of the stereo program is
   * dual mono, so pass `[x, x]`: BS.1770 sums channel powers, and `[x]` alone would read 3 LU quieter than the program.
   */
  channels: Float32Array[];
  sampleRateHz: number;
}

/** The contract's per-segment result (final figures after the gain) plus what was measured before. */
export interface SegmentLoudnessReport extends SegmentLoudness {
  /** Integrated loudness as rendered, before matching, LUFS. */
  measuredLufs: number;
  /** True peak as rendered, before matching, dBTP. */
  measuredTruePeakDbtp: number;
}

/** What {@link matchLoudness} did. */
export interface LoudnessMatch {
  /** The segments with their gain applied (new buffers), in input order. */
  segments: LoudnessSegment[];
  reports: SegmentLoudnessReport[];
  /** Loudness every segment was brought to: the target, or lower when the ceiling forced it. */
  achievedLufs: number;
  /** How far all segments were lowered together to keep the loudest true peak under the ceiling (0 when not needed), dB. */
  ceilingReductionDb: number;
  /** One sentence for the loudness report, saying which of the two rules decided the level. */
  note: string;
}

/** Options; defaults are the arrangement contract's (−14 LUFS, YouTube's reference; −1 dBTP). */
export interface MatchLoudnessOptions {
  targetLufs?: number;
  truePeakCeilingDbtp?: number;
}

/** Aim this far under the ceiling when it decides the level, so float32 rounding of the gained samples cannot cross it. */
const CEILING_MARGIN_DB = 0.01;

/**
 * Gains every segment so that its integrated loudness equals the target. If any segment's true peak would then exceed
 * the ceiling, all segments are lowered together by the largest overshoot (no limiter: a limiter would change the
 * sound of exactly the segments being compared, and lowering all keeps every loudness difference at 0 LU, which is
 * the point of a shootout). Segments with nothing above the −70 LUFS gate cannot be matched and are an error (the
 * contract's `integratedLufs` is never below −70).
 */
export function matchLoudness(segments: readonly LoudnessSegment[], options: MatchLoudnessOptions = {}): LoudnessMatch {
  const targetLufs = options.targetLufs ?? ARRANGEMENT_LIMITS.loudnessTargetLufs.default;
  const ceilingDbtp = options.truePeakCeilingDbtp ?? ARRANGEMENT_LIMITS.truePeakCeilingDbtp.default;
  const measured = segments.map((segment) => {
    const m = measureLoudness(segment.channels, segment.sampleRateHz);
    if (!Number.isFinite(m.integratedLufs)) {
      throw new DspInputError(
        `segment (DI ${segment.diIndex}, chain ${segment.chainIndex}): nothing above the −70 LUFS absolute gate ` +
          "(BS.1770-4 §2.5), so it cannot be loudness-matched: is the chain silent?",
      );
    }
    return m;
  });
  let overshootDb = Number.NEGATIVE_INFINITY;
  for (const m of measured)
    overshootDb = Math.max(overshootDb, m.truePeakDbtp + (targetLufs - m.integratedLufs) - ceilingDbtp);
  const ceilingReductionDb = overshootDb > -CEILING_MARGIN_DB ? overshootDb + CEILING_MARGIN_DB : 0;
  const achievedLufs = targetLufs - ceilingReductionDb;

  const matched: LoudnessSegment[] = [];
  const reports: SegmentLoudnessReport[] = [];
  for (const [i, segment] of segments.entries()) {
    const before = measured[i] as (typeof measured)[number];
    const gainDb = achievedLufs - before.integratedLufs;
    const gain = 10 ** (gainDb / 20);
    const channels = segment.channels.map((channel) => channel.map((sample) => sample * gain));
    const after = measureLoudness(channels, segment.sampleRateHz);
    matched.push({ ...segment, channels });
    reports.push({
      diIndex: segment.diIndex,
      chainIndex: segment.chainIndex,
      gainDb,
      integratedLufs: after.integratedLufs,
      truePeakDbtp: after.truePeakDbtp,
      measuredLufs: before.integratedLufs,
      measuredTruePeakDbtp: before.truePeakDbtp,
    });
  }
  const note =
    ceilingReductionDb > 0
      ? `All segments lowered together by ${ceilingReductionDb.toFixed(2)} dB to ${achievedLufs.toFixed(2)} LUFS so the ` +
        `loudest true peak stays under ${ceilingDbtp} dBTP; no limiter was used, loudness differences stay 0 LU.`
      : `All segments at ${targetLufs} LUFS; every true peak is under ${ceilingDbtp} dBTP without any reduction.`;
  return { segments: matched, reports, achievedLufs, ceilingReductionDb, note };
}
