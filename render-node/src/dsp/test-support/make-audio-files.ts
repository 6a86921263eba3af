/** @module Test helper: builds WAV and AIFF files byte by byte, so tests control every header field (valid or not). */

/** Fields of a WAV file; each can be set to a wrong value to make a malformed file. */
export interface WavSpec {
  formatTag?: number;
  channelCount: number;
  sampleRateHz: number;
  bitsPerSample: number;
  blockAlign?: number;
  /** Write WAVE_FORMAT_EXTENSIBLE with this sub-format (1 PCM, 3 float). */
  extensibleSubformat?: number;
  /** Interleaved sample values, written per the format: integers as given, floats as floats. */
  samples: number[] | Float64Array;
  /** Override the data chunk's size field. */
  dataChunkSize?: number;
  /** Override the fmt chunk's size field (the body written stays the same). */
  fmtChunkSize?: number;
  /** Extra chunk (id, body) written before fmt, e.g. a LIST chunk. */
  extraChunk?: [string, Uint8Array];
}

function writeAscii(view: DataView, offset: number, text: string): void {
  for (let i = 0; i < 4; i++) view.setUint8(offset + i, text.charCodeAt(i));
}

/** Encodes `spec` as a RIFF/WAVE file. */
export function makeWav(spec: WavSpec): Uint8Array {
  const formatTag = spec.extensibleSubformat !== undefined ? 0xfffe : (spec.formatTag ?? 1);
  const bytesPerSample = Math.ceil(spec.bitsPerSample / 8);
  const float = (spec.extensibleSubformat ?? formatTag) === 3;
  const fmtBodyBytes = spec.extensibleSubformat !== undefined ? 40 : 16;
  const dataBytes = spec.samples.length * bytesPerSample;
  const extra = spec.extraChunk;
  const extraBytes = extra ? 8 + extra[1].length + (extra[1].length % 2) : 0;
  const total = 12 + extraBytes + 8 + fmtBodyBytes + 8 + dataBytes;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  writeAscii(view, 0, "RIFF");
  view.setUint32(4, total - 8, true);
  writeAscii(view, 8, "WAVE");
  let o = 12;
  if (extra) {
    writeAscii(view, o, extra[0]);
    view.setUint32(o + 4, extra[1].length, true);
    bytes.set(extra[1], o + 8);
    o += extraBytes;
  }
  writeAscii(view, o, "fmt ");
  view.setUint32(o + 4, spec.fmtChunkSize ?? fmtBodyBytes, true);
  view.setUint16(o + 8, formatTag, true);
  view.setUint16(o + 10, spec.channelCount, true);
  view.setUint32(o + 12, spec.sampleRateHz, true);
  view.setUint32(o + 16, spec.sampleRateHz * spec.channelCount * bytesPerSample, true);
  view.setUint16(o + 20, spec.blockAlign ?? spec.channelCount * bytesPerSample, true);
  view.setUint16(o + 22, spec.bitsPerSample, true);
  if (spec.extensibleSubformat !== undefined) {
    view.setUint16(o + 24, 22, true);
    view.setUint16(o + 26, spec.bitsPerSample, true);
    view.setUint32(o + 28, 0, true);
    // KSDATAFORMAT_SUBTYPE_*: {0000000X-0000-0010-8000-00AA00389B71}
    view.setUint32(o + 32, spec.extensibleSubformat, true);
    view.setUint32(o + 36, 0x00100000, true);
    view.setUint32(o + 40, 0xaa000080, true);
    view.setUint32(o + 44, 0x719b3800, true);
  }
  o += 8 + fmtBodyBytes;
  writeAscii(view, o, "data");
  view.setUint32(o + 4, spec.dataChunkSize ?? dataBytes, true);
  o += 8;
  for (const value of spec.samples) {
    if (float && bytesPerSample === 4) view.setFloat32(o, value, true);
    else if (float && bytesPerSample === 8) view.setFloat64(o, value, true);
    else if (bytesPerSample === 1) view.setUint8(o, value + 128);
    else if (bytesPerSample === 2) view.setInt16(o, value, true);
    else if (bytesPerSample === 3) {
      view.setUint8(o, value & 0xff);
      view.setUint8(o + 1, (value >> 8) & 0xff);
      view.setUint8(o + 2, (value >> 16) & 0xff);
    } else if (bytesPerSample === 4) view.setInt32(o, value, true);
    o += bytesPerSample;
  }
  return bytes;
}

