import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TransientScope } from "../arrange/write-shootout-audio.ts";
import { createRenderCaptureFile } from "./render-capture-file.ts";

/** Linear model (spec §6): output = 0.5·x[t] + 0.25·x[t−1], at `sampleRateHz`. */
async function linearCapture(sampleRateHz: number): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "capture-")), `linear-${sampleRateHz}.nam`);
  const nam = {
    version: "0.5.4",
    architecture: "Linear",
    config: { receptive_field: 2, bias: false },
    weights: [0.5, 0.25],
    sample_rate: sampleRateHz,
  };
  await writeFile(path, JSON.stringify(nam));
  return path;
}

const block = { type: "capture" as const, assetId: "capture-1", enabled: true };

describe("createRenderCaptureFile", () => {
  it("renders a capture at the chain's rate exactly as its forward pass says", async () => {
    const render = createRenderCaptureFile();
    const input = new Float32Array([1, 0, 0, 2, 0]);
    const output = await render(await linearCapture(48_000), block, input, 48_000);
    expect([...output]).toEqual([0.5, 0.25, 0, 1, 0.5]);
  });

  it("runs a 44.1 kHz capture on resampled audio and returns the chain's length at the chain's rate", async () => {
    const render = createRenderCaptureFile();
    const input = new Float32Array(48_000).map((_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 48_000));
    const output = await render(await linearCapture(44_100), block, input, 48_000);
    expect(output).toHaveLength(input.length);
    // At 440 Hz the filter's gain is |0.5 + 0.25·e^{-jω}| ≈ 0.749 at 44.1 kHz: check the steady-state level.
    const rms = (x: Float32Array) => Math.sqrt(x.slice(4_800, 43_200).reduce((s, v) => s + v * v, 0) / 38_400);
    expect(rms(output) / rms(input)).toBeCloseTo(0.749, 2);
  });

  it("keeps nothing of a transient capture: no graph in the cache folder, one release for the render's scope", async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), "graphs-"));
    const render = createRenderCaptureFile({ cacheDir });
    const releases: Array<() => Promise<void>> = [];
    const scope: TransientScope = { onEnd: (release) => void releases.push(release) };
    const model = await linearCapture(48_000);
    const input = new Float32Array([1, 0, 0, 2, 0]);
    for (let segment = 0; segment < 2; segment++) {
      expect([...(await render(model, block, input, 48_000, scope))]).toEqual([0.5, 0.25, 0, 1, 0.5]);
    }
    expect(await readdir(cacheDir)).toEqual([]);
    expect(releases).toHaveLength(1);
    await releases[0]?.();
    // The same file as an ordinary capture is cached as before: the check above is not vacuous.
    await render(model, block, input, 48_000);
    expect((await readdir(cacheDir)).length).toBeGreaterThan(0);
  });
});
