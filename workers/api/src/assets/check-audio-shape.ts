/**
 * @module Channel count, sample rate and bit depth checks shared by the WAV, AIFF and FLAC readers.
 */
import { MAX_AUDIO_CHANNELS, MAX_SAMPLE_RATE_HZ, MIN_SAMPLE_RATE_HZ } from "./asset-limits.ts";
import { AssetUploadError } from "./asset-upload-error.ts";

export function checkAudioShape(shape: {
  fileName: string;
  formatName: string;
  channels: number;
  sampleRateHz: number;
  bitsPerSample: number;
  validBits: readonly number[];
}): { bitsPerSample: 8 | 16 | 24 | 32 | 64 } {
  const fail = (message: string) => new AssetUploadError("UNPROCESSABLE_CONTENT", `${shape.fileName}: ${message}`);
  if (shape.channels < 1 || shape.channels > MAX_AUDIO_CHANNELS) {
    throw fail(`${shape.channels} channels (1 to ${MAX_AUDIO_CHANNELS} allowed)`);
  }
  if (
    !Number.isFinite(shape.sampleRateHz) ||
    shape.sampleRateHz < MIN_SAMPLE_RATE_HZ ||
    shape.sampleRateHz > MAX_SAMPLE_RATE_HZ
  ) {
    throw fail(`sample rate ${shape.sampleRateHz} Hz (${MIN_SAMPLE_RATE_HZ} to ${MAX_SAMPLE_RATE_HZ} Hz allowed)`);
  }
  if (!shape.validBits.includes(shape.bitsPerSample)) {
    throw fail(
      `${shape.bitsPerSample}-bit ${shape.formatName} is not supported (${shape.validBits.join(", ")}-bit only)`,
    );
  }
  return { bitsPerSample: shape.bitsPerSample as 8 | 16 | 24 | 32 | 64 };
}
