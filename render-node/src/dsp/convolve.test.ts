import { describe, expect, it } from "vitest";
import { convolve } from "./convolve.ts";
import { normalizeIr } from "./normalize-ir.ts";
import { noise } from "./test-support/signals.ts";

/** Direct-form linear convolution in float64 (the reference). */
function directConvolution(x: Float32Array, h: Float32Array): Float64Array {
  const y = new Float64Array(x.length + h.length - 1);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    if (xi === 0) continue;
    for (let j = 0; j < h.length; j++) y[i + j] = (y[i + j] as number) + xi * (h[j] as number);
  }
  return y;
}

/** A decaying noise IR with unit peak output for the test input (so "full scale" means |y| ≲ 1). */
function decayingIr(length: number, seed: number): Float32Array {
  const h = noise(length, 1, seed);
  for (let i = 0; i < length; i++) h[i] = (h[i] as number) * Math.exp((-5 * i) / length);
  return normalizeIr(h);
}

describe("convolve (uniformly partitioned overlap-save)", () => {
  for (const irLength of [1, 64, 4_097, 96_000]) {
    it(`equals direct convolution within 1e-6 × full scale for an IR of ${irLength} samples`, () => {
      // A shorter input for the 96 000-tap case keeps the O(n·L) reference under a second.
      const inputLength = irLength > 10_000 ? 6_000 : 20_000;
      const x = noise(inputLength, 0.5, 3);
      const h = decayingIr(irLength, 4);
      const expected = directConvolution(x, h);
      let peak = 0;
      for (const v of expected) peak = Math.max(peak, Math.abs(v));
      // Scale so the reference peaks at full scale (1.0): the tolerance is then absolute.
      const actual = convolve(x, h);
      expect(actual).toHaveLength(expected.length);
      let maxError = 0;
      for (let i = 0; i < expected.length; i++) {
        maxError = Math.max(maxError, Math.abs((actual[i] as number) - (expected[i] as number)) / peak);
      }
      console.log(`IR ${irLength}: max |error| ${maxError.toExponential(2)} × full scale`);
      expect(maxError).toBeLessThanOrEqual(1e-6);
    });
  }

  it("truncates to a requested output length and handles an empty input", () => {
    const x = noise(1_000, 0.5, 1);
    const h = decayingIr(300, 2);
    const full = convolve(x, h);
    const cut = convolve(x, h, x.length);
    expect(cut).toEqual(full.subarray(0, x.length));
    expect(convolve(new Float32Array(0), h)).toHaveLength(h.length - 1);
    expect(() => convolve(x, new Float32Array(0))).toThrow(/empty impulse response/);
  });
});

describe("normalizeIr", () => {
  it("scales to unit energy whatever the file's level, and rejects a silent IR", () => {
    const loud = decayingIr(500, 9).map((v) => v * 37);
    const normalised = normalizeIr(loud);
    expect(normalised.reduce((sum, v) => sum + v * v, 0)).toBeCloseTo(1, 5);
    expect(() => normalizeIr(new Float32Array(16), "cab.wav")).toThrow(/cab.wav: the impulse response is silent/);
  });
});
