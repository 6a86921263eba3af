import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { clearAmpSessionCache, loadAmp } from "./amp-runner.ts";
import { AmpSampleRateError } from "./amp-sample-rate-error.ts";
import { maxAbsDifference, randomWeights, testSignal } from "./test-support/reference-models.ts";

const dir = mkdtempSync(join(tmpdir(), "amp-runner-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(model: object, fileName: string) {
  return { bytes: new TextEncoder().encode(JSON.stringify(model)), fileName };
}

const convNet = capture(
  {
    version: "0.5.4",
    architecture: "ConvNet",
    config: { channels: 3, dilations: [1, 4, 16], batchnorm: false, activation: "Tanh" },
    weights: randomWeights(3 * 2 + 3 + 2 * (3 * 3 * 2 + 3) + 3 + 1, 21),
    sample_rate: 48_000,
  },
  "convnet.nam",
);
const lstm = capture(
  {
    version: "0.5.4",
    architecture: "LSTM",
    config: { num_layers: 1, input_size: 1, hidden_size: 2 },
    weights: randomWeights(4 * 2 * 3 + 4 * 2 + 2 * 2 + 2 + 1, 22),
    sample_rate: 16_000,
  },
  "lstm.nam",
);

describe("loadAmp sessions and caches", () => {
  const input = testSignal(5_000, 3);

  it("returns the same session for the same capture and options", async () => {
    const a = await loadAmp(convNet, { threads: 1 });
    const b = await loadAmp(convNet, { threads: 1 });
    expect(b).toBe(a);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("stores converted graphs on disk by sha256 + converter version, and reads them back", async () => {
    const cacheDir = join(dir, "graphs");
    for (const source of [convNet, lstm]) {
      const first = await (await loadAmp(source, { threads: 1, cacheDir })).run(input, undefined);
      await clearAmpSessionCache();
      const files = readdirSync(cacheDir).filter((f) => !f.endsWith(".tmp"));
      const mtimes = files.map((f) => statSync(join(cacheDir, f)).mtimeMs);
      const again = await (await loadAmp(source, { threads: 1, cacheDir })).run(input);
      expect(maxAbsDifference(first, again)).toBe(0);
      expect(
        readdirSync(cacheDir)
          .filter((f) => !f.endsWith(".tmp"))
          .map((f) => statSync(join(cacheDir, f)).mtimeMs),
      ).toEqual(mtimes);
    }
    expect(readdirSync(cacheDir).filter((f) => f.endsWith(".onnx"))).toHaveLength(2);
  });

  it("falls back to the CPU with one log line when a GPU provider cannot be created", async () => {
    const log = vi.fn();
    const amp = await loadAmp(convNet, { threads: 1, gpu: "cuda", log });
    expect(amp.provider).toBe("cpu");
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]?.[0])).toMatch(/--gpu cuda: .* using the CPU/);
    expect((await amp.run(input)).length).toBe(input.length);
  });

  it("refuses input at another rate unless a resampler is given", async () => {
    const amp = await loadAmp(lstm, { threads: 1 });
    expect(amp.sampleRateHz).toBe(16_000);
    await expect(amp.run(input, 48_000)).rejects.toThrow(AmpSampleRateError);
    const resample = vi.fn((x: Float32Array, fromHz: number, toHz: number) =>
      x.filter((_, i) => i % (fromHz / toHz) === 0),
    );
    const withResampler = await loadAmp(lstm, { threads: 1, resample });
    const output = await withResampler.run(input, 48_000);
    expect(resample).toHaveBeenCalledWith(input, 48_000, 16_000);
    expect(output.length).toBe(Math.ceil(input.length / 3));
  });
});
