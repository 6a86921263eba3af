import { describe, expect, it } from "vitest";
import { bandLevelDb, peakDb } from "./signal-metrics.ts";
import { CABINET_IR_DURATION_SECONDS, CABINET_IR_PEAK_DBFS, synthCabinetIr } from "./synth-cabinet-ir.ts";

const sampleRateHz = 48_000;
const closed = synthCabinetIr({ sampleRateHz, variant: "4x12-closed", seed: 412 });
const open = synthCabinetIr({ sampleRateHz, variant: "1x12-open", seed: 112 });
const level = (ir: Float32Array, frequencyHz: number) => bandLevelDb(ir, frequencyHz, sampleRateHz);
/** Mean power level over several third-octave bands, so one reflection notch cannot decide a test. */
const regionLevel = (ir: Float32Array, frequenciesHz: number[]) =>
  10 * Math.log10(frequenciesHz.reduce((sum, f) => sum + 10 ** (level(ir, f) / 10), 0) / frequenciesHz.length);
const MIDS_HZ = [500, 700, 1000, 1400];
const PRESENCE_HZ = [2000, 2500, 3000, 3500, 4000];

describe("synthCabinetIr", () => {
  it("is 170 ms long, peak-normalised to −3 dBFS, deterministic per seed", () => {
    for (const ir of [closed, open]) {
      expect(ir.length).toBe(Math.round(CABINET_IR_DURATION_SECONDS * sampleRateHz));
      expect(peakDb(ir)).toBeCloseTo(CABINET_IR_PEAK_DBFS, 3);
    }
    expect(synthCabinetIr({ sampleRateHz, variant: "4x12-closed", seed: 412 })).toEqual(closed);
    expect(synthCabinetIr({ sampleRateHz, variant: "4x12-closed", seed: 413 })).not.toEqual(closed);
  });

  it("is front-loaded like a minimum-phase IR: peak within 0.5 ms, ≥ 90 % of the energy in the first 50 ms", () => {
    for (const ir of [closed, open]) {
      let peakIndex = 0;
      let total = 0;
      let early = 0;
      ir.forEach((v, n) => {
        if (Math.abs(v) > Math.abs(ir[peakIndex] ?? 0)) peakIndex = n;
        total += v * v;
        if (n < 0.05 * sampleRateHz) early += v * v;
      });
      expect(peakIndex).toBeLessThan(0.0005 * sampleRateHz);
      expect(early / total).toBeGreaterThan(0.9);
    }
  });

  it("4x12: a low-mid resonance well above the 8 kHz region (≥ 20 dB) and a high-pass below ~70 Hz", () => {
    expect(level(closed, 120) - level(closed, 8000)).toBeGreaterThanOrEqual(20);
    expect(level(closed, 110)).toBeGreaterThan(level(closed, 1000));
    expect(level(closed, 40)).toBeLessThan(level(closed, 120) - 15);
  });

  it("both: a 2–4 kHz presence region and a steep roll-off above 6 kHz", () => {
    for (const ir of [closed, open]) {
      const presence = regionLevel(ir, PRESENCE_HZ);
      expect(presence).toBeGreaterThan(regionLevel(ir, MIDS_HZ) + 1);
      expect(level(ir, 8000)).toBeLessThan(presence - 20);
      expect(level(ir, 10_000)).toBeLessThan(presence - 35);
    }
  });

  it("1x12 open back is thinner: ≥ 6 dB less low end (100 Hz re the mids) than the 4x12", () => {
    const lowEnd = (ir: Float32Array) => level(ir, 100) - regionLevel(ir, MIDS_HZ);
    expect(lowEnd(open)).toBeLessThan(lowEnd(closed) - 6);
  });

  it("1x12 open back has more early reflections (more energy from 1 to 10 ms re the first millisecond)", () => {
    const reflectionRatio = (ir: Float32Array) => {
      let direct = 0;
      let early = 0;
      ir.forEach((v, n) => {
        if (n < 0.001 * sampleRateHz) direct += v * v;
        else if (n < 0.01 * sampleRateHz) early += v * v;
      });
      return early / direct;
    };
    expect(reflectionRatio(open)).toBeGreaterThan(reflectionRatio(closed));
  });
});
