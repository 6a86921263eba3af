/** @module The BS.1770-4 K-weighting filter (pre-filter shelf + RLB high-pass) for any sample rate, derived as libebur128 does. */
import type { BiquadCoefficients } from "./biquad.ts";

/** Both stages of the K-weighting filter, applied in this order. */
export interface KWeighting {
  /** Stage 1: the +4 dB high shelf modelling the acoustic effect of the head (BS.1770-4 Table 1). */
  readonly preFilter: BiquadCoefficients;
  /** Stage 2: the revised low-frequency B-curve (RLB) high-pass (BS.1770-4 Table 2). */
  readonly rlbFilter: BiquadCoefficients;
}

/**
 * BS.1770-4 tabulates the coefficients for 48 kHz only ("for other sample rates… coefficients should be derived that
 * give the same frequency response"). These analogue prototypes (shelf f0 ≈ 1681.97 Hz, G ≈ +4.0 dB, Q ≈ 0.7072; RLB
 * f0 ≈ 38.14 Hz, Q ≈ 0.5003) were fitted to the 48 kHz table (libebur128, ffmpeg); the bilinear transform with
 * pre-warping K = tan(π f0 / fs) reproduces that table at 48 kHz to ~1e-9 and gives the same curve at any rate.
 */
export function kWeighting(sampleRateHz: number): KWeighting {
  // Stage 1: high shelf.
  const shelfF0 = 1681.974450955533;
  const shelfGainDb = 3.999843853973347;
  const shelfQ = 0.7071752369554196;
  const k = Math.tan((Math.PI * shelfF0) / sampleRateHz);
  const vh = 10 ** (shelfGainDb / 20);
  const vb = vh ** 0.4996667741545416;
  const a0 = 1 + k / shelfQ + k * k;
  const preFilter: BiquadCoefficients = {
    b0: (vh + (vb * k) / shelfQ + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / shelfQ + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / shelfQ + k * k) / a0,
  };
  // Stage 2: RLB high-pass; its numerator is (1 − z⁻¹)², unnormalised, exactly as in the 48 kHz table.
  const rlbF0 = 38.13547087602444;
  const rlbQ = 0.5003270373238773;
  const kr = Math.tan((Math.PI * rlbF0) / sampleRateHz);
  const ar0 = 1 + kr / rlbQ + kr * kr;
  const rlbFilter: BiquadCoefficients = {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (kr * kr - 1)) / ar0,
    a2: (1 - kr / rlbQ + kr * kr) / ar0,
  };
  return { preFilter, rlbFilter };
}
