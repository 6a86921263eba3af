import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import wavefile from "wavefile";
import { readMonoWav, writeMonoFloatWav } from "./amp-wav.ts";
import { testSignal } from "./test-support/reference-models.ts";

const { WaveFile } = wavefile;
const dir = mkdtempSync(join(tmpdir(), "amp-wav-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("amp WAV I/O", () => {
  it("round-trips float32 mono bit-exactly, with wavefile agreeing on the file", async () => {
    const samples = testSignal(10_001, 4);
    const path = join(dir, "float.wav");
    await writeMonoFloatWav(path, samples, 44_100);
    const read = await readMonoWav(path);
    expect(read.sampleRateHz).toBe(44_100);
    expect(read.samples).toEqual(samples);
    const { readFileSync } = await import("node:fs");
    const wav = new WaveFile(readFileSync(path));
    expect(wav.bitDepth).toBe("32f");
    expect(Float32Array.from(wav.getSamples(false, Float32Array) as unknown as Float32Array)).toEqual(samples);
  });

  it("reads float data behind other chunks, and integer PCM scaled to ±1", async () => {
    const withList = new WaveFile();
    withList.fromScratch(1, 48_000, "32f", [0.5, -0.25, 0.125]);
    withList.setTag("ICMT", "a LIST chunk before data");
    const listPath = join(dir, "list.wav");
    writeFileSync(listPath, withList.toBuffer());
    expect(Array.from((await readMonoWav(listPath)).samples)).toEqual([0.5, -0.25, 0.125]);

    const pcm = new WaveFile();
    pcm.fromScratch(1, 48_000, "16", [16_384, -32_768, 0]);
    const pcmPath = join(dir, "pcm16.wav");
    writeFileSync(pcmPath, pcm.toBuffer());
    const read = await readMonoWav(pcmPath);
    expect(read.samples[0]).toBeCloseTo(0.5, 4);
    expect(read.samples[1]).toBeCloseTo(-1, 4);
  });

  it("refuses a stereo file", async () => {
    const stereo = new WaveFile();
    stereo.fromScratch(2, 48_000, "32f", [
      [0.1, 0.2],
      [0.3, 0.4],
    ]);
    const path = join(dir, "stereo.wav");
    writeFileSync(path, stereo.toBuffer());
    await expect(readMonoWav(path)).rejects.toThrow(/2 channels/);
  });
});
