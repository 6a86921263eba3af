/** @module The `reverb` block: an 8-line feedback delay network (Jot), with pre-delay and per-line decay for the RT60. */
import type { ReverbBlock } from "@gts/api/contract";

/** Line lengths in ms: mutually prime-ish, 29–79 ms, so modes spread evenly and no flutter echo builds up. */
const LINE_MS = [29.7, 37.1, 41.1, 43.7, 53.3, 59.9, 67.1, 79.3];

/** Damping low-pass corner in the loop: highs decay faster, as in a real room. */
const DAMPING_HZ = 6000;

/**
 * Returns a new buffer. Eight delay lines feed back through a Householder matrix A = I − (2/N)·11ᵀ, which is orthogonal,
 * so the loop is lossless; each line then gets gain g = 10^(−3 · length / (fs · T60)), giving −60 dB after
 * `decaySeconds` for every mode and |g| < 1, so the network is stable for any setting in the contract. A one-pole
 * low-pass in each line damps highs. Input enters after `preDelayMs`; output is the sum of the lines, scaled to keep
 * the reverb's energy near the input's, then mixed as (1 − mix) · dry + mix · wet. Output has the input's length.
 */
export function applyReverb(
  input: Float32Array,
  block: Pick<ReverbBlock, "decaySeconds" | "preDelayMs" | "mix">,
  sampleRateHz: number,
): Float32Array {
  const lines = LINE_MS.map((ms) => Math.max(1, Math.round((ms / 1000) * sampleRateHz)));
  const count = lines.length;
  const buffers = lines.map((length) => new Float64Array(length));
  const positions = new Int32Array(count);
  const gains = lines.map((length) => 10 ** ((-3 * length) / (sampleRateHz * block.decaySeconds)));
  const damping = Math.exp((-2 * Math.PI * DAMPING_HZ) / sampleRateHz);
  const lowpassState = new Float64Array(count);
  const preDelay = Math.round((block.preDelayMs / 1000) * sampleRateHz);
  const outputs = new Float64Array(count);
  // The network's impulse response has energy ~ Σ 1/(1 − g²) per unit input; √(1 − g²) of the mean line brings it to ~1.
  const meanGain = gains.reduce((sum, g) => sum + g, 0) / count;
  const wetScale = Math.sqrt(1 - meanGain * meanGain) / Math.sqrt(count);
  const output = new Float32Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const x = i >= preDelay ? (input[i - preDelay] as number) : 0;
    let sum = 0;
    for (let l = 0; l < count; l++) {
      const delayed = (buffers[l] as Float64Array)[positions[l] as number] as number;
      // Damped and decayed line output.
      const filtered = (1 - damping) * delayed * (gains[l] as number) + damping * (lowpassState[l] as number);
      lowpassState[l] = filtered;
      outputs[l] = filtered;
      sum += filtered;
    }
    const householder = (2 / count) * sum;
    let wet = 0;
    for (let l = 0; l < count; l++) {
      const value = outputs[l] as number;
      wet += value;
      const buffer = buffers[l] as Float64Array;
      const position = positions[l] as number;
      buffer[position] = value - householder + x;
      positions[l] = position + 1 === buffer.length ? 0 : position + 1;
    }
    output[i] = (1 - block.mix) * (input[i] as number) + block.mix * wet * wetScale;
  }
  return output;
}
