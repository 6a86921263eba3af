import { describe, expect, it } from "vitest";
import { decodeWav } from "./read-wav.ts";
import { encodeWav } from "./write-wav.ts";

describe("encodeWav", () => {
  const samples = Float32Array.from([0, 0.5, -0.5, 0.999, -1, 1.5, -1.5, 1e-7]);

  it("writes 24-bit integer PCM mono that decodes back within one LSB, clamping instead of wrapping", () => {
    const wav = decodeWav(encodeWav({ samples, sampleRateHz: 48_000, encoding: "pcm24" }));
    expect(wav).toMatchObject({ sampleRateHz: 48_000, channels: 1, bitDepth: "24", audioFormat: 1 });
    const expected = [0, 0.5, -0.5, 0.999, -1, 1, -1, 0];
    wav.samples.forEach((v, n) => {
      expect(Math.abs(v - (expected[n] ?? 0))).toBeLessThanOrEqual(2 ** -23);
    });
  });

  it("writes 32-bit IEEE float mono that decodes back bit-exactly", () => {
    const bytes = encodeWav({ samples, sampleRateHz: 48_000, encoding: "float32" });
    const wav = decodeWav(bytes);
    expect(wav).toMatchObject({ sampleRateHz: 48_000, channels: 1, bitDepth: "32f", audioFormat: 3 });
    expect(Float32Array.from(wav.samples)).toEqual(samples);
    expect(bytes.byteLength).toBe(44 + 4 * samples.length);
  });
});
