import { describe, expect, it } from "vitest";
import { peakDb, rmsDb, sineAmplitude } from "./signal-metrics.ts";
import {
  DI_RIFF_DURATION_SECONDS,
  DI_RIFF_LAST_SOUND_SECONDS,
  DI_RIFF_LEAD_IN_SECONDS,
  synthDiRiff,
} from "./synth-di-riff.ts";

const sampleRateHz = 48_000;
const riff = synthDiRiff({ sampleRateHz, seed: 1 });
const at = (seconds: number) => Math.round(seconds * sampleRateHz);

describe("synthDiRiff", () => {
  it("is 8 s of mono audio at the requested rate", () => {
    expect(riff).toBeInstanceOf(Float32Array);
    expect(riff.length).toBe(DI_RIFF_DURATION_SECONDS * sampleRateHz);
    expect(synthDiRiff({ sampleRateHz: 44_100, seed: 1 }).length).toBe(DI_RIFF_DURATION_SECONDS * 44_100);
  });

  it("is deterministic per seed", () => {
    expect(synthDiRiff({ sampleRateHz, seed: 1 })).toEqual(riff);
    expect(synthDiRiff({ sampleRateHz, seed: 2 })).not.toEqual(riff);
  });

  it("peaks like a real DI (−12…−3 dBFS, in fact −6) and never clips", () => {
    const peak = peakDb(riff);
    expect(peak).toBeGreaterThan(-12);
    expect(peak).toBeLessThan(-3);
    expect(peak).toBeCloseTo(-6, 1);
    expect(riff.every((v) => Math.abs(v) < 1 && Number.isFinite(v))).toBe(true);
  });

  it("has ≥ 100 ms of noise-floor-only silence at both ends", () => {
    const leadIn = [0, at(DI_RIFF_LEAD_IN_SECONDS) - at(0.005)] as const;
    const tail = [at(DI_RIFF_LAST_SOUND_SECONDS), riff.length] as const;
    for (const [start, end] of [leadIn, tail]) {
      expect(end - start).toBeGreaterThanOrEqual(at(0.1));
      expect(rmsDb(riff, start, end)).toBeLessThan(-75);
      expect(rmsDb(riff, start, end)).toBeGreaterThan(-90); // a noise floor, not digital silence
      expect(peakDb(riff, start, end)).toBeLessThan(-55);
    }
  });

  it("keeps playing through the middle (every 250 ms window from 0.25 s to 7 s is loud)", () => {
    for (let t = DI_RIFF_LEAD_IN_SECONDS; t < 7; t += 0.25) {
      expect(rmsDb(riff, at(t), at(t + 0.25)), `window at ${t} s`).toBeGreaterThan(-40);
    }
  });

  it("ends on an E5 chord: the strongest partial of the final ring is a harmonic of E2", () => {
    const start = at(6.6);
    const end = at(7.1);
    let best = { frequencyHz: 0, amplitude: 0 };
    for (let frequencyHz = 60; frequencyHz <= 400; frequencyHz += 0.5) {
      const amplitude = sineAmplitude(riff, frequencyHz, sampleRateHz, start, end);
      if (amplitude > best.amplitude) best = { frequencyHz, amplitude };
    }
    const e2Hz = 82.41;
    const harmonic = Math.round(best.frequencyHz / e2Hz);
    expect(harmonic).toBeGreaterThanOrEqual(1);
    expect(Math.abs(best.frequencyHz - harmonic * e2Hz)).toBeLessThan(0.01 * harmonic * e2Hz);
  });
});
