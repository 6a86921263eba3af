/** @module `metadata.loudness` for the demo captures: output RMS (dB) of the reference forward pass on a fixed test signal. */
import { synthDiRiff } from "./synth-di-riff.ts";
import { type NamWaveNetConfig, runWaveNetReference } from "./wavenet-reference.ts";

/** RMS level the test signal is scaled to, like the trainer's standard loudness input (spec §1.2). */
export const LOUDNESS_TEST_SIGNAL_RMS_DBFS = -18;
const LOUDNESS_TEST_SIGNAL_SEED = 1;
const SAMPLE_RATE_HZ = 48_000;

let cachedTestSignal: Float64Array | undefined;

/**
 * The test signal: the demo DI riff (seed 1, 48 kHz, 8 s including its silent ends) scaled so its RMS over the whole
 * file is −18 dBFS. The trainer's own `loudness_input.wav` is not redistributable, so this stands in for it; like
 * real DIs (crest factor ≈ 19 dB) its peaks then reach ≈ +1 dBFS, which is harmless in floating point.
 */
export function loudnessTestSignal(): Float64Array {
  if (cachedTestSignal === undefined) {
    const riff = synthDiRiff({ sampleRateHz: SAMPLE_RATE_HZ, seed: LOUDNESS_TEST_SIGNAL_SEED });
    let sumSquares = 0;
    for (const v of riff) sumSquares += v * v;
    const gain = 10 ** (LOUDNESS_TEST_SIGNAL_RMS_DBFS / 20) / Math.sqrt(sumSquares / riff.length);
    cachedTestSignal = Float64Array.from(riff, (v) => v * gain);
  }
  return cachedTestSignal;
}

/** 20·log10(RMS) of the capture's output for `loudnessTestSignal()` at unity gain, DC included (as the core renders). */
export function captureLoudnessDb(model: { config: NamWaveNetConfig; weights: readonly number[] }): number {
  const output = runWaveNetReference(model, loudnessTestSignal());
  let sumSquares = 0;
  for (const v of output) sumSquares += v * v;
  return 10 * Math.log10(sumSquares / output.length);
}
