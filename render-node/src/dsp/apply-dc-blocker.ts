/** @module The 5 Hz DC blocker run after every chain, as the NAM plugin does: captures can add offset and sub-sonic drift. */
import { checkSampleRate } from "./dsp-error.ts";

/** Corner of the DC blocker. */
export const DC_BLOCKER_HZ = 5;

/**
 * First-order high-pass y[n] = g · (x[n] − x[n−1]) + p · y[n−1] from the bilinear transform of s / (s + ωc) with a
 * pre-warped corner; at 5 Hz it loses 0.017 dB at 80 Hz (the low E string is 82 Hz) and removes DC exactly.
 * Returns a new buffer.
 */
export function applyDcBlocker(input: Float32Array, sampleRateHz: number, cornerHz = DC_BLOCKER_HZ): Float32Array {
  checkSampleRate(sampleRateHz);
  const k = Math.tan((Math.PI * cornerHz) / sampleRateHz);
  const pole = (1 - k) / (1 + k);
  const gain = 1 / (1 + k);
  const output = new Float32Array(input.length);
  let previousIn = 0;
  let previousOut = 0;
  for (let i = 0; i < input.length; i++) {
    const x = input[i] as number;
    previousOut = gain * (x - previousIn) + pole * previousOut;
    previousIn = x;
    output[i] = previousOut;
  }
  return output;
}
