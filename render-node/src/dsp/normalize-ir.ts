/** @module Cabinet IR normalisation to unit energy, so cabinets are compared at equal level. */
import { DspInputError } from "./dsp-error.ts";

/**
 * Returns a copy of `ir` scaled to unit energy (Σ h² = 1), i.e. 0 dB power gain for white noise.
 *
 * Why energy and not, say, the gain at 1 kHz: IR files arrive at arbitrary levels (mic preamp, the capture tool's own
 * normalisation), differing by 20 dB or more, and a close-miked cabinet's response is full of comb-filter notches and
 * resonances in the 1–4 kHz region, so the gain at any single frequency says more about where a notch fell than about
 * the cabinet's level. Broadband energy is a stable measure of "how loud this IR makes a signal", and anything left
 * over is removed by the BS.1770 loudness matching of the finished segments; this step only keeps the signal entering
 * later blocks (delay, reverb, a second capture) at a sensible level whichever cabinet is chosen.
 */
export function normalizeIr(ir: Float32Array, fileName = "ir"): Float32Array {
  let energy = 0;
  for (const tap of ir) energy += tap * tap;
  if (!(energy > 0) || !Number.isFinite(energy)) {
    throw new DspInputError(`${fileName}: the impulse response is silent (all zero) and cannot be normalised`);
  }
  const scale = 1 / Math.sqrt(energy);
  return ir.map((tap) => tap * scale);
}
