/** @module Decodes mono/any-channel WAV bytes to float samples with `wavefile` (tests and golden comparisons). */
import wavefile from "wavefile";

const { WaveFile } = wavefile;

export interface DecodedWav {
  /** Channel 0, full scale = ±1.0 (integer PCM is divided by 2^(bits−1)). */
  samples: Float64Array;
  sampleRateHz: number;
  channels: number;
  /** wavefile's bit-depth code: "24", "32f", … */
  bitDepth: string;
  /** WAVE format tag: 1 = integer PCM, 3 = IEEE float. */
  audioFormat: number;
}

export function decodeWav(bytes: Uint8Array): DecodedWav {
  const wav = new WaveFile(bytes);
  const format = wav.fmt as { numChannels: number; sampleRate: number; audioFormat: number };
  const raw = wav.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (first === undefined) throw new Error("decodeWav: no samples");
  const isFloat = wav.bitDepth === "32f" || wav.bitDepth === "64";
  const scale = isFloat ? 1 : 2 ** (Number.parseInt(wav.bitDepth, 10) - 1);
  return {
    samples: first.map((v) => v / scale),
    sampleRateHz: format.sampleRate,
    channels: format.numChannels,
    bitDepth: wav.bitDepth,
    audioFormat: format.audioFormat,
  };
}
