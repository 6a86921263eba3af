/**
 * @module Biquads for the demo-asset synthesisers: the render node's RBJ cookbook designs (one implementation of
 * the formulas), and an in-place float64 filter because the synthesisers work in float64 before writing the files.
 */
import { type BiquadCoefficients, biquadGainDb } from "../../render-node/src/dsp/biquad.ts";
import { type RbjShape, rbjBiquad } from "../../render-node/src/dsp/rbj-biquad.ts";

export type { BiquadCoefficients };
export type BiquadType = "lowpass" | "highpass" | "peaking" | "lowshelf" | "highshelf";

export interface BiquadDesign {
  type: BiquadType;
  frequencyHz: number;
  /** Quality factor; for shelves this is the cookbook's Q too (0.707 ≈ no overshoot). */
  q: number;
  /** Only used by peaking and shelf filters. */
  gainDb?: number;
  sampleRateHz: number;
}

const SHAPES: Record<BiquadType, RbjShape> = {
  lowpass: "lowPass",
  highpass: "highPass",
  peaking: "peak",
  lowshelf: "lowShelf",
  highshelf: "highShelf",
};

export function designBiquad({ type, frequencyHz, q, gainDb = 0, sampleRateHz }: BiquadDesign): BiquadCoefficients {
  return rbjBiquad(SHAPES[type], frequencyHz, sampleRateHz, q, gainDb);
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

/** Magnitude response in dB at `frequencyHz`. */
export const biquadResponseDb = biquadGainDb;
