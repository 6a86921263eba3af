/**
 * @module How one PCM sample of a WAV or AIFF file reads as a number in −1..1 (floats as stored): the one rule the
 * api (streaming metadata, waveform summaries) and the browser (the builder's waveform) both apply, runtime-agnostic.
 */

/** The sample encoding a WAV `fmt ` or AIFF `COMM` chunk declares. */
export interface PcmSampleEncoding {
  kind: "int" | "float";
  bitsPerSample: 8 | 16 | 24 | 32 | 64;
  littleEndian: boolean;
  /** 8-bit WAV is unsigned (offset 128); every other integer format, and 8-bit AIFF, is signed. */
  unsignedBytes: boolean;
}

export type PcmSampleAt = (view: DataView, byteOffset: number) => number;

export function pcmSampleReader(encoding: PcmSampleEncoding): PcmSampleAt {
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
