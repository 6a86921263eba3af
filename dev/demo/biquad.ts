/** @module RBJ "Audio EQ Cookbook" biquads (design + in-place filtering) for the demo-asset synthesisers. */

export type BiquadType = "lowpass" | "highpass" | "peaking" | "lowshelf" | "highshelf";

/** Normalised coefficients (a0 = 1): y[n] = b0·x[n] + b1·x[n−1] + b2·x[n−2] − a1·y[n−1] − a2·y[n−2]. */
export interface BiquadCoefficients {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

export interface BiquadDesign {
  type: BiquadType;
  frequencyHz: number;
  /** Quality factor; for shelves this is the cookbook's Q too (0.707 ≈ no overshoot). */
  q: number;
  /** Only used by peaking and shelf filters. */
  gainDb?: number;
  sampleRateHz: number;
}

/** Coefficients from Robert Bristow-Johnson's cookbook formulas (bilinear transform, frequency pre-warped). */
export function designBiquad({ type, frequencyHz, q, gainDb = 0, sampleRateHz }: BiquadDesign): BiquadCoefficients {
  const w0 = (2 * Math.PI * frequencyHz) / sampleRateHz;
  const cosW0 = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  const amplitude = 10 ** (gainDb / 40);
  let b0: number;
  let b1: number;
  let b2: number;
  let a0: number;
  let a1: number;
  let a2: number;
  switch (type) {
    case "lowpass":
      b0 = (1 - cosW0) / 2;
      b1 = 1 - cosW0;
      b2 = b0;
      a0 = 1 + alpha;
      a1 = -2 * cosW0;
      a2 = 1 - alpha;
      break;
    case "highpass":
      b0 = (1 + cosW0) / 2;
      b1 = -(1 + cosW0);
      b2 = b0;
      a0 = 1 + alpha;
      a1 = -2 * cosW0;
      a2 = 1 - alpha;
      break;
    case "peaking":
      b0 = 1 + alpha * amplitude;
      b1 = -2 * cosW0;
      b2 = 1 - alpha * amplitude;
      a0 = 1 + alpha / amplitude;
      a1 = -2 * cosW0;
      a2 = 1 - alpha / amplitude;
      break;
    case "lowshelf":
    case "highshelf": {
      const sign = type === "lowshelf" ? 1 : -1;
      const twoSqrtAAlpha = 2 * Math.sqrt(amplitude) * alpha;
      b0 = amplitude * (amplitude + 1 - sign * (amplitude - 1) * cosW0 + twoSqrtAAlpha);
      b1 = sign * 2 * amplitude * (amplitude - 1 - sign * (amplitude + 1) * cosW0);
      b2 = amplitude * (amplitude + 1 - sign * (amplitude - 1) * cosW0 - twoSqrtAAlpha);
      a0 = amplitude + 1 + sign * (amplitude - 1) * cosW0 + twoSqrtAAlpha;
      a1 = -sign * 2 * (amplitude - 1 + sign * (amplitude + 1) * cosW0);
      a2 = amplitude + 1 + sign * (amplitude - 1) * cosW0 - twoSqrtAAlpha;
      break;
    }
  }
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0 };
}

/** Filters `samples` in place (transposed direct form II, zero initial state) and returns the same array. */
export function applyBiquadInPlace(coefficients: BiquadCoefficients, samples: Float64Array): Float64Array {
  const { b0, b1, b2, a1, a2 } = coefficients;
  let s1 = 0;
  let s2 = 0;
  for (let n = 0; n < samples.length; n++) {
    const x = samples[n] ?? 0;
    const y = b0 * x + s1;
    s1 = b1 * x - a1 * y + s2;
    s2 = b2 * x - a2 * y;
    samples[n] = y;
  }
  return samples;
}

/** Magnitude response in dB at `frequencyHz` (evaluates H(e^{jω}) directly; used to check designs). */
export function biquadResponseDb(coefficients: BiquadCoefficients, frequencyHz: number, sampleRateHz: number): number {
  const { b0, b1, b2, a1, a2 } = coefficients;
  const w = (2 * Math.PI * frequencyHz) / sampleRateHz;
  const c1 = Math.cos(w);
  const s1 = Math.sin(w);
  const c2 = Math.cos(2 * w);
  const s2 = Math.sin(2 * w);
  const numRe = b0 + b1 * c1 + b2 * c2;
  const numIm = -(b1 * s1 + b2 * s2);
  const denRe = 1 + a1 * c1 + a2 * c2;
  const denIm = -(a1 * s1 + a2 * s2);
  return 10 * Math.log10((numRe * numRe + numIm * numIm) / (denRe * denRe + denIm * denIm));
}
