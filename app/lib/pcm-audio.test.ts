import { describe, expect, it } from "vitest";
import { channelsSource, parsePcmLayout, pcmSource } from "./pcm-audio";

/** Interleaved frames → a WAV file: PCM (tag 1) or float (tag 3), optionally as WAVE_FORMAT_EXTENSIBLE. */
function wav(
  frames: number[][],
  { bits = 16, float = false, extensible = false, rate = 48_000, extraChunk = false } = {},
): Uint8Array {
  const channels = frames[0]?.length ?? 1;
  const bytesPerSample = bits / 8;
  const data = new Uint8Array(frames.length * channels * bytesPerSample);
  const view = new DataView(data.buffer);
  let at = 0;
  for (const frame of frames) {
    for (const v of frame) {
      if (float) view.setFloat32(at, v, true);
      else if (bits === 8) view.setUint8(at, Math.round(v * 127) + 128);
      else if (bits === 16) view.setInt16(at, Math.round(v * 32767), true);
      else if (bits === 24) {
        const n = Math.round(v * 8388607);
        view.setUint8(at, n & 0xff);
        view.setUint8(at + 1, (n >> 8) & 0xff);
        view.setInt8(at + 2, n >> 16);
      } else view.setInt32(at, Math.round(v * 2147483647), true);
      at += bytesPerSample;
    }
  }
  const fmtSize = extensible ? 40 : 16;
  const list = extraChunk ? 8 + 5 + 1 : 0;
  const out = new Uint8Array(12 + 8 + fmtSize + list + 8 + data.length);
  const o = new DataView(out.buffer);
  const ascii = (s: string, p: number) => {
    for (let i = 0; i < s.length; i++) o.setUint8(p + i, s.charCodeAt(i));
  };
  ascii("RIFF", 0);
  o.setUint32(4, out.length - 8, true);
  ascii("WAVE", 8);
  ascii("fmt ", 12);
  o.setUint32(16, fmtSize, true);
  o.setUint16(20, extensible ? 0xfffe : float ? 3 : 1, true);
  o.setUint16(22, channels, true);
  o.setUint32(24, rate, true);
  o.setUint32(28, rate * channels * bytesPerSample, true);
  o.setUint16(32, channels * bytesPerSample, true);
  o.setUint16(34, bits, true);
  if (extensible) o.setUint16(20 + 24, float ? 3 : 1, true);
  let p = 20 + fmtSize;
  if (extraChunk) {
    // An odd-sized chunk before the data, padded to an even length.
    ascii("LIST", p);
    o.setUint32(p + 4, 5, true);
    p += 8 + 6;
  }
  ascii("data", p);
  o.setUint32(p + 4, data.length, true);
  out.set(data, p + 8);
  return out;
}

/** Frames → a big-endian AIFF (or AIFF-C with `compression`) file. */
function aiff(frames: number[][], { bits = 16, rate = 44_100, compression = "" } = {}): Uint8Array {
  const channels = frames[0]?.length ?? 1;
  const bytesPerSample = bits / 8;
  const little = compression === "sowt";
  const data = new Uint8Array(frames.length * channels * bytesPerSample);
  const view = new DataView(data.buffer);
  let at = 0;
  for (const frame of frames) {
    for (const v of frame) {
      if (bits === 16) view.setInt16(at, Math.round(v * 32767), little);
      else view.setInt32(at, Math.round(v * 2147483647), little);
      at += bytesPerSample;
    }
  }
  const aifc = compression !== "";
  const commSize = aifc ? 24 : 18;
  const out = new Uint8Array(12 + 8 + commSize + 8 + 8 + data.length);
  const o = new DataView(out.buffer);
  const ascii = (s: string, p: number) => {
    for (let i = 0; i < s.length; i++) o.setUint8(p + i, s.charCodeAt(i));
  };
  ascii("FORM", 0);
  o.setUint32(4, out.length - 8, false);
  ascii(aifc ? "AIFC" : "AIFF", 8);
  ascii("COMM", 12);
  o.setUint32(16, commSize, false);
  o.setUint16(20, channels, false);
  o.setUint32(22, frames.length, false);
  o.setUint16(26, bits, false);
  // 80-bit extended: exponent 16383 + 15 for 44100 (2^15 ≤ 44100 < 2^16), mantissa left-aligned.
  const exponent = Math.floor(Math.log2(rate));
  o.setUint16(28, 16383 + exponent, false);
  o.setUint32(30, rate * 2 ** (31 - exponent), false);
  o.setUint32(34, 0, false);
  if (aifc) ascii(compression, 38);
  const ssnd = 20 + commSize;
  ascii("SSND", ssnd);
  o.setUint32(ssnd + 4, 8 + data.length, false);
  out.set(data, ssnd + 16);
  return out;
}

const stereo = [
  [0.5, -0.25],
  [-0.5, 0.25],
  [0.125, 0.75],
  [0, -1],
];

