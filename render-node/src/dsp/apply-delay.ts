/** @module The `delay` block: a feedback delay line with dry/wet mix. */
import type { DelayBlock } from "@gts/api/contract";

/**
 * Returns a new buffer: echoes e[n] = x[n − D] + feedback · e[n − D] with D = round(timeMs · fs / 1000), mixed as
 * (1 − mix) · dry + mix · echoes. Feedback < 1 (the contract caps it at 0.95) keeps the loop decaying. The output has
 * the input's length: the segment is cut where the DI ends, so every chain's segment stays sample-aligned.
 */
export function applyDelay(
  input: Float32Array,
  block: Pick<DelayBlock, "timeMs" | "feedback" | "mix">,
  sampleRateHz: number,
): Float32Array {
  const delay = Math.max(1, Math.round((block.timeMs / 1000) * sampleRateHz));
  const echoes = new Float32Array(input.length);
  for (let i = delay; i < input.length; i++) {
    echoes[i] = (input[i - delay] as number) + block.feedback * (echoes[i - delay] as number);
  }
  const output = new Float32Array(input.length);
  for (let i = 0; i < input.length; i++)
    output[i] = (1 - block.mix) * (input[i] as number) + block.mix * (echoes[i] as number);
  return output;
}
