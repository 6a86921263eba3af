import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseNamFile } from "../../workers/api/src/contract/nam/index.ts";
import { type DemoAsset, generateDemoAssets } from "./generate-demo-assets.ts";
import { decodeWav } from "./read-wav.ts";

let first: DemoAsset[];
let second: DemoAsset[];
let firstDir: string;
let secondDir: string;
let firstRunMs: number;

beforeAll(async () => {
  firstDir = await mkdtemp(join(tmpdir(), "gts-demo-a-"));
  secondDir = await mkdtemp(join(tmpdir(), "gts-demo-b-"));
  const started = performance.now();
  first = await generateDemoAssets(join(firstDir, "nested", "out"));
  firstRunMs = performance.now() - started;
  second = await generateDemoAssets(secondDir);
});

afterAll(async () => {
  await rm(firstDir, { recursive: true, force: true });
  await rm(secondDir, { recursive: true, force: true });
});

describe("generateDemoAssets", () => {
  it("writes the six demo assets (creating the folder) and describes each one", () => {
    expect(first.map(({ kind, fileName }) => [kind, fileName])).toEqual([
      ["di", "demo-riff.wav"],
      ["ir", "cab-4x12-closed.wav"],
      ["ir", "cab-1x12-open.wav"],
      ["capture", "demo-clean.nam"],
      ["capture", "demo-crunch.nam"],
      ["capture", "demo-high-gain.nam"],
    ]);
    for (const asset of first) {
      expect(asset.path).toBe(join(firstDir, "nested", "out", asset.fileName));
      expect(asset.title.length).toBeGreaterThan(0);
      expect(asset.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("reports each file's true size and sha256", async () => {
    for (const asset of first) {
      const bytes = await readFile(asset.path);
      expect(bytes.byteLength).toBe(asset.bytes);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(asset.sha256);
    }
  });

  it("is deterministic: two runs give byte-identical files", async () => {
    expect(second.map(({ sha256, bytes }) => ({ sha256, bytes }))).toEqual(
      first.map(({ sha256, bytes }) => ({ sha256, bytes })),
    );
    for (const [index, asset] of first.entries()) {
      const other = second[index];
      if (other === undefined) throw new Error("missing asset");
      expect(Buffer.compare(await readFile(asset.path), await readFile(other.path))).toBe(0);
    }
  });

  it("is fast enough for `npm start` (< 3 s)", () => {
    expect(firstRunMs).toBeLessThan(3000);
  });

  it("encodes the DI as 24-bit PCM and the IRs as 32-bit float, mono 48 kHz", async () => {
    for (const asset of first.filter((a) => a.kind !== "capture")) {
      const wav = decodeWav(await readFile(asset.path));
      expect(wav).toMatchObject(
        asset.kind === "di"
          ? { sampleRateHz: 48_000, channels: 1, bitDepth: "24", audioFormat: 1 }
          : { sampleRateHz: 48_000, channels: 1, bitDepth: "32f", audioFormat: 3 },
      );
      expect(wav.samples.length).toBe(asset.kind === "di" ? 384_000 : 8160); // 8 s and 170 ms
    }
  });

  it("writes captures that pass the app's own `.nam` validator (parseNamFile), with matching facts", async () => {
    for (const asset of first.filter((a) => a.kind === "capture")) {
      const bytes = await readFile(asset.path);
      const parsed = parseNamFile(new Uint8Array(bytes), { fileName: asset.fileName });
      const json = JSON.parse(bytes.toString("utf8"));
      expect(parsed.warnings).toEqual([]);
      expect(parsed.facts).toMatchObject({
        architecture: "WaveNet",
        weightCount: 233,
        receptiveFieldSamples: 46,
        sampleRateHz: 48_000,
        loudnessDb: json.metadata.loudness,
        gearType: "amp",
      });
    }
  });
});
