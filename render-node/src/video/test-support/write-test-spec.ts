/** @module `writeTestSpec`: a capture-free SHOOTOUT.json with a synthetic DI and cab IR on disk, for CLI tests. */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ShootoutSpecInput } from "@gts/api/contract";
import { encodeWav } from "../../dsp/encode-wav.ts";
import { guitarRiff, noise } from "../../dsp/test-support/signals.ts";

/** Writes di.wav, cab.wav and SHOOTOUT.json (assets named by relative path) into `dir`; returns the spec path. */
export async function writeTestSpec(dir: string, options: { diSeconds?: number } = {}): Promise<string> {
  const fs = 48_000;
  await writeFile(join(dir, "di.wav"), encodeWav([guitarRiff(options.diSeconds ?? 8, fs)], fs));
  const ir = noise(2_048, 1, 3).map((value, i) => value * Math.exp(-i / 300));
  await writeFile(join(dir, "cab.wav"), encodeWav([ir], fs));
  const spec: ShootoutSpecInput = {
    title: "CLI test shootout",
    description: "Synthetic riff, E standard",
    diTracks: [{ assetId: "di.wav", riffs: [{ startSeconds: 0, endSeconds: 4 }] }],
    chains: [
      { name: "Cab only", colour: "#2f7bff", blocks: [{ type: "ir", assetId: "cab.wav" }] },
      {
        name: "Boosted cab",
        colour: "#f5a524",
        blocks: [
          { type: "gain", gainDb: 6 },
          { type: "ir", assetId: "cab.wav" },
        ],
      },
    ],
    arrangement: { mode: "ab", riffSeconds: 4, rounds: 1 },
  };
  const specPath = join(dir, "SHOOTOUT.json");
  await writeFile(specPath, JSON.stringify(spec, null, 2));
  return specPath;
}
