/** @module The `ir` block: a cabinet IR, normalised to unit energy, convolved at the chain rate, with gain and dry/wet mix. */
import type { IrBlock } from "@gts/api/contract";
import { convolve } from "./convolve.ts";
import { normalizeIr } from "./normalize-ir.ts";

/**
 * Returns a new buffer: (1 − mix) · dry + mix · 10^(gainDb/20) · (x ∗ ĥ), where ĥ is `ir` at unit energy (see
 * {@link normalizeIr}) and must already be at the chain's rate. The output keeps the input's length.
 */
export function applyIr(
  input: Float32Array,
  ir: Float32Array,
  block: Pick<IrBlock, "mix" | "gainDb">,
  irName = "ir",
): Float32Array {
  const wet = convolve(input, normalizeIr(ir, irName), input.length);
  const wetGain = block.mix * 10 ** (block.gainDb / 20);
  const dryGain = 1 - block.mix;
  for (let i = 0; i < wet.length; i++) wet[i] = dryGain * (input[i] as number) + wetGain * (wet[i] as number);
  return wet;
}