/** Each value within `10^-digits / 2` of the expected one. */
function expectClose(actual: number[], expected: number[], digits: number) {
  expect(actual).toHaveLength(expected.length);
  for (const [i, value] of actual.entries()) expect(value).toBeCloseTo(expected[i] as number, digits);
}

const column = (c: number) => stereo.map((frame) => frame[c] as number);

function readAll(bytes: Uint8Array, channel: "left" | "right" | "mono", start = 0, count = 16) {
  const layout = parsePcmLayout(bytes);
  if (!layout) throw new Error("not parsed");
  const out = new Float32Array(count);
  const n = pcmSource(bytes, layout).read(channel, start, count, out);
  return [...out.subarray(0, n)];
}

describe("reading a DI's samples from its WAV or AIFF bytes", () => {
  it("finds the samples of a 16-bit stereo WAV and reads each channel and the mix", () => {
    const bytes = wav(stereo);
    expect(parsePcmLayout(bytes)).toMatchObject({
      sampleRateHz: 48_000,
      channels: 2,
      frames: 4,
      kind: "int",
      bitsPerSample: 16,
    });
    const tolerance = 1 / 32768;
    expectClose(readAll(bytes, "left"), column(0), 4);
    expectClose(readAll(bytes, "right"), column(1), 4);
    for (const [i, v] of readAll(bytes, "mono").entries()) {
      const frame = stereo[i] as number[];
      expect(Math.abs(v - ((frame[0] as number) + (frame[1] as number)) / 2)).toBeLessThanOrEqual(tolerance);
    }
  });

  it("reads from any frame, and no further than the end", () => {
    const bytes = wav(stereo);
    expect(readAll(bytes, "left", 2, 16)).toHaveLength(2);
    expect(readAll(bytes, "left", 2, 1)[0]).toBeCloseTo(0.125, 4);
    expect(readAll(bytes, "left", 10, 16)).toEqual([]);
  });

  it("reads 8-, 24- and 32-bit PCM, float, and WAVE_FORMAT_EXTENSIBLE, past chunks it does not know", () => {
    for (const options of [
      { bits: 8 },
      { bits: 24 },
      { bits: 32 },
      { bits: 32, float: true },
      { bits: 24, extensible: true },
    ]) {
      const bytes = wav(stereo, { ...options, extraChunk: true });
      expectClose(readAll(bytes, "right"), column(1), options.bits === 8 ? 1 : 4);
    }
  });

  it("reads the only channel of a mono file whichever channel is asked for", () => {
    const bytes = wav([[0.5], [-0.5]], { bits: 24 });
    expect(readAll(bytes, "right")).toEqual(readAll(bytes, "left"));
    expect(readAll(bytes, "mono")).toEqual(readAll(bytes, "left"));
  });

  it("reads big-endian AIFF and little-endian AIFF-C (sowt), with the rate from its 80-bit float", () => {
    const plain = aiff(stereo);
    expect(parsePcmLayout(plain)).toMatchObject({ sampleRateHz: 44_100, channels: 2, frames: 4, littleEndian: false });
    expectClose(readAll(plain, "right"), column(1), 4);
    const sowt = aiff(stereo, { compression: "sowt", bits: 32 });
    expect(parsePcmLayout(sowt)).toMatchObject({ littleEndian: true, bitsPerSample: 32 });
    expectClose(readAll(sowt, "left"), column(0), 6);
  });

  it("declines what it cannot read (FLAC, compressed AIFF-C, garbage) so the browser decodes it instead", () => {
    expect(parsePcmLayout(new TextEncoder().encode('fLaC\0\0\0"...'))).toBeNull();
    expect(parsePcmLayout(aiff(stereo, { compression: "ulaw" }))).toBeNull();
    expect(parsePcmLayout(new Uint8Array(4))).toBeNull();
    const adpcm = wav(stereo);
    new DataView(adpcm.buffer).setUint16(20, 2, true);
    expect(parsePcmLayout(adpcm)).toBeNull();
  });

  it("counts only the whole frames a truncated file holds", () => {
    const bytes = wav(stereo, { bits: 16 });
    expect(parsePcmLayout(bytes.subarray(0, bytes.length - 3))?.frames).toBe(3);
  });

  it("reads decoded channels the same way", () => {
    const left = new Float32Array([0.5, -0.5, 0.25]);
    const right = new Float32Array([0.25, 0.5, -0.25]);
    const source = channelsSource([left, right], 44_100);
    expect(source.frames).toBe(3);
    const out = new Float32Array(3);
    source.read("mono", 0, 3, out);
    expect([...out]).toEqual([0.375, 0, 0]);
    expect(source.read("right", 1, 5, out)).toBe(2);
    expect([...out.subarray(0, 2)]).toEqual([0.5, -0.25]);
  });
});
