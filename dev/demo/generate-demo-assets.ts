/** @module Writes the demo library's DI, cabinet IRs and `.nam` captures (all synthesised; no fixture is redistributed). */
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { synthCabinetIr } from "./synth-cabinet-ir.ts";
import { synthDiRiff } from "./synth-di-riff.ts";
import { synthNamCapture } from "./synth-nam-capture.ts";
import { writeWav } from "./write-wav.ts";

export interface DemoAsset {
  kind: "di" | "ir" | "capture";
  fileName: string;
  /** Absolute path of the written file. */
  path: string;
  /** File size in bytes. */
  bytes: number;
  /** Lower-case hex SHA-256 of the file. */
  sha256: string;
  title: string;
}

const SAMPLE_RATE_HZ = 48_000;
// Fixed seeds: change one and that asset's bytes (and sha256) change, nothing else does.
const DI_SEED = 1;
const CLOSED_CAB_SEED = 412;
const OPEN_CAB_SEED = 112;

function describeAsset(
  kind: DemoAsset["kind"],
  fileName: string,
  path: string,
  bytes: Uint8Array,
  title: string,
): DemoAsset {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { kind, fileName, path, bytes: bytes.byteLength, sha256, title };
}

/**
 * Synthesises and writes `demo-riff.wav` (24-bit DI), `cab-4x12-closed.wav` and `cab-1x12-open.wav` (32-bit float
 * IRs) and `demo-clean.nam`, `demo-crunch.nam`, `demo-high-gain.nam` into `outDir` (created if missing). Byte-identical
 * on every run.
 */
export async function generateDemoAssets(outDir: string): Promise<DemoAsset[]> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const assets: DemoAsset[] = [];

  const writeAudio = async (
    kind: "di" | "ir",
    fileName: string,
    title: string,
    samples: Float32Array,
    encoding: "pcm24" | "float32",
  ): Promise<void> => {
    const path = join(dir, fileName);
    const bytes = await writeWav(path, { samples, sampleRateHz: SAMPLE_RATE_HZ, encoding });
    assets.push(describeAsset(kind, fileName, path, bytes, title));
  };

  await writeAudio(
    "di",
    "demo-riff.wav",
    "Demo riff (E-minor chugs and power chords, DI)",
    synthDiRiff({ sampleRateHz: SAMPLE_RATE_HZ, seed: DI_SEED }),
    "pcm24",
  );
  await writeAudio(
    "ir",
    "cab-4x12-closed.wav",
    "Demo 4x12 closed-back cab",
    synthCabinetIr({ sampleRateHz: SAMPLE_RATE_HZ, variant: "4x12-closed", seed: CLOSED_CAB_SEED }),
    "float32",
  );
  await writeAudio(
    "ir",
    "cab-1x12-open.wav",
    "Demo 1x12 open-back cab",
    synthCabinetIr({ sampleRateHz: SAMPLE_RATE_HZ, variant: "1x12-open", seed: OPEN_CAB_SEED }),
    "float32",
  );

  const captures = [
    { variant: "clean", name: "Demo Clean" },
    { variant: "crunch", name: "Demo Crunch" },
    { variant: "high-gain", name: "Demo High Gain" },
  ] as const;
  for (const { variant, name } of captures) {
    const fileName = `demo-${variant}.nam`;
    const path = join(dir, fileName);
    const bytes = new TextEncoder().encode(`${JSON.stringify(synthNamCapture({ name, variant }), null, 2)}\n`);
    await writeFile(path, bytes);
    assets.push(describeAsset("capture", fileName, path, bytes, `${name} (amp capture)`));
  }
  return assets;
}

if (import.meta.main) {
  const outDir = process.argv[2];
  if (outDir === undefined) {
    console.error("usage: node dev/demo/generate-demo-assets.ts <outDir>");
    process.exit(2);
  }
  for (const asset of await generateDemoAssets(outDir)) {
    console.log(
      `${asset.kind.padEnd(7)} ${asset.fileName.padEnd(20)} ${String(asset.bytes).padStart(8)} B  ` +
        `sha256 ${asset.sha256.slice(0, 16)}…  ${asset.title}`,
    );
  }
}
