/** @module Uniformly partitioned overlap-save FFT convolution (fft.js), for cabinet IRs of any length up to a few seconds. */
import FFT from "fft.js";
import { DspInputError } from "./dsp-error.ts";

/** Largest partition: past 8 192 samples bigger FFTs stop paying for themselves and the frequency-domain line is short anyway. */
const MAX_BLOCK = 8_192;
/** Smallest partition: below 64 the per-block overhead dominates. */
const MIN_BLOCK = 64;

/** Longest IR accepted: 10 s at 96 kHz (a cabinet IR is 10–500 ms; a room IR a few seconds). */
export const MAX_IR_SAMPLES = 960_000;

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * Linear convolution y = x ∗ h, returning a new float32 array of `outputLength` samples (default the full
 * x.length + h.length − 1; a chain block passes x.length to keep segments aligned). Offline, so latency is free: the
 * partition size B is the IR length rounded up to a power of two, clamped to 64..8 192, and the IR is cut into
 * P = ⌈L / B⌉ partitions. Each step transforms 2B input samples (B old, B new), multiplies by every partition's
 * spectrum from a frequency-domain delay line, and keeps the last B samples of the inverse transform (overlap-save).
 * Spectra and accumulation are float64, so the error against direct convolution is ~1e-12 before the float32 store.
 */
export function convolve(
  input: Float32Array,
  ir: Float32Array,
  outputLength = input.length + ir.length - 1,
): Float32Array {
  if (ir.length === 0) throw new DspInputError("convolve: empty impulse response (need at least 1 sample)");
  if (ir.length > MAX_IR_SAMPLES) {
    throw new DspInputError(
      `convolve: impulse response of ${ir.length} samples (limit ${MAX_IR_SAMPLES}, 10 s at 96 kHz)`,
    );
  }
  const output = new Float32Array(Math.max(0, outputLength));
  if (output.length === 0 || input.length === 0) return output;

  const block = Math.min(MAX_BLOCK, Math.max(MIN_BLOCK, nextPowerOfTwo(ir.length)));
  const size = 2 * block;
  const bins = block + 1;
  const fft = new FFT(size);
  const partitions = Math.ceil(ir.length / block);

  // Partition spectra: bins 0..B of each zero-padded B-sample slice, interleaved re/im.
  const real = new Float64Array(size);
  const spectrum: number[] = fft.createComplexArray();
  const irSpectra: Float64Array[] = [];
  for (let p = 0; p < partitions; p++) {
    real.fill(0);
    const slice = ir.subarray(p * block, Math.min(ir.length, (p + 1) * block));
    for (let i = 0; i < slice.length; i++) real[i] = slice[i] as number;
    fft.realTransform(spectrum, real);
    irSpectra.push(Float64Array.from(spectrum.slice(0, 2 * bins)));
  }

  // Frequency-domain delay line: the spectra of the last P input windows, as a ring.
  const delayLine: Float64Array[] = [];
  for (let p = 0; p < partitions; p++) delayLine.push(new Float64Array(2 * bins));
  const accumulator = new Float64Array(2 * bins);
  const full: number[] = fft.createComplexArray();
  const timeDomain: number[] = fft.createComplexArray();
  const window = new Float64Array(size);
  const blocks = Math.ceil(output.length / block);

  for (let k = 0; k < blocks; k++) {
    // Window = x[(k−1)B, (k+1)B), zero outside the input.
    window.copyWithin(0, block);
    window.fill(0, block);
    const start = k * block;
    for (let i = 0; i < block && start + i < input.length; i++) window[block + i] = input[start + i] as number;
    fft.realTransform(spectrum, window);
    const slot = delayLine[k % partitions] as Float64Array;
    for (let i = 0; i < 2 * bins; i++) slot[i] = spectrum[i] as number;

    accumulator.fill(0);
    for (let p = 0; p < partitions && p <= k; p++) {
      const x = delayLine[(k - p) % partitions] as Float64Array;
      const h = irSpectra[p] as Float64Array;
      for (let i = 0; i < 2 * bins; i += 2) {
        const xr = x[i] as number;
        const xi = x[i + 1] as number;
        const hr = h[i] as number;
        const hi = h[i + 1] as number;
        accumulator[i] = (accumulator[i] as number) + xr * hr - xi * hi;
        accumulator[i + 1] = (accumulator[i + 1] as number) + xr * hi + xi * hr;
      }
    }
    // Rebuild the Hermitian upper half, then inverse transform; the real output's last B samples are valid.
    for (let i = 0; i < 2 * bins; i++) full[i] = accumulator[i] as number;
    for (let j = bins; j < size; j++) {
      full[2 * j] = accumulator[2 * (size - j)] as number;
      full[2 * j + 1] = -(accumulator[2 * (size - j) + 1] as number);
    }
    fft.inverseTransform(timeDomain, full);
    const count = Math.min(block, output.length - start);
    for (let i = 0; i < count; i++) output[start + i] = timeDomain[2 * (block + i)] as number;
  }
  return output;
}
