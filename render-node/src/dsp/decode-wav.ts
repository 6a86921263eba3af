/** @module WAV (RIFF/WAVE) decoding: wavefile walks the chunks, we check every claim and convert the samples. */
import wavefile from "wavefile";
import { AudioDecodeError, checkAudioLimits, checkFinite, thrownMessage } from "./audio-decode-error.ts";
import { decodePcm } from "./decode-pcm.ts";
import type { DecodedAudio } from "./decoded-audio.ts";

const { WaveFile } = wavefile;

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/**
 * Decodes a WAV file: PCM 8/16/24/32-bit (and odd widths such as 20-bit in 3-byte containers), IEEE float 32/64, and
 * WAVE_FORMAT_EXTENSIBLE whose sub-format is PCM or float. wavefile parses the RIFF chunk list (it is maintained and
 * handles LIST/cue/bext chunks); it does not check that claimed sizes fit the file, that block alignment matches
 * the channel count, or that floats are finite, so those checks are here.
 */
export function decodeWav(bytes: Uint8Array, fileName: string): DecodedAudio {
  if (bytes.length < 12)
    throw new AudioDecodeError(fileName, `RIFF header: file is ${bytes.length} bytes (need at least 12)`);
  let wav: InstanceType<typeof WaveFile>;
  try {
    wav = new WaveFile(bytes);
  } catch (error) {
    throw new AudioDecodeError(fileName, `not a readable WAV file: ${thrownMessage(error)}`);
  }
  const fmt = wav.fmt as {
    chunkSize: number;
    audioFormat: number;
    numChannels: number;
    sampleRate: number;
    blockAlign: number;
    bitsPerSample: number;
    subformat: number[];
  };
  const data = wav.data as { chunkId: string; chunkSize: number; samples: Uint8Array };
  if (fmt.chunkSize < 16) throw new AudioDecodeError(fileName, `fmt chunk: ${fmt.chunkSize} bytes (need at least 16)`);
  const format = fmt.audioFormat === WAVE_FORMAT_EXTENSIBLE ? fmt.subformat[0] : fmt.audioFormat;
  if (format === undefined) {
    throw new AudioDecodeError(fileName, "fmt chunk: WAVE_FORMAT_EXTENSIBLE without a sub-format GUID (need 40 bytes)");
  }
  if (format !== WAVE_FORMAT_PCM && format !== WAVE_FORMAT_IEEE_FLOAT) {
    throw new AudioDecodeError(
      fileName,
      `fmt chunk: format tag 0x${format.toString(16)} is not supported (PCM 1, IEEE float 3, or extensible with either)`,
    );
  }
  const float = format === WAVE_FORMAT_IEEE_FLOAT;
  const bits = fmt.bitsPerSample;
  if (float ? bits !== 32 && bits !== 64 : bits < 8 || bits > 32) {
    throw new AudioDecodeError(
      fileName,
      `fmt chunk: ${bits}-bit ${float ? "float (need 32 or 64)" : "PCM (need 8 to 32)"}`,
    );
  }
  const bytesPerSample = Math.ceil(bits / 8);
  const channelCount = fmt.numChannels;
  if (channelCount > 0 && fmt.blockAlign !== channelCount * bytesPerSample) {
    throw new AudioDecodeError(
      fileName,
      `fmt chunk: block align ${fmt.blockAlign} bytes, but ${channelCount} channels of ${bits} bits need ${channelCount * bytesPerSample}`,
    );
  }
  if (data.chunkId !== "data") {
    throw new AudioDecodeError(fileName, "no data chunk");
  }
  if (data.samples.length < data.chunkSize) {
    throw new AudioDecodeError(
      fileName,
      `data chunk: claims ${data.chunkSize} bytes but the file holds only ${data.samples.length} (truncated file?)`,
    );
  }
  const frameBytes = Math.max(1, channelCount * bytesPerSample);
  const frames = Math.floor(data.chunkSize / frameBytes);
  checkAudioLimits(fileName, "fmt chunk", channelCount, fmt.sampleRate, frames);
  if (data.chunkSize % frameBytes !== 0) {
    throw new AudioDecodeError(
      fileName,
      `data chunk: ${data.chunkSize} bytes is not a whole number of ${frameBytes}-byte frames`,
    );
  }
  const channels = decodePcm(data.samples, frames, {
    channelCount,
    bytesPerSample,
    float,
    littleEndian: wav.container !== "RIFX",
    unsigned8: true,
  });
  if (float) checkFinite(fileName, "data chunk", channels);
  return { sampleRateHz: fmt.sampleRate, channels, sourceFormat: "wav", bitDepth: bits, float };
}
