/** @module Converts interleaved integer or float sample bytes (either endianness) to planar float32, full scale = 1.0. */

/** How samples are stored. */
export interface PcmLayout {
  readonly channelCount: number;
  /** Bytes per sample in the container: 1..4 for integers, 4 or 8 for floats. */
  readonly bytesPerSample: number;
  readonly float: boolean;
  readonly littleEndian: boolean;
  /** 8-bit WAV is unsigned (offset 128); 8-bit AIFF is signed. */
  readonly unsigned8: boolean;
}

/**
 * Deinterleaves `frames` frames from `bytes` (which must hold frames × channels × bytesPerSample bytes) into newly
 * allocated float32 channels. Integers are scaled by 2^(bits−1), so full-scale negative is exactly −1.0 and positive
 * full scale 1 − 2^(1−bits): the usual convention that keeps 0 exactly 0 and is symmetric with writers.
 */
export function decodePcm(bytes: Uint8Array, frames: number, layout: PcmLayout): Float32Array[] {
  const { channelCount, bytesPerSample, float, littleEndian, unsigned8 } = layout;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const channels: Float32Array[] = [];
  for (let c = 0; c < channelCount; c++) channels.push(new Float32Array(frames));
  const frameBytes = channelCount * bytesPerSample;
  for (let c = 0; c < channelCount; c++) {
    const out = channels[c] as Float32Array;
    let offset = c * bytesPerSample;
    if (float && bytesPerSample === 4) {
      for (let i = 0; i < frames; i++, offset += frameBytes) out[i] = view.getFloat32(offset, littleEndian);
    } else if (float) {
      for (let i = 0; i < frames; i++, offset += frameBytes) out[i] = view.getFloat64(offset, littleEndian);
    } else if (bytesPerSample === 1) {
      for (let i = 0; i < frames; i++, offset += frameBytes) {
        out[i] = (unsigned8 ? view.getUint8(offset) - 128 : view.getInt8(offset)) / 128;
      }
    } else if (bytesPerSample === 2) {
      for (let i = 0; i < frames; i++, offset += frameBytes) out[i] = view.getInt16(offset, littleEndian) / 32768;
    } else if (bytesPerSample === 3) {
      for (let i = 0; i < frames; i++, offset += frameBytes) {
        const b0 = bytes[offset] as number;
        const b1 = bytes[offset + 1] as number;
        const b2 = bytes[offset + 2] as number;
        const value = littleEndian ? b0 | (b1 << 8) | (b2 << 16) : b2 | (b1 << 8) | (b0 << 16);
        out[i] = ((value << 8) >> 8) / 8388608;
      }
    } else {
      for (let i = 0; i < frames; i++, offset += frameBytes) out[i] = view.getInt32(offset, littleEndian) / 2147483648;
    }
  }
  return channels;
}
