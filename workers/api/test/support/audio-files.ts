/**
 * @module Builds small audio files byte by byte (WAV, AIFF/AIFF-C, a FLAC header) so upload tests control every
 * field, including the broken ones. Test support only.
 */

export interface PcmSpec {
  sampleRateHz?: number;
  channels?: number;
  bits?: 8 | 16 | 24 | 32 | 64;
  float?: boolean;
  /** Interleaved samples, full scale = 1.0. */
  samples: number[];
}

function writeSample(
  view: DataView,
  offset: number,
  value: number,
  bits: number,
  float: boolean,
  le: boolean,
  unsigned8: boolean,
) {
  if (float) {
    if (bits === 64) view.setFloat64(offset, value, le);
    else view.setFloat32(offset, value, le);
    return;
  }
  const scaled = Math.max(-(2 ** (bits - 1)), Math.min(2 ** (bits - 1) - 1, Math.round(value * 2 ** (bits - 1))));
  if (bits === 8) view.setUint8(offset, unsigned8 ? scaled + 128 : scaled & 0xff);
  else if (bits === 16) view.setInt16(offset, scaled, le);
  else if (bits === 32) view.setInt32(offset, scaled, le);
  else {
    const b = [scaled & 0xff, (scaled >> 8) & 0xff, (scaled >> 16) & 0xff];
    const ordered = le ? b : b.reverse();
    for (const [i, byte] of ordered.entries()) view.setUint8(offset + i, byte);
  }
}

function ascii(view: DataView, offset: number, text: string) {
  for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
}

export function wavBytes(spec: PcmSpec & { extensible?: boolean }): Uint8Array {
  const { sampleRateHz = 48000, channels = 1, bits = 16, float = false, extensible = false, samples } = spec;
  const bytesPerSample = bits / 8;
  const fmtSize = extensible ? 40 : 16;
  const dataSize = samples.length * bytesPerSample;
  const buffer = new ArrayBuffer(12 + 8 + fmtSize + 8 + dataSize + (dataSize % 2));
  const view = new DataView(buffer);
  ascii(view, 0, "RIFF");
  view.setUint32(4, buffer.byteLength - 8, true);
  ascii(view, 8, "WAVE");
  ascii(view, 12, "fmt ");
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, extensible ? 0xfffe : float ? 3 : 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRateHz, true);
  view.setUint32(28, sampleRateHz * channels * bytesPerSample, true);
  view.setUint16(32, channels * bytesPerSample, true);
  view.setUint16(34, bits, true);
  if (extensible) {
    view.setUint16(36, 22, true);
    view.setUint16(38, bits, true);
    view.setUint32(40, 0, true);
    view.setUint16(44, float ? 3 : 1, true); // sub-format GUID starts with the plain format tag
  }
  const dataOffset = 20 + fmtSize;
  ascii(view, dataOffset, "data");
  view.setUint32(dataOffset + 4, dataSize, true);
  for (const [i, s] of samples.entries())
    writeSample(view, dataOffset + 8 + i * bytesPerSample, s, bits, float, true, true);
  return new Uint8Array(buffer);
}

/** AIFF (big-endian PCM) or AIFF-C with `sowt` (little-endian PCM) or `fl32` (float). */
export function aiffBytes(spec: PcmSpec & { compression?: "NONE" | "sowt" | "fl32" }): Uint8Array {
  const { sampleRateHz = 44100, channels = 1, bits = 16, samples, compression } = spec;
  const aifc = compression !== undefined;
  const float = compression === "fl32";
  const sampleBits = float ? 32 : bits;
  const bytesPerSample = sampleBits / 8;
  const commSize = aifc ? 24 : 18;
  const dataSize = samples.length * bytesPerSample;
  const buffer = new ArrayBuffer(12 + 8 + commSize + 8 + 8 + dataSize);
  const view = new DataView(buffer);
  ascii(view, 0, "FORM");
  view.setUint32(4, buffer.byteLength - 8, false);
  ascii(view, 8, aifc ? "AIFC" : "AIFF");
  ascii(view, 12, "COMM");
  view.setUint32(16, commSize, false);
  view.setUint16(20, channels, false);
  view.setUint32(22, samples.length / channels, false);
  view.setUint16(26, sampleBits, false);
  writeExtended(view, 28, sampleRateHz);
  if (aifc) {
    ascii(view, 38, compression ?? "NONE");
    view.setUint16(42, 0, false); // empty pascal-string name, padded
  }
  const ssnd = 20 + commSize;
  ascii(view, ssnd, "SSND");
  view.setUint32(ssnd + 4, 8 + dataSize, false);
  for (const [i, s] of samples.entries()) {
    writeSample(view, ssnd + 16 + i * bytesPerSample, s, sampleBits, float, compression === "sowt", false);
  }
  return new Uint8Array(buffer);
}

function writeExtended(view: DataView, offset: number, value: number) {
  const exponent = Math.floor(Math.log2(value));
  view.setUint16(offset, exponent + 16383, false);
  const mantissa = value / 2 ** exponent; // in [1, 2)
  const hi = Math.floor(mantissa * 2 ** 31);
  const lo = Math.floor((mantissa * 2 ** 31 - hi) * 2 ** 32);
  view.setUint32(offset + 2, hi >>> 0, false);
  view.setUint32(offset + 6, lo >>> 0, false);
}

/** "fLaC" + a STREAMINFO block (and no audio frames: the api reads only the header). */
export function flacHeaderBytes(spec: {
  sampleRateHz: number;
  channels: number;
  bits: number;
  totalFrames: number;
}): Uint8Array {
  const bytes = new Uint8Array(4 + 4 + 34);
  bytes.set([0x66, 0x4c, 0x61, 0x43], 0);
  bytes.set([0x80, 0, 0, 34], 4); // last-metadata-block flag, type 0, length 34
  const info = bytes.subarray(8);
  info[10] = (spec.sampleRateHz >> 12) & 0xff;
  info[11] = (spec.sampleRateHz >> 4) & 0xff;
  info[12] = ((spec.sampleRateHz & 0x0f) << 4) | (((spec.channels - 1) & 0x07) << 1) | (((spec.bits - 1) >> 4) & 0x01);
  info[13] = (((spec.bits - 1) & 0x0f) << 4) | Math.floor(spec.totalFrames / 2 ** 32);
  new DataView(info.buffer, info.byteOffset + 14, 4).setUint32(0, spec.totalFrames >>> 0, false);
  return bytes;
}

/** A 1 kHz sine at `amplitude`, `seconds` long, mono. */
export function sine(amplitude: number, seconds: number, sampleRateHz = 48000): number[] {
  return Array.from(
    { length: Math.round(seconds * sampleRateHz) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * 1000 * i) / sampleRateHz),
  );
}

/** A minimal valid capture: a Linear model (impulse response [1, 0]), 48 kHz. */
export function linearNam(overrides: Record<string, unknown> = {}): Uint8Array {
  const nam = {
    version: "0.5.4",
    architecture: "Linear",
    config: { receptive_field: 2, bias: false },
    weights: [1, 0],
    sample_rate: 48000,
    metadata: { modeled_by: "Test Author", name: "Identity" },
    ...overrides,
  };
  return new TextEncoder().encode(JSON.stringify(nam));
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
