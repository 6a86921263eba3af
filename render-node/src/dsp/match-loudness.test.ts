import { describe, expect, it } from "vitest";
import { type LoudnessSegment, matchLoudness } from "./match-loudness.ts";
import { measureLoudness } from "./measure-loudness.ts";
import { guitarRiff, noise } from "./test-support/signals.ts";

const FS = 48_000;

function segment(chainIndex: number, mono: Float32Array, gain: number): LoudnessSegment {
  const scaled = mono.map((v) => v * gain);
  return { diIndex: 0, chainIndex, channels: [scaled, scaled.slice()], sampleRateHz: FS };
}

describe("matchLoudness", () => {
  it("brings segments of very different levels to −14 LUFS with ≤ 0.1 LU spread, none over −1 dBTP", () => {
    const riff = guitarRiff(6, FS, 7);
    // A clean, peaky chain (high crest factor) and two compressed ones at very different levels.
    const peaky = riff.map((v, i) => v * (i % 4_800 < 200 ? 4 : 0.3));
    const segments = [segment(0, riff, 0.05), segment(1, riff, 1.5), segment(2, peaky, 0.5)];
    const result = matchLoudness(segments);
    const finals = result.reports.map((r) => r.integratedLufs);
    const spread = Math.max(...finals) - Math.min(...finals);
    console.log(
      `matched: ${result.note} spread ${spread.toFixed(4)} LU; ` +
        result.reports
          .map(
            (r) =>
              `chain ${r.chainIndex}: ${r.measuredLufs.toFixed(2)} → ${r.integratedLufs.toFixed(2)} LUFS, TP ${r.truePeakDbtp.toFixed(2)}`,
          )
          .join("; "),
    );
    expect(spread).toBeLessThanOrEqual(0.1);
    for (const [i, matched] of result.segments.entries()) {
      const m = measureLoudness(matched.channels, FS);
      expect(m.truePeakDbtp, `segment ${i} true peak`).toBeLessThanOrEqual(-1);
      let samplePeak = 0;
      for (const channel of matched.channels) for (const v of channel) samplePeak = Math.max(samplePeak, Math.abs(v));
      expect(samplePeak).toBeLessThanOrEqual(10 ** (-1 / 20));
    }
    // The peaky chain forced everything down together.
    expect(result.ceilingReductionDb).toBeGreaterThan(0);
    expect(result.achievedLufs).toBeCloseTo(-14 - result.ceilingReductionDb, 6);
  });

  it("applies exactly target − measured when no ceiling binds, and reports before and after", () => {
    const riff = guitarRiff(5, FS, 3);
    const result = matchLoudness([segment(0, riff, 0.1), segment(1, riff, 0.2)], {
      targetLufs: -23,
      truePeakCeilingDbtp: -1,
    });
    expect(result.ceilingReductionDb).toBe(0);
    for (const report of result.reports) {
      expect(report.integratedLufs).toBeCloseTo(-23, 2);
      expect(report.gainDb).toBeCloseTo(-23 - report.measuredLufs, 9);
    }
    expect((result.reports[0]?.gainDb ?? 0) - (result.reports[1]?.gainDb ?? 0)).toBeCloseTo(20 * Math.log10(2), 3);
  });

  it("refuses a segment with nothing above the −70 LUFS gate", () => {
    expect(() => matchLoudness([segment(3, noise(FS, 1e-5, 1), 1)])).toThrow(/chain 3\): nothing above the −70 LUFS/);
  });
});