/** Fields of an AIFF / AIFF-C file. */
export interface AiffSpec {
  channelCount: number;
  sampleRateHz: number;
  bitsPerSample: number;
  /** AIFF-C compression type; absent writes plain AIFF. */
  compression?: string;
  samples: number[];
  /** Override COMM's frame count. */
  frames?: number;
  /** Raw 10-byte extended float for the rate, to write NaN/Inf. */
  rawRate?: Uint8Array;
  ssndOffset?: number;
  omit?: "COMM" | "SSND";
}

function writeExtended(view: DataView, offset: number, value: number): void {
  if (value === 0) return;
  const exponent = Math.floor(Math.log2(value));
  const mantissa = value / 2 ** exponent; // [1, 2)
  view.setUint16(offset, exponent + 16383);
  const high = Math.floor(mantissa * 2 ** 31);
  view.setUint32(offset + 2, high);
  view.setUint32(offset + 6, Math.floor((mantissa * 2 ** 31 - high) * 2 ** 32));
}

/** Encodes `spec` as FORM/AIFF or FORM/AIFC. */
export function makeAiff(spec: AiffSpec): Uint8Array {
  const aifc = spec.compression !== undefined;
  const compression = spec.compression ?? "NONE";
  const float = compression === "fl32" || compression === "fl64";
  const littleEndian = compression === "sowt";
  const bits = compression === "fl64" ? 64 : compression === "fl32" ? 32 : spec.bitsPerSample;
  const bytesPerSample = Math.max(0, Math.ceil(bits / 8));
  const commBody = aifc ? 24 : 18;
  const dataBytes = spec.samples.length * bytesPerSample;
  const ssndBody = 8 + dataBytes;
  const parts = (spec.omit === "COMM" ? 0 : 8 + commBody) + (spec.omit === "SSND" ? 0 : 8 + ssndBody + (ssndBody % 2));
  const bytes = new Uint8Array(12 + parts);
  const view = new DataView(bytes.buffer);
  writeAscii(view, 0, "FORM");
  view.setUint32(4, bytes.length - 8);
  writeAscii(view, 8, aifc ? "AIFC" : "AIFF");
  let o = 12;
  if (spec.omit !== "COMM") {
    writeAscii(view, o, "COMM");
    view.setUint32(o + 4, commBody);
    view.setInt16(o + 8, spec.channelCount);
    view.setUint32(o + 10, spec.frames ?? Math.floor(spec.samples.length / Math.max(1, spec.channelCount)));
    view.setInt16(o + 14, spec.bitsPerSample);
    if (spec.rawRate) bytes.set(spec.rawRate, o + 16);
    else writeExtended(view, o + 16, spec.sampleRateHz);
    if (aifc) {
      writeAscii(view, o + 26, compression);
      // An empty Pascal string (count byte + pad byte) for the compression name.
    }
    o += 8 + commBody;
  }
  if (spec.omit !== "SSND") {
    writeAscii(view, o, "SSND");
    view.setUint32(o + 4, ssndBody);
    view.setUint32(o + 8, spec.ssndOffset ?? 0);
    o += 16;
    for (const value of spec.samples) {
      if (float && bits === 32) view.setFloat32(o, value);
      else if (float) view.setFloat64(o, value);
      else if (bytesPerSample === 1) view.setInt8(o, value);
      else if (bytesPerSample === 2) view.setInt16(o, value, littleEndian);
      else if (bytesPerSample === 3) {
        view.setUint8(o, (value >> 16) & 0xff);
        view.setUint8(o + 1, (value >> 8) & 0xff);
        view.setUint8(o + 2, value & 0xff);
      } else if (bytesPerSample === 4) view.setInt32(o, value, littleEndian);
      o += bytesPerSample;
    }
  }
  return bytes;
}
