/**
 * @module AIFF / AIFF-C decoding, hand-written: no maintained npm AIFF decoder exists (the few packages are
 * unmaintained or browser-only), and the format is small: a FORM of COMM + SSND chunks, big-endian PCM, with AIFF-C
 * adding a compression type (we accept NONE/twos, sowt = little-endian, fl32/fl64 = IEEE float).
 */
import { AudioDecodeError, checkAudioLimits, checkFinite } from "./audio-decode-error.ts";
import { decodePcm } from "./decode-pcm.ts";
import type { DecodedAudio } from "./decoded-audio.ts";

function fourCc(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}

/** The 80-bit IEEE 754 extended float of the COMM chunk's sample rate (sign, 15-bit exponent, 64-bit mantissa). */
function readExtended(view: DataView, offset: number): number {
  const signAndExponent = view.getUint16(offset);
  const high = view.getUint32(offset + 2);
  const low = view.getUint32(offset + 6);
  const exponent = signAndExponent & 0x7fff;
  if (exponent === 0x7fff) return Number.NaN;
  const mantissa = high * 2 ** 32 + low;
  const value = mantissa * 2 ** (exponent - 16383 - 63);
  return signAndExponent & 0x8000 ? -value : value;
}

/** Decodes an AIFF or AIFF-C file (FORM/AIFF or FORM/AIFC). */
export function decodeAiff(bytes: Uint8Array, fileName: string): DecodedAudio {
  if (bytes.length < 12)
    throw new AudioDecodeError(fileName, `FORM header: file is ${bytes.length} bytes (need at least 12)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const formType = fourCc(bytes, 8);
  if (fourCc(bytes, 0) !== "FORM" || (formType !== "AIFF" && formType !== "AIFC")) {
    throw new AudioDecodeError(fileName, "not an AIFF file (no FORM/AIFF or FORM/AIFC header)");
  }
  const isAifc = formType === "AIFC";
  const formEnd = Math.min(bytes.length, 8 + view.getUint32(4));
  let comm: { channelCount: number; frames: number; bits: number; sampleRateHz: number; compression: string } | null =
    null;
  let sound: { start: number; length: number } | null = null;
  let offset = 12;
  // Every chunk advances the cursor by at least 8 bytes, so this loop ends even on garbage.
  while (offset + 8 <= formEnd) {
    const id = fourCc(bytes, offset);
    const size = view.getUint32(offset + 4);
    const body = offset + 8;
    if (body + size > bytes.length) {
      throw new AudioDecodeError(
        fileName,
        `${id.replace(/[^\x20-\x7e]/g, "?")} chunk: claims ${size} bytes but only ${bytes.length - body} follow (truncated file?)`,
      );
    }
    if (id === "COMM") {
      const need = isAifc ? 22 : 18;
      if (size < need || body + need > bytes.length) {
        throw new AudioDecodeError(fileName, `COMM chunk: ${size} bytes (need ${need})`);
      }
      comm = {
        channelCount: view.getInt16(body),
        frames: view.getUint32(body + 2),
        bits: view.getInt16(body + 6),
        sampleRateHz: readExtended(view, body + 8),
        compression: isAifc ? fourCc(bytes, body + 18) : "NONE",
      };
    } else if (id === "SSND") {
      if (size < 8 || body + 8 > bytes.length)
        throw new AudioDecodeError(fileName, `SSND chunk: ${size} bytes (need at least 8)`);
      const dataOffset = view.getUint32(body);
      const start = body + 8 + dataOffset;
      const length = size - 8 - dataOffset;
      if (length < 0)
        throw new AudioDecodeError(fileName, `SSND chunk: data offset ${dataOffset} past the chunk's ${size} bytes`);
      sound = { start, length };
    }
    // Chunks are padded to an even length (AIFF 1.3 §"Chunks").
    offset = body + size + (size % 2);
  }
  if (comm === null) throw new AudioDecodeError(fileName, "no COMM chunk");
  const compression = comm.compression;
  let float = false;
  let littleEndian = false;
  if (compression === "fl32" || compression === "FL32" || compression === "fl64" || compression === "FL64") {
    float = true;
  } else if (compression === "sowt") {
    littleEndian = true;
  } else if (compression !== "NONE" && compression !== "twos") {
    throw new AudioDecodeError(
      fileName,
      `COMM chunk: compression "${compression}" is not supported (NONE, twos, sowt, fl32, fl64)`,
    );
  }
  const bits = float ? (compression.toLowerCase() === "fl64" ? 64 : 32) : comm.bits;
  if (!float && (bits < 1 || bits > 32))
    throw new AudioDecodeError(fileName, `COMM chunk: ${bits}-bit samples (need 1 to 32)`);
  checkAudioLimits(fileName, "COMM chunk", comm.channelCount, comm.sampleRateHz, comm.frames);
  if (sound === null) throw new AudioDecodeError(fileName, "no SSND chunk");
  const bytesPerSample = Math.ceil(bits / 8);
  const needBytes = comm.frames * comm.channelCount * bytesPerSample;
  if (sound.length < needBytes || sound.start + needBytes > bytes.length) {
    const available = Math.max(0, Math.min(sound.length, bytes.length - sound.start));
    throw new AudioDecodeError(
      fileName,
      `SSND chunk: COMM claims ${comm.frames} frames (${needBytes} bytes) but the chunk holds ${available} (truncated file?)`,
    );
  }
  const channels = decodePcm(bytes.subarray(sound.start, sound.start + needBytes), comm.frames, {
    channelCount: comm.channelCount,
    bytesPerSample,
    float,
    littleEndian,
    unsigned8: false,
  });
  if (float) checkFinite(fileName, "SSND chunk", channels);
  return { sampleRateHz: comm.sampleRateHz, channels, sourceFormat: "aiff", bitDepth: bits, float };
}
