/** @module The `eq` block: RBJ-cookbook biquads for each band, then the optional high- and low-pass. */
import type { EqBlock } from "@gts/api/contract";
import { type BiquadCoefficients, createBiquadState, processBiquad } from "./biquad.ts";
import { rbjBiquad } from "./rbj-biquad.ts";

/** Q of the pass filters: 1/√2, a 2nd-order Butterworth (12 dB/octave, −3 dB at the corner, no peaking). */
const PASS_Q = Math.SQRT1_2;

/** The sections an eq block runs, in order (bands as listed, then high-pass, then low-pass); exported for the UI's curve. */
export function eqSections(
  block: Pick<EqBlock, "bands" | "highPassHz" | "lowPassHz">,
  sampleRateHz: number,
): BiquadCoefficients[] {
  const sections = block.bands.map((band) => rbjBiquad(band.kind, band.frequencyHz, sampleRateHz, band.q, band.gainDb));
  if (block.highPassHz !== undefined) sections.push(rbjBiquad("highPass", block.highPassHz, sampleRateHz, PASS_Q));
  if (block.lowPassHz !== undefined) sections.push(rbjBiquad("lowPass", block.lowPassHz, sampleRateHz, PASS_Q));
  return sections;
}

/** Returns a new buffer filtered by every section of `block` at `sampleRateHz`. */
export function applyEq(
  input: Float32Array,
  block: Pick<EqBlock, "bands" | "highPassHz" | "lowPassHz">,
  sampleRateHz: number,
): Float32Array {
  const output = input.slice();
  for (const section of eqSections(block, sampleRateHz)) processBiquad(section, output, output, createBiquadState());
  return output;
}
