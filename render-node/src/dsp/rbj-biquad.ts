/** @module Biquad designs from R. Bristow-Johnson's "Audio EQ Cookbook": peaking, low/high shelf, high/low pass. */
import type { BiquadCoefficients } from "./biquad.ts";

/** Cookbook filter shapes. */
export type RbjShape = "peak" | "lowShelf" | "highShelf" | "highPass" | "lowPass";

/**
 * Coefficients for `shape` at `frequencyHz` (centre, corner or shelf midpoint) and `sampleRateHz`. `gainDb` is used by
 * peak and shelves only; `q` is the cookbook Q (for shelves, Q = 1/√2 gives the steepest slope without overshoot, the
 * cookbook's S = 1). The frequency is clamped just below Nyquist so a 20 kHz band at 32 kHz stays stable.
 */
export function rbjBiquad(
  shape: RbjShape,
  frequencyHz: number,
  sampleRateHz: number,
  q: number,
  gainDb = 0,
): BiquadCoefficients {
  const f = Math.min(frequencyHz, 0.49 * sampleRateHz);
  const w0 = (2 * Math.PI * f) / sampleRateHz;
  const cos = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  const a = 10 ** (gainDb / 40);
  let b0: number;
  let b1: number;
  let b2: number;
  let a0: number;
  let a1: number;
  let a2: number;
  switch (shape) {
    case "peak":
      b0 = 1 + alpha * a;
      b1 = -2 * cos;
      b2 = 1 - alpha * a;
      a0 = 1 + alpha / a;
      a1 = -2 * cos;
      a2 = 1 - alpha / a;
      break;
    case "lowShelf": {
      const s = 2 * Math.sqrt(a) * alpha;
      b0 = a * (a + 1 - (a - 1) * cos + s);
      b1 = 2 * a * (a - 1 - (a + 1) * cos);
      b2 = a * (a + 1 - (a - 1) * cos - s);
      a0 = a + 1 + (a - 1) * cos + s;
      a1 = -2 * (a - 1 + (a + 1) * cos);
      a2 = a + 1 + (a - 1) * cos - s;
      break;
    }
    case "highShelf": {
      const s = 2 * Math.sqrt(a) * alpha;
      b0 = a * (a + 1 + (a - 1) * cos + s);
      b1 = -2 * a * (a - 1 + (a + 1) * cos);
      b2 = a * (a + 1 + (a - 1) * cos - s);
      a0 = a + 1 - (a - 1) * cos + s;
      a1 = 2 * (a - 1 - (a + 1) * cos);
      a2 = a + 1 - (a - 1) * cos - s;
      break;
    }
    case "highPass":
      b0 = (1 + cos) / 2;
      b1 = -(1 + cos);
      b2 = (1 + cos) / 2;
      a0 = 1 + alpha;
      a1 = -2 * cos;
      a2 = 1 - alpha;
      break;
    case "lowPass":
      b0 = (1 - cos) / 2;
      b1 = 1 - cos;
      b2 = (1 - cos) / 2;
      a0 = 1 + alpha;
      a1 = -2 * cos;
      a2 = 1 - alpha;
      break;
  }
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0 };
}
