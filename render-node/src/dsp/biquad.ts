/** @module A second-order IIR section (biquad) in transposed direct form II, run in float64 state over float32 buffers. */

/** Normalised coefficients (a0 = 1) of H(z) = (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²). */
export interface BiquadCoefficients {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

/** The two delay elements of one biquad, kept between calls so a signal may be filtered in pieces. */
export interface BiquadState {
  z1: number;
  z2: number;
}

/** A fresh, silent state. */
export function createBiquadState(): BiquadState {
  return { z1: 0, z2: 0 };
}

/**
 * Filters `input` into `output` (same length; may be the same array, the caller allocates). Transposed direct form II
 * with float64 state: low-frequency sections (the 38 Hz RLB high-pass, a 5 Hz DC blocker) at 384 kHz have poles
 * within 1e-3 of the unit circle, where float32 state would add audible noise.
 */
export function processBiquad(
  coefficients: BiquadCoefficients,
  input: Float32Array,
  output: Float32Array,
  state: BiquadState = createBiquadState(),
): Float32Array {
  const { b0, b1, b2, a1, a2 } = coefficients;
  let { z1, z2 } = state;
  for (let i = 0; i < input.length; i++) {
    const x = input[i] as number;
    const y = b0 * x + z1;
    z1 = b1 * x - a1 * y + z2;
    z2 = b2 * x - a2 * y;
    output[i] = y;
  }
  state.z1 = z1;
  state.z2 = z2;
  return output;
}

/** |H(e^jω)| at `frequencyHz` for a filter running at `sampleRateHz`, in dB: for tests and for the UI's curves. */
export function biquadGainDb(coefficients: BiquadCoefficients, frequencyHz: number, sampleRateHz: number): number {
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
  const magnitudeSquared = (numRe * numRe + numIm * numIm) / (denRe * denRe + denIm * denIm);
  return 10 * Math.log10(magnitudeSquared);
}
