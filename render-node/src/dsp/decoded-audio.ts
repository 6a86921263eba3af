/** @module What every decoder returns: planar float32 channels at the file's own rate. */

/** Container formats the decoders read. */
export type AudioFileFormat = "wav" | "flac" | "aiff" | "mp3";

/** Decoded audio: planar float32 (full scale = 1.0), all channels equally long, allocated by the decoder. */
export interface DecodedAudio {
  sampleRateHz: number;
  channels: Float32Array[];
  sourceFormat: AudioFileFormat;
  /** Bits per stored sample (e.g. 16, 24, 32); null for MP3, which has none. */
  bitDepth: number | null;
  /** True for IEEE float samples (WAV format 3, AIFF-C fl32/fl64). */
  float: boolean;
}
