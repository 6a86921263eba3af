import { abArrangementSchema, fullArrangementSchema } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import { sine } from "../dsp/test-support/signals.ts";
import { arrangeProgram, PROGRAM_SAMPLE_RATE_HZ } from "./arrange-program.ts";
import { findRiffs } from "./find-riffs.ts";

const FS = PROGRAM_SAMPLE_RATE_HZ;

function maxStep(signal: Float32Array): number {
  let max = 0;
  for (let i = 1; i < signal.length; i++)
    max = Math.max(max, Math.abs((signal[i] as number) - (signal[i - 1] as number)));
  return max;
}

describe("arrangeProgram: ab", () => {
  // Two "chains" that are the same 100 Hz sine in opposite phase: a hard cut between them jumps by up to 2 × 0.5.
  const amplitude = 0.5;
  const a = sine(100, 20 * Math.log10(amplitude), 10, FS);
  const b = sine(100, 20 * Math.log10(amplitude), 10, FS, Math.PI);
  const riffs = [
    { startSeconds: 0.5, endSeconds: 4.5 },
    { startSeconds: 5.013, endSeconds: 9.5 },
  ];

  it("has no join discontinuity larger than a 10 ms equal-power crossfade allows, where a hard cut clicks", () => {
    const arrangement = abArrangementSchema.parse({ mode: "ab", riffSeconds: 4, rounds: 2, crossfadeMs: 10 });
    const { program } = arrangeProgram(arrangement, [{ riffs, chains: [a, b] }]);
    const crossfade = 0.01 * FS;
    const omega = (2 * Math.PI * 100) / FS;
    // |Δ(g_out·x + g_in·y)| ≤ A·ω·(g_out + g_in) + A·(|Δg_out| + |Δg_in|) ≤ A·ω·√2 + 2·A·(π/2)/C.
    const allowed = amplitude * omega * Math.SQRT2 + (2 * amplitude * (Math.PI / 2)) / crossfade;
    const step = maxStep(program[0]);
    const hardCut = maxStep(arrangeProgram({ ...arrangement, crossfadeMs: 0 }, [{ riffs, chains: [a, b] }]).program[0]);
    console.log(
      `A/B joins: max step ${step.toExponential(3)} (allowed ${allowed.toExponential(3)}, sine alone ${(amplitude * omega).toExponential(3)}); hard cut ${hardCut.toFixed(3)}`,
    );
    expect(step).toBeLessThanOrEqual(allowed);
    expect(hardCut).toBeGreaterThan(0.5);
  });

  it("plays every riff chain after chain for each round, sample-aligned, with touching cues", () => {
    const arrangement = abArrangementSchema.parse({ mode: "ab", riffSeconds: 4, rounds: 2, crossfadeMs: 10 });
    const { program, stems, cues, durationSeconds } = arrangeProgram(arrangement, [{ riffs, chains: [a, b] }]);
    expect(cues.map((c) => [c.chainIndex, c.riffIndex])).toEqual([
      [0, 0],
      [1, 0],
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [0, 1],
      [1, 1],
    ]);
    for (let i = 1; i < cues.length; i++) expect(cues[i]?.startSeconds).toBe(cues[i - 1]?.endSeconds);
    expect(cues[0]?.startSeconds).toBe(0);
    expect(cues.at(-1)?.endSeconds).toBeCloseTo(durationSeconds, 9);
    // 8 clips of 4 s overlapping by 7 × 10 ms.
    expect(program[0].length).toBe(8 * 4 * FS - 7 * 480);
    // Mid-clip, the program is exactly the chain's render at the riff's own DI sample.
    const clipStart = (k: number) => k * (4 * FS - 480);
    const second = clipStart(1) + FS;
    expect(program[0][second]).toBe(b[Math.round(0.5 * FS) + FS]);
    const fifth = clipStart(4) + 2 * FS;
    expect(program[1][fifth]).toBe(a[Math.round(5.013 * FS) + 2 * FS]);
    // Stems share the clock: stem 0 holds chain 0 where the program plays chain 1.
    expect(stems).toHaveLength(2);
    expect(stems[0]?.[0][second]).toBe(a[Math.round(0.5 * FS) + FS]);
    expect(stems[1]?.[0].length).toBe(program[0].length);
  });

  it("finds riffs itself when none are marked", () => {
    const arrangement = abArrangementSchema.parse({ mode: "ab", riffSeconds: 3, rounds: 1 });
    const di = new Float32Array(12 * FS);
    di.set(sine(110, -10, 2.5, FS), Math.round(1 * FS));
    di.set(sine(110, -10, 4, FS), Math.round(6 * FS));
    const { cues, riffsUsed } = arrangeProgram(arrangement, [{ riffs: [], chains: [di, di] }]);
    expect(riffsUsed[0]?.map((r) => Number(r.startSeconds.toFixed(2)))).toEqual([0.97, 5.97]);
    expect(cues).toHaveLength(4);
  });
});

describe("arrangeProgram: full", () => {
  it("plays each segment whole with the gap between, cues covering each segment", () => {
    const a = sine(220, -6, 2, FS);
    const b = sine(330, -6, 2, FS);
    const arrangement = fullArrangementSchema.parse({ mode: "full", gapSeconds: 1 });
    const { program, cues, durationSeconds } = arrangeProgram(arrangement, [{ riffs: [], chains: [a, b] }]);
    expect(durationSeconds).toBe(5);
    expect(cues).toEqual([
      { startSeconds: 0, endSeconds: 2, chainIndex: 0, diIndex: 0 },
      { startSeconds: 3, endSeconds: 5, chainIndex: 1, diIndex: 0 },
    ]);
    expect(program[0].subarray(2 * FS, 3 * FS).every((v) => v === 0)).toBe(true);
    expect(program[0][FS]).toBe(a[FS]);
    expect(program[1][4 * FS]).toBe(b[FS]);
  });

  it("rejects renders that are not sample-aligned", () => {
    const arrangement = fullArrangementSchema.parse({ mode: "full" });
    expect(() =>
      arrangeProgram(arrangement, [{ riffs: [], chains: [new Float32Array(10), new Float32Array(11)] }]),
    ).toThrow(/chain 1 is 11 samples, chain 0 is 10/);
  });
});

describe("findRiffs", () => {
  it("returns nothing for silence and back-to-back windows for a DI without pauses", () => {
    expect(findRiffs(new Float32Array(FS), FS, 4)).toEqual([]);
    const riffs = findRiffs(sine(110, -10, 13, FS), FS, 4);
    expect(riffs.map((r) => [r.startSeconds, r.endSeconds])).toEqual([
      [0, 4],
      [4, 8],
      [8, 12],
    ]);
  });
});
