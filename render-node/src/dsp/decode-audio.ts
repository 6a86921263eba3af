/** @module Decodes a DI or IR file (WAV, FLAC, AIFF/AIFF-C, MP3, recognised by content) to planar float32. */
import { AudioDecodeError } from "./audio-decode-error.ts";
import { decodeAiff } from "./decode-aiff.ts";
import { decodeFlac, decodeMp3 } from "./decode-compressed.ts";
import { decodeWav } from "./decode-wav.ts";
import type { AudioFileFormat, DecodedAudio } from "./decoded-audio.ts";

export type { AudioFileFormat, DecodedAudio };

/** Largest file read: 2 GiB (20 min of 8-channel 32-bit audio at 96 kHz is ~1.8 GB). */
export const MAX_FILE_BYTES = 2 ** 31;

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** Which container the bytes start with, by magic number (file extensions lie); null when none matches. */
export function sniffAudioFormat(bytes: Uint8Array): AudioFileFormat | null {
  const head = ascii(bytes, 0, 4);
  if ((head === "RIFF" || head === "RIFX") && ascii(bytes, 8, 12) === "WAVE") return "wav";
  if (head === "fLaC") return "flac";
  if (head === "FORM" && (ascii(bytes, 8, 12) === "AIFF" || ascii(bytes, 8, 12) === "AIFC")) return "aiff";
  if (head.startsWith("ID3")) return "mp3";
  // An MPEG audio frame sync: 11 set bits, then a layer field that is not the reserved 00.
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 !== undefined && (b1 & 0xe0) === 0xe0 && (b1 & 0x06) !== 0) return "mp3";
  return null;
}

/**
 * Decodes `bytes` (the whole file; `fileName` is only for messages). Every failure is an {@link AudioDecodeError}
 * naming the file and the defect; limits: ≤ 8 channels, 8–384 kHz, ≤ 20 min, ≤ 2 GiB, finite samples.
 */
export async function decodeAudio(bytes: Uint8Array, fileName: string): Promise<DecodedAudio> {
  if (bytes.length === 0) throw new AudioDecodeError(fileName, "empty file (0 bytes)");
  if (bytes.length > MAX_FILE_BYTES) {
    throw new AudioDecodeError(fileName, `${bytes.length} bytes (limit ${MAX_FILE_BYTES}, 2 GiB)`);
  }
  const format = sniffAudioFormat(bytes);
  switch (format) {
    case "wav":
      return decodeWav(bytes, fileName);
    case "aiff":
      return decodeAiff(bytes, fileName);
    case "flac":
      return decodeFlac(bytes, fileName);
    case "mp3":
      return decodeMp3(bytes, fileName);
    default: {
      const hex = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, "0")).join(" ");
      throw new AudioDecodeError(fileName, `not a WAV, FLAC, AIFF or MP3 file (starts with bytes ${hex})`);
    }
  }
}
