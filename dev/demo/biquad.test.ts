import { describe, expect, it } from "vitest";
import { applyBiquadInPlace, biquadResponseDb, designBiquad } from "./biquad.ts";
import { sineAmplitude } from "./signal-metrics.ts";

const sampleRateHz = 48_000;

describe("designBiquad", () => {
  it("puts a Butterworth low-pass/high-pass −3 dB point at the cut-off", () => {
    const lowpass = designBiquad({ type: "lowpass", frequencyHz: 1000, q: Math.SQRT1_2, sampleRateHz });
    const highpass = designBiquad({ type: "highpass", frequencyHz: 1000, q: Math.SQRT1_2, sampleRateHz });
    expect(biquadResponseDb(lowpass, 1000, sampleRateHz)).toBeCloseTo(-3.01, 1);
    expect(biquadResponseDb(highpass, 1000, sampleRateHz)).toBeCloseTo(-3.01, 1);
    expect(biquadResponseDb(lowpass, 100, sampleRateHz)).toBeCloseTo(0, 1);
    expect(biquadResponseDb(highpass, 100, sampleRateHz)).toBeLessThan(-39);
  });

  it("gives peaking and shelving filters their gain where the cookbook says", () => {
    const peak = designBiquad({ type: "peaking", frequencyHz: 2800, q: 1.6, gainDb: 6, sampleRateHz });
    expect(biquadResponseDb(peak, 2800, sampleRateHz)).toBeCloseTo(6, 5);
    expect(biquadResponseDb(peak, 100, sampleRateHz)).toBeCloseTo(0, 1);
    const lowShelf = designBiquad({ type: "lowshelf", frequencyHz: 200, q: Math.SQRT1_2, gainDb: -6, sampleRateHz });
    expect(biquadResponseDb(lowShelf, 20, sampleRateHz)).toBeCloseTo(-6, 1);
    expect(biquadResponseDb(lowShelf, 10_000, sampleRateHz)).toBeCloseTo(0, 1);
    const highShelf = designBiquad({ type: "highshelf", frequencyHz: 4000, q: Math.SQRT1_2, gainDb: 4, sampleRateHz });
    expect(biquadResponseDb(highShelf, 20_000, sampleRateHz)).toBeCloseTo(4, 1);
    expect(biquadResponseDb(highShelf, 100, sampleRateHz)).toBeCloseTo(0, 1);
  });

  it("filters a sine by the designed response", () => {
    const lowpass = designBiquad({ type: "lowpass", frequencyHz: 1000, q: Math.SQRT1_2, sampleRateHz });
    const sine = Float64Array.from({ length: 2 * sampleRateHz }, (_, n) =>
      Math.sin((2 * Math.PI * 4000 * n) / sampleRateHz),
    );
    applyBiquadInPlace(lowpass, sine);
    const measuredDb = 20 * Math.log10(sineAmplitude(sine, 4000, sampleRateHz, sampleRateHz, 2 * sampleRateHz));
    expect(measuredDb).toBeCloseTo(biquadResponseDb(lowpass, 4000, sampleRateHz), 2);
  });
});
