/**
 * @module The sample peak of interleaved PCM or float bytes, scanned block by block from a stream.
 */
import { AssetUploadError } from "./asset-upload-error.ts";
import type { ByteStreamReader } from "./byte-stream-reader.ts";

export interface SampleEncoding {
  kind: "int" | "float";
  bitsPerSample: 8 | 16 | 24 | 32 | 64;
  littleEndian: boolean;
  /** 8-bit WAV is unsigned (offset 128); every other integer format here is signed. */
  unsignedBytes: boolean;
}

/** Frames scanned per read: big enough to keep per-call overhead low, small enough for a Worker's memory. */
const FRAMES_PER_BLOCK = 16_384;

/** Largest absolute sample value on the scale where full scale is 1.0. Reads exactly `frames` frames. */
export async function scanPeak(
  reader: ByteStreamReader,
  options: { frames: number; channels: number; encoding: SampleEncoding; fileName: string },
): Promise<number> {
  const { frames, channels, encoding, fileName } = options;
  const bytesPerSample = encoding.bitsPerSample / 8;
  const frameBytes = bytesPerSample * channels;
  const read = sampleReader(encoding);
  let peak = 0;
  for (let frame = 0; frame < frames; frame += FRAMES_PER_BLOCK) {
    const blockFrames = Math.min(FRAMES_PER_BLOCK, frames - frame);
    const block = await reader.read(blockFrames * frameBytes);
    if (block.length < blockFrames * frameBytes) {
      throw new AssetUploadError(
        "UNPROCESSABLE_CONTENT",
        `${fileName}: the audio data ends after ${frame + Math.floor(block.length / frameBytes)} of ${frames} frames (truncated file)`,
      );
    }
    const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
    for (let i = 0; i < block.length; i += bytesPerSample) {
      const value = read(view, i);
      if (!Number.isFinite(value)) {
        const sampleIndex = frame * channels + i / bytesPerSample;
        throw new AssetUploadError(
          "UNPROCESSABLE_CONTENT",
          `${fileName}: sample ${sampleIndex} is ${value} (not a finite number)`,
        );
      }
      const magnitude = Math.abs(value);
      if (magnitude > peak) peak = magnitude;
    }
  }
  return peak;
}

function sampleReader(encoding: SampleEncoding): (view: DataView, offset: number) => number {
  const le = encoding.littleEndian;
  if (encoding.kind === "float") {
    return encoding.bitsPerSample === 64 ? (v, o) => v.getFloat64(o, le) : (v, o) => v.getFloat32(o, le);
  }
  switch (encoding.bitsPerSample) {
    case 8:
      return encoding.unsignedBytes ? (v, o) => (v.getUint8(o) - 128) / 128 : (v, o) => v.getInt8(o) / 128;
    case 16:
      return (v, o) => v.getInt16(o, le) / 32768;
    case 24:
      return le
        ? (v, o) => (v.getUint8(o) | (v.getUint8(o + 1) << 8) | (v.getInt8(o + 2) << 16)) / 8388608
        : (v, o) => (v.getUint8(o + 2) | (v.getUint8(o + 1) << 8) | (v.getInt8(o) << 16)) / 8388608;
    case 32:
      return (v, o) => v.getInt32(o, le) / 2147483648;
    default:
      throw new Error(`no integer reader for ${encoding.bitsPerSample}-bit samples`);
  }
}
