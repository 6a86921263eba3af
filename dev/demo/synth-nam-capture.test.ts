import { describe, expect, it } from "vitest";
import { LOUDNESS_TEST_SIGNAL_RMS_DBFS, loudnessTestSignal } from "./capture-loudness-db.ts";
import { createPrng } from "./create-prng.ts";
import { rmsDb, sineAmplitude } from "./signal-metrics.ts";
import { type CaptureVariant, type NamCapture, synthNamCapture } from "./synth-nam-capture.ts";
import { countWaveNetWeights, runWaveNetReference, waveNetReceptiveFieldSamples } from "./wavenet-reference.ts";

const sampleRateHz = 48_000;
const variants: CaptureVariant[] = ["clean", "crunch", "high-gain"];
const captures = Object.fromEntries(
  variants.map((variant) => [variant, synthNamCapture({ name: variant, variant })]),
) as Record<CaptureVariant, NamCapture>;

/** 220 Hz sine at `levelDbfs` peak, 1.1 s: 0.1 s to settle, then exactly 220 periods to analyse. */
function sine(levelDbfs: number): Float64Array {
  const amplitude = 10 ** (levelDbfs / 20);
  return Float64Array.from(
    { length: 1.1 * sampleRateHz },
    (_, n) => amplitude * Math.sin((2 * Math.PI * 220 * n) / sampleRateHz),
  );
}

/** Harmonic amplitudes 1…10 of the 220 Hz response. */
function harmonics(variant: CaptureVariant, levelDbfs: number): number[] {
  const out = runWaveNetReference(captures[variant], sine(levelDbfs));
  const start = 0.1 * sampleRateHz;
  return Array.from({ length: 10 }, (_, i) =>
    sineAmplitude(out, 220 * (i + 1), sampleRateHz, start, start + sampleRateHz),
  );
}
const db = (ratio: number) => 20 * Math.log10(ratio);
function thdDb(h: number[]): number {
  const [fundamental = 0, ...rest] = h;
  return db(Math.sqrt(rest.reduce((sum, v) => sum + v * v, 0)) / fundamental);
}

