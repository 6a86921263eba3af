/** @module The `gain` block: a clean gain stage. */

/** Returns a new buffer: `input` × 10^(gainDb / 20). Any rate; no state. */
export function applyGain(input: Float32Array, gainDb: number): Float32Array {
  const gain = 10 ** (gainDb / 20);
  return input.map((sample) => sample * gain);
}
