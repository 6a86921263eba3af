/** @module Encodes mono Float32Array audio as WAV bytes with `wavefile` (24-bit PCM for DIs, 32-bit float for IRs). */
import { writeFile } from "node:fs/promises";
// wavefile ships a CommonJS (UMD) build with no `exports` map: Node's ESM loader only exposes `module.exports` as the
// default export (named-export detection does not see through the UMD wrapper), so import the default and destructure.
import wavefile from "wavefile";

const { WaveFile } = wavefile;

/** `pcm24`: integer PCM, what an interface records a DI as. `float32`: IEEE float, the usual IR format. */
export type WavEncoding = "pcm24" | "float32";

export interface EncodeWavOptions {
  /** Mono samples, full scale = ±1.0. */
  samples: Float32Array;
  sampleRateHz: number;
  encoding: WavEncoding;
}

const PCM24_FULL_SCALE = 8_388_608; // 2^23: decoders map an integer v back to v / 2^23

/** WAV file bytes (RIFF, mono). PCM samples are rounded and clamped to the 24-bit range, never wrapped. */
export function encodeWav({ samples, sampleRateHz, encoding }: EncodeWavOptions): Uint8Array {
  const wav = new WaveFile();
  if (encoding === "pcm24") {
    const integers = new Int32Array(samples.length);
    for (let n = 0; n < samples.length; n++) {
      const scaled = Math.round((samples[n] ?? 0) * PCM24_FULL_SCALE);
      integers[n] = Math.max(-PCM24_FULL_SCALE, Math.min(PCM24_FULL_SCALE - 1, scaled));
    }
    wav.fromScratch(1, sampleRateHz, "24", integers);
  } else {
    wav.fromScratch(1, sampleRateHz, "32f", samples);
  }
  return wav.toBuffer();
}

/** Encodes (see `encodeWav`), writes the file and returns the bytes written. */
export async function writeWav(path: string, options: EncodeWavOptions): Promise<Uint8Array> {
  const bytes = encodeWav(options);
  await writeFile(path, bytes);
  return bytes;
}
