import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeAudio } from "./decode-audio.ts";
import { DspInputError } from "./dsp-error.ts";
import { encodeFlac, quantizeToInt24 } from "./encode-flac.ts";
import { encodeWav } from "./encode-wav.ts";
import { FFMPEG_PATH, hasFfmpeg } from "./test-support/ffmpeg-ebur128.ts";
import { guitarRiff, noise } from "./test-support/signals.ts";

const RATE = 48_000;
const dirs: string[] = [];

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/**
 * A stem as the render node writes it: stereo, an odd length (neither a whole number of FLAC blocks nor of the
 * encoder's input chunks), full-scale and over-full-scale samples (clamped), and a quiet tail near the 24-bit floor.
 */
function testStem(): Float32Array[] {
  const frames = 3 * RATE + 1234;
  const left = guitarRiff(frames / RATE, RATE).subarray(0, frames);
  const hiss = noise(frames, 1e-3, 3);
  const right = left.map((x, i) => 0.5 * x + (hiss[i] as number));
  left.set([1, -1, 1.25, -1.25, 0.5 / 2 ** 23, -0.5 / 2 ** 23, 1.5 / 2 ** 23], 100);
  for (let i = frames - 2000; i < frames; i++) left[i] = (left[i] as number) * 1e-5;
  return [left, right];
}

/** Decodes with Debian's ffmpeg (not the encoder's own library) to interleaved 32-bit integers, shifted to 24 bits. */
function ffmpegDecodeInt24(path: string): Int32Array {
  const result = spawnSync(FFMPEG_PATH, ["-v", "error", "-i", path, "-f", "s32le", "-c:a", "pcm_s32le", "-"], {
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`ffmpeg decoding ${path}: ${result.stderr.toString().slice(-500)}`);
  const bytes = result.stdout;
  const samples = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return samples.map((sample) => sample >> 8);
}

describe("quantizeToInt24", () => {
  it.each([
    [0, 0],
    [0.5 / 2 ** 23, 1],
    [-0.5 / 2 ** 23, 0],
    [1.5 / 2 ** 23, 2],
    [-1.5 / 2 ** 23, -1],
    [0.25, 2 ** 21],
    [1, 2 ** 23 - 1],
    [-1, -(2 ** 23)],
    [3, 2 ** 23 - 1],
    [-3, -(2 ** 23)],
  ])("%f → %i (round to nearest, clamped to 24 bits)", (sample, expected) => {
    expect(quantizeToInt24(sample)).toBe(expected);
  });
});

describe("encodeFlac", () => {
  it("decodes (in ffmpeg) to exactly the WAV's samples quantised to 24 bits, frame for frame, no padding", async () => {
    if (!hasFfmpeg) return;
    const dir = await mkdtemp(join(tmpdir(), "gts-flac-"));
    dirs.push(dir);
    const stem = testStem();
    const wavBytes = encodeWav(stem, RATE);
    const flacBytes = await encodeFlac(stem, RATE);
    const flacPath = join(dir, "stem-0.flac");
    await writeFile(flacPath, flacBytes);

    // What the download holds, quantised: the reference.
    const wav = await decodeAudio(wavBytes, "stem-0.wav");
    const frames = wav.channels[0]?.length ?? 0;
    expect(frames).toBe(3 * RATE + 1234);
    const expected = new Int32Array(frames * 2);
    for (let i = 0; i < frames; i++) {
      expected[2 * i] = quantizeToInt24(wav.channels[0]?.[i] as number);
      expected[2 * i + 1] = quantizeToInt24(wav.channels[1]?.[i] as number);
    }
    const decoded = ffmpegDecodeInt24(flacPath);
    expect(decoded.length).toBe(expected.length);
    let firstMismatch = -1;
    for (let i = 0; i < expected.length && firstMismatch < 0; i++) if (decoded[i] !== expected[i]) firstMismatch = i;
    expect(firstMismatch, "first differing interleaved sample").toBe(-1);
    expect([...decoded.subarray(200, 214)]).toEqual([
      ...[2 ** 23 - 1, expected[201], -(2 ** 23), expected[203], 2 ** 23 - 1, expected[205]],
      ...[-(2 ** 23), expected[207], 1, expected[209], 0, expected[211], 2, expected[213]],
    ]);

    // STREAMINFO: 48 kHz, 2 channels, 24 bits, the exact frame count, and the MD5 of the samples (libFLAC's
    // definition: interleaved, little-endian, 3 bytes a sample), which `flac -t` and ffmpeg check against.
    const view = new DataView(flacBytes.buffer, flacBytes.byteOffset, flacBytes.byteLength);
    expect(new TextDecoder().decode(flacBytes.subarray(0, 4))).toBe("fLaC");
    expect(view.getUint32(18) >>> 12).toBe(RATE);
    expect(((view.getUint8(20) >> 1) & 0x7) + 1).toBe(2);
    expect((((view.getUint8(20) & 1) << 4) | (view.getUint8(21) >> 4)) + 1).toBe(24);
    expect((view.getUint8(21) & 0x0f) * 2 ** 32 + view.getUint32(22)).toBe(frames);
    const pcm = Buffer.alloc(expected.length * 3);
    for (const [i, sample] of expected.entries()) pcm.writeIntLE(sample, i * 3, 3);
    expect(Buffer.from(flacBytes.subarray(26, 42)).toString("hex")).toBe(createHash("md5").update(pcm).digest("hex"));
    const minFrame = (view.getUint8(12) << 16) | view.getUint16(13);
    const maxFrame = (view.getUint8(15) << 16) | view.getUint16(16);
    expect(minFrame).toBeGreaterThan(0);
    expect(maxFrame).toBeGreaterThanOrEqual(minFrame);

    // The node's own FLAC decoder (the one for uploaded inputs) agrees on the length, and the file is small.
    expect((await decodeAudio(flacBytes, "stem-0.flac")).channels[0]?.length).toBe(frames);
    expect(flacBytes.length / wavBytes.length).toBeLessThan(0.75);
  });

  it("gives the same bytes every time (a cached segment re-uploads an identical file)", async () => {
    const stem = [guitarRiff(0.5, RATE, 11)];
    const [first, second] = [await encodeFlac(stem, RATE), await encodeFlac(stem, RATE)];
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(((new DataView(first.buffer).getUint8(20) >> 1) & 0x7) + 1).toBe(1);
  });

  it("lets the event loop run between chunks of a long stem", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      await encodeFlac([noise(10 * RATE, 0.1, 5)], RATE);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });

  it.each([
    [[], "channels: no channels (need at least 1)"],
    [[new Float32Array(0)], "encodeFlac: no samples (FLAC needs at least one frame)"],
    [[new Float32Array(3), new Float32Array(2)], "channels: channel 1 has 2 samples, channel 0 has 3"],
  ])("refuses bad input with a message (%#)", async (channels, message) => {
    await expect(encodeFlac(channels, RATE)).rejects.toThrow(DspInputError);
    await expect(encodeFlac(channels, RATE)).rejects.toThrow(message);
  });
});
