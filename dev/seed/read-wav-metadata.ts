/**
 * @module Audio facts of a WAV file for the seed (format, rate, channels, duration, peak), read with `wavefile`.
 * Uploads get the api's own parser; the seed only needs the WAVs that the demo generator and the fixtures hold.
 */
import wavefile from "wavefile";
import type { AudioMetadata } from "../../workers/api/src/contract/index.ts";

export function readWavMetadata(bytes: Uint8Array): AudioMetadata {
  const wav = new wavefile.WaveFile(bytes);
  const fmt = wav.fmt as { audioFormat: number; numChannels: number; sampleRate: number; bitsPerSample: number };
  const samples = wav.getSamples(true, Float64Array) as unknown as Float64Array;
  // getSamples returns integers for PCM; scale to full scale = 1.0. Float files are already in [-1, 1].
  const isFloat =
    fmt.audioFormat === 3 || (fmt.audioFormat === 65534 && fmt.bitsPerSample === 32 && isExtensibleFloat(wav));
  const fullScale = isFloat ? 1 : 2 ** (fmt.bitsPerSample - 1);
  let peak = 0;
  for (const sample of samples) peak = Math.max(peak, Math.abs(sample) / fullScale);
  const frames = samples.length / fmt.numChannels;
  return {
    kind: "audio",
    format: isFloat ? "wav-float" : "wav-pcm",
    bitDepth: fmt.bitsPerSample,
    sampleRateHz: fmt.sampleRate,
    channels: fmt.numChannels,
    durationSeconds: frames / fmt.sampleRate,
    peakDbfs: peak > 0 ? 20 * Math.log10(peak) : null,
  };
}

function isExtensibleFloat(wav: InstanceType<typeof wavefile.WaveFile>): boolean {
  const subFormat = (wav.fmt as { subformat?: number[] }).subformat;
  return subFormat?.[0] === 3;
}