describe("synthNamCapture", () => {
  it.each(variants)("%s: spec-shaped WaveNet JSON with the metadata the app shows", (variant) => {
    const capture = captures[variant];
    expect(capture).toMatchObject({ version: "0.7.0", architecture: "WaveNet", sample_rate: 48_000 });
    expect(capture.metadata).toMatchObject({
      name: variant,
      modeled_by: "Guitar Tone Shootout demo",
      gear_type: "amp",
    });
    expect(capture.metadata.tone_type).toBe({ clean: "clean", crunch: "crunch", "high-gain": "hi_gain" }[variant]);
    // The core reads head_scale from the last weight; keep the config value in agreement (spec §3.8).
    expect(capture.weights.at(-1)).toBe(capture.config.head_scale);
    expect(capture.weights.every(Number.isFinite)).toBe(true);
    expect(JSON.parse(JSON.stringify(capture))).toEqual(capture);
  });

  it("has exactly the weight count the spec's order implies (233), and P = 46", () => {
    // One array, C = B = 3, K = 3, 4 layers, head kernel 16 with bias:
    //   rechannel 3·1 = 3
    //   per layer: conv 3·3·3 = 27, bias 3, mixin 3·1 = 3, 1×1 3·3 = 9, bias 3 → 45; × 4 layers = 180
    //   head rechannel 1·3·16 = 48, bias 1 → 49
    //   head_scale 1
    //   3 + 180 + 49 + 1 = 233
    // Receptive field: 1 + (3−1)·(1 + 2 + 4 + 8) + (16−1)·1 = 46.
    for (const capture of Object.values(captures)) {
      expect(capture.weights).toHaveLength(countWaveNetWeights(capture.config));
      expect(capture.weights).toHaveLength(233);
      expect(waveNetReceptiveFieldSamples(capture.config)).toBe(46);
    }
  });

  it.each(variants)("%s: causal with a 46-sample memory — a click changes only the next 46 outputs", (variant) => {
    const prng = createPrng(3);
    const input = Float64Array.from({ length: 400 }, () => 0.3 * prng.gaussian());
    const clicked = input.slice();
    clicked[200] = (clicked[200] ?? 0) + 0.5;
    const a = runWaveNetReference(captures[variant], input);
    const b = runWaveNetReference(captures[variant], clicked);
    a.forEach((v, t) => {
      if (t < 200 || t >= 200 + 46) expect(b[t], `t = ${t}`).toBe(v);
    });
    expect(b[200]).not.toBe(a[200]);
  });

  it.each(variants)("%s: output is bounded and silent for silence, even for absurd inputs", (variant) => {
    const capture = captures[variant];
    // |tanh| ≤ 1, so |out| ≤ head_scale · (Σ|head weights| + |head bias|): the head weights are the 48 + 1 before head_scale.
    const head = capture.weights.slice(-50, -1);
    const bound = Math.abs(capture.config.head_scale) * head.reduce((sum, w) => sum + Math.abs(w), 0);
    const prng = createPrng(9);
    const loudNoise = Float64Array.from({ length: 4800 }, () => 10 * prng.gaussian());
    const out = runWaveNetReference(capture, loudNoise);
    expect(out.every((v) => Number.isFinite(v) && Math.abs(v) <= bound + 1e-12)).toBe(true);
    expect(bound).toBeLessThan(2);
    const silence = runWaveNetReference(capture, new Float64Array(480));
    expect(silence.every((v) => Math.abs(v) < 1e-6)).toBe(true);
  });

  it("clean: nearly linear at a quiet level (THD < −30 dB at −30 dBFS; gain the same at −40 dBFS)", () => {
    const quiet = harmonics("clean", -30);
    const quieter = harmonics("clean", -40);
    expect(thdDb(quiet)).toBeLessThan(-30);
    expect(db(quiet[0] ?? 0) + 30).toBeCloseTo(db(quieter[0] ?? 0) + 40, 1);
  });

  it("crunch: a loud sine (−6 dBFS) comes out with strong odd harmonics (3rd ≥ −20 dB re fundamental)", () => {
    const h = harmonics("crunch", -6);
    expect(db((h[2] ?? 0) / (h[0] ?? 1))).toBeGreaterThan(-20);
    // …but is still fairly clean when played softly.
    expect(thdDb(harmonics("crunch", -40))).toBeLessThan(-30);
  });

  it("high-gain: saturated already at a moderate level (3rd ≥ −15 dB at −18 dBFS) and compressed", () => {
    const h = harmonics("high-gain", -18);
    expect(db((h[2] ?? 0) / (h[0] ?? 1))).toBeGreaterThan(-15);
    // 24 dB more input, < 3 dB more output: the hallmark of a high-gain amp.
    const loudFundamental = harmonics("high-gain", -6)[0] ?? 0;
    const softFundamental = harmonics("high-gain", -30)[0] ?? 0;
    expect(db(loudFundamental / softFundamental)).toBeLessThan(3);
  });

  it("distortion grows from clean to crunch to high-gain at the same input (−18 dBFS)", () => {
    const [clean, crunch, highGain] = variants.map((variant) => thdDb(harmonics(variant, -18)));
    expect(clean).toBeLessThan(-30);
    expect(crunch).toBeGreaterThan((clean ?? 0) + 10);
    expect(highGain).toBeGreaterThan((crunch ?? 0) + 5);
  });

  it.each(variants)("%s: metadata.loudness matches a recomputation on the −18 dBFS-RMS test signal", (variant) => {
    const signal = loudnessTestSignal();
    expect(rmsDb(signal)).toBeCloseTo(LOUDNESS_TEST_SIGNAL_RMS_DBFS, 6);
    // Through JSON, as a reader of the file would see it.
    const capture = JSON.parse(JSON.stringify(captures[variant])) as NamCapture;
    const out = runWaveNetReference(capture, signal);
    expect(capture.metadata.loudness).toBeCloseTo(rmsDb(out), 3);
    // Plausible amp levels (real captures: about −15 … −30 dB).
    expect(capture.metadata.loudness).toBeGreaterThan(-30);
    expect(capture.metadata.loudness).toBeLessThan(-12);
  });
});
