/** @module The error every decoder throws: the message names the file and the defect, and states the limit it broke. */

/** An audio file that cannot be decoded: e.g. `di.wav: fmt chunk: 9 channels (limit 8)`. */
export class AudioDecodeError extends Error {
  override name = "AudioDecodeError";
  constructor(fileName: string, defect: string) {
    super(`${fileName}: ${defect}`);
  }
}

/** Longest audio accepted: 20 minutes, far beyond any riff or song DI, while bounding memory (see MAX_DECODED_SAMPLES). */
export const MAX_DURATION_SECONDS = 20 * 60;
/** Most channels accepted: 8 (7.1); a DI is mono or stereo, an IR at most a few mics. */
export const MAX_CHANNELS = 8;
/** Highest sample rate accepted. */
export const MAX_DECODE_SAMPLE_RATE_HZ = 384_000;
/** Lowest sample rate accepted: 8 kHz (telephone band); below it the file is almost certainly corrupt. */
export const MIN_DECODE_SAMPLE_RATE_HZ = 8_000;
/** Most decoded samples (all channels): 20 min of stereo at 192 kHz = 460.8 M float32 = 1.8 GB. */
export const MAX_DECODED_SAMPLES = 2 * 192_000 * MAX_DURATION_SECONDS;

/** The limits above, checked for a header's claims; returns nothing and throws an {@link AudioDecodeError}. */
export function checkAudioLimits(
  fileName: string,
  where: string,
  channelCount: number,
  sampleRateHz: number,
  frames: number,
): void {
  if (!Number.isInteger(channelCount) || channelCount < 1) {
    throw new AudioDecodeError(fileName, `${where}: ${channelCount} channels (need 1 to ${MAX_CHANNELS})`);
  }
  if (channelCount > MAX_CHANNELS) {
    throw new AudioDecodeError(fileName, `${where}: ${channelCount} channels (limit ${MAX_CHANNELS})`);
  }
  if (
    !Number.isFinite(sampleRateHz) ||
    sampleRateHz < MIN_DECODE_SAMPLE_RATE_HZ ||
    sampleRateHz > MAX_DECODE_SAMPLE_RATE_HZ
  ) {
    throw new AudioDecodeError(
      fileName,
      `${where}: sample rate ${String(sampleRateHz)} Hz (must be ${MIN_DECODE_SAMPLE_RATE_HZ} to ${MAX_DECODE_SAMPLE_RATE_HZ} Hz)`,
    );
  }
  if (!Number.isInteger(sampleRateHz)) {
    throw new AudioDecodeError(fileName, `${where}: sample rate ${sampleRateHz} Hz is not a whole number of hertz`);
  }
  if (frames === 0) throw new AudioDecodeError(fileName, `${where}: no audio (0 sample frames)`);
  const seconds = frames / sampleRateHz;
  if (seconds > MAX_DURATION_SECONDS) {
    throw new AudioDecodeError(
      fileName,
      `${where}: ${seconds.toFixed(1)} s of audio (limit ${MAX_DURATION_SECONDS / 60} min)`,
    );
  }
  if (frames * channelCount > MAX_DECODED_SAMPLES) {
    throw new AudioDecodeError(
      fileName,
      `${where}: ${frames * channelCount} samples in all (limit ${MAX_DECODED_SAMPLES}, 20 min of stereo at 192 kHz)`,
    );
  }
}

/** Throws if any sample is NaN or ±Infinity (possible only in float files); a render must never carry them. */
export function checkFinite(fileName: string, where: string, channels: readonly Float32Array[]): void {
  for (const [c, channel] of channels.entries()) {
    for (let i = 0; i < channel.length; i++) {
      const value = channel[i] as number;
      if (!Number.isFinite(value)) {
        throw new AudioDecodeError(
          fileName,
          `${where}: sample ${i} of channel ${c} is ${String(value)} (float audio must hold finite samples)`,
        );
      }
    }
  }
}

/** The message of anything a third-party decoder threw (some throw strings or numbers, not Errors). */
export function thrownMessage(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
