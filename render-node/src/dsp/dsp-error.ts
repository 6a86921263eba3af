/** @module The error a DSP function throws for input it cannot process (bad rate, empty or mismatched buffers, bad parameters). */

/** Bad input to a DSP function; the message names the argument, the value and the limit. */
export class DspInputError extends Error {
  override name = "DspInputError";
}

/** Highest sample rate any DSP function accepts: 384 kHz, the highest rate of common interfaces. */
export const MAX_SAMPLE_RATE_HZ = 384_000;

/** Lowest sample rate accepted: 8 kHz; below it a guitar's range does not fit and the K-weighting shelf is above Nyquist. */
export const MIN_SAMPLE_RATE_HZ = 8_000;

/** Throws unless `sampleRateHz` is a whole number in 8 kHz..384 kHz. */
export function checkSampleRate(sampleRateHz: number, what = "sampleRateHz"): void {
  if (!Number.isInteger(sampleRateHz) || sampleRateHz < MIN_SAMPLE_RATE_HZ || sampleRateHz > MAX_SAMPLE_RATE_HZ) {
    throw new DspInputError(
      `${what}: ${String(sampleRateHz)} Hz is not a whole number of hertz between ${MIN_SAMPLE_RATE_HZ} and ${MAX_SAMPLE_RATE_HZ}`,
    );
  }
}

/** Throws unless there is at least one channel and all channels have the same length. */
export function checkChannels(channels: readonly Float32Array[], what = "channels"): number {
  const first = channels[0];
  if (first === undefined) throw new DspInputError(`${what}: no channels (need at least 1)`);
  for (const [index, channel] of channels.entries()) {
    if (channel.length !== first.length) {
      throw new DspInputError(
        `${what}: channel ${index} has ${channel.length} samples, channel 0 has ${first.length}: planar channels must be equally long`,
      );
    }
  }
  return first.length;
}
