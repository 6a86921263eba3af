import { readFileSync } from "node:fs";
import { NamValidationError } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import { describeWithSharedFixtures, sharedFixture } from "../../../dev/test-support/shared-fixtures.ts";
import { AmpConversionError } from "./amp-conversion-error.ts";
import { loadAmp } from "./amp-runner.ts";
import { readMonoWav } from "./amp-wav.ts";
import {
  convNetReference,
  lstmReference,
  maxAbsDifference,
  randomWeights,
  sequentialReader,
  testSignal,
} from "./test-support/reference-models.ts";

function namBytes(model: object): { bytes: Uint8Array; fileName: string } {
  return { bytes: new TextEncoder().encode(JSON.stringify(model)), fileName: "generated.nam" };
}

function convNetWeights(config: { channels: number; dilations: number[]; batchnorm: boolean }, seed: number): number[] {
  const c = config.channels;
  const weights: number[] = [];
  config.dilations.forEach((_, i) => {
    weights.push(...randomWeights(c * (i === 0 ? 1 : c) * 2, seed + i, 0.8));
    if (config.batchnorm) {
      weights.push(...randomWeights(c, seed + 100 + i, 0.1)); // running_mean
      weights.push(...randomWeights(c, seed + 200 + i, 0.5).map((v) => Math.fround(Math.abs(v) + 0.2))); // running_var > 0
      weights.push(...randomWeights(c, seed + 300 + i, 1)); // γ
      weights.push(...randomWeights(c, seed + 400 + i, 0.2)); // β
      weights.push(1e-5); // eps
    } else {
      weights.push(...randomWeights(c, seed + 500 + i, 0.2));
    }
  });
  weights.push(...randomWeights(c + 1, seed + 900, 0.5));
  return weights;
}

describe("convertNamToOnnx against float64 references (spec §4–§6)", () => {
  const input = testSignal(6_000);

  for (const batchnorm of [false, true]) {
    it(`ConvNet ${batchnorm ? "with batch norm (folded)" : "with conv bias"}`, async () => {
      const config = { channels: 4, dilations: [1, 2, 4, 8, 16], batchnorm };
      const weights = convNetWeights(config, batchnorm ? 7 : 3);
      const amp = await loadAmp(
        namBytes({
          version: "0.5.4",
          architecture: "ConvNet",
          config: { ...config, activation: "Tanh" },
          weights,
          sample_rate: 48_000,
        }),
        { threads: 1, chunkSamples: 1_001 },
      );
      expect(maxAbsDifference(await amp.run(input), convNetReference(weights, config, input))).toBeLessThan(2e-6);
    });
  }

  it("LSTM with 2 layers: gate reordering, stored state, prewarm floor(0.5·rate) zeros", async () => {
    const hidden = 4;
    const count = 4 * hidden * (1 + hidden) + 6 * hidden + (4 * hidden * 2 * hidden + 6 * hidden) + hidden + 1;
    const weights = randomWeights(count, 11, 0.6);
    const amp = await loadAmp(
      namBytes({
        version: "0.5.4",
        architecture: "LSTM",
        config: { num_layers: 2, input_size: 1, hidden_size: hidden },
        weights,
        sample_rate: 8_000,
      }),
      { threads: 1, chunkSamples: 997 },
    );
    const expected = lstmReference(weights, { layers: 2, hidden }, 4_000, input);
    expect(maxAbsDifference(await amp.run(input), expected)).toBeLessThan(2e-6);
  });

  it("Linear: h[0] multiplies the current sample, then the bias (core tap order)", async () => {
    const taps = [0.5, -0.25, 0.125, 0, 0.75];
    const amp = await loadAmp(
      namBytes({
        version: "0.5.4",
        architecture: "Linear",
        config: { receptive_field: 5, bias: true },
        weights: [...taps, 0.01],
        sample_rate: 48_000,
      }),
      { threads: 1 },
    );
    const expected = Float64Array.from(
      input,
      (_, t) => 0.01 + taps.reduce((s, h, m) => s + h * (input[t - m] ?? 0), 0),
    );
    expect(maxAbsDifference(await amp.run(input), expected)).toBeLessThan(1e-6);
  });

  it("rejects a size outside 0..1 and an LSTM condition DSP with AmpConversionError", async () => {
    const linear = {
      version: "0.5.4",
      architecture: "Linear",
      config: { receptive_field: 1, bias: false },
      weights: [1],
    };
    await expect(loadAmp(namBytes(linear), { size: 1.5 })).rejects.toThrow(AmpConversionError);
    const lstm = {
      version: "0.5.4",
      architecture: "LSTM",
      config: { num_layers: 1, input_size: 1, hidden_size: 1 },
      weights: randomWeights(4 * 2 + 4 + 2 + 2, 1),
    };
    const withLstmCondition = {
      version: "0.6.0",
      architecture: "WaveNet",
      config: {
        condition_dsp: lstm,
        layers: [
          {
            input_size: 1,
            condition_size: 1,
            channels: 1,
            kernel_size: 1,
            dilations: [1],
            activation: "ReLU",
            head_size: 1,
            head_bias: false,
          },
        ],
        head_scale: 1,
      },
      weights: randomWeights(1 + 2 + 1 + 2 + 1 + 1, 2),
    };
    await expect(loadAmp(namBytes(withLstmCondition))).rejects.toThrow(/only supported as the top-level model/);
    await expect(loadAmp(namBytes({ ...linear, weights: [1, 2] }))).rejects.toThrow(NamValidationError);
  });
});

describeWithSharedFixtures("slimmable WaveNet (spec §3.10)", () => {
  /** The fixture's one array (C = 3, 10 layers, K = 3, head 1 without bias) cut by hand to C' = B' = 2. */
  function sliceByHand(weights: readonly number[], c: number, k: number, layers: number, cs: number): number[] {
    let consumed = 0;
    const read = sequentialReader(weights);
    const take = (n: number) => {
      consumed += n;
      return read(n);
    };
    const rows = (flat: number[], inAll: number, taps: number, out: number, inn: number) => {
      const kept: number[] = [];
      for (let o = 0; o < out; o++)
        for (let i = 0; i < inn; i++) for (let t = 0; t < taps; t++) kept.push(flat[(o * inAll + i) * taps + t] ?? 0);
      return kept;
    };
    const full = 3;
    const sliced: number[] = [...rows(take(full), 1, 1, c, 1)];
    for (let l = 0; l < layers; l++) {
      sliced.push(...rows(take(full * full * k), full, k, c, c), ...take(full).slice(0, c));
      sliced.push(...rows(take(full * cs), cs, 1, c, cs));
      sliced.push(...rows(take(full * full), full, 1, c, c), ...take(full).slice(0, c));
    }
    sliced.push(...rows(take(full), full, 1, 1, c));
    sliced.push(...take(1));
    expect(consumed).toBe(weights.length);
    return sliced;
  }

  it("size 0.5 equals a plain WaveNet holding the first rows/columns of every matrix; size 1 is the full model", async () => {
    const text = readFileSync(sharedFixture("nam", "core__slimmable_wavenet.nam"), "utf8");
    const file = JSON.parse(text) as { config: { layers: Record<string, unknown>[] }; weights: number[] };
    const input = testSignal(8_000, 5);
    const bytes = new TextEncoder().encode(text);
    const half = await (await loadAmp({ bytes, fileName: "slim.nam" }, { size: 0.5, threads: 1 })).run(input);
    const full = await (await loadAmp({ bytes, fileName: "slim.nam" }, { size: 1, threads: 1 })).run(input);
    const unsized = await (await loadAmp({ bytes, fileName: "slim.nam" }, { threads: 1 })).run(input);
    expect(maxAbsDifference(full, unsized)).toBe(0);
    const array = file.config.layers[0] ?? {};
    const plain = {
      ...file,
      config: { ...file.config, layers: [{ ...array, channels: 2, slimmable: null }] },
      weights: sliceByHand(file.weights, 2, 3, 10, 1),
    };
    const expected = await (await loadAmp(namBytes(plain), { threads: 1 })).run(input);
    expect(maxAbsDifference(half, expected)).toBeLessThan(1e-6);
    expect(maxAbsDifference(half, full)).toBeGreaterThan(1e-4);
  });
});

describeWithSharedFixtures("post-stack head (spec §3.3)", () => {
  it("applies act → causal conv blocks to the stack output, with the silence steady state before the signal", async () => {
    const file = JSON.parse(readFileSync(sharedFixture("nam", "core__wavenet.nam"), "utf8")) as {
      version: string;
      config: Record<string, unknown>;
      weights: number[];
    };
    // Blocks: 1 → 2 channels with kernel 3, then 2 → 1 with kernel 2; Tanh before each.
    const w0 = [0.5, -0.25, 1.5, -1, 0.75, 0.25];
    const b0 = [0.01, -0.02];
    const w1 = [0.3, 0.6, -0.4, 0.9];
    const b1 = [0.05];
    const headScale = file.weights.at(-1) ?? 0;
    const withHead = {
      ...file,
      version: "0.7.0",
      config: { ...file.config, head: { channels: 2, out_channels: 1, kernel_sizes: [3, 2], activation: "Tanh" } },
      weights: [...file.weights.slice(0, -1), ...w0, ...b0, ...w1, ...b1, headScale],
    };
    const base = await loadAmp(
      { bytes: new TextEncoder().encode(JSON.stringify(file)), fileName: "base.nam" },
      { threads: 1 },
    );
    const silence = (await base.run(new Float32Array(64)))[63] ?? 0;
    const input = (await readMonoWav(sharedFixture("reference", "gojira_left.mono.f32.wav"))).samples.subarray(
      0,
      20_000,
    );
    const stack = (await readMonoWav(sharedFixture("reference", "gojira_left.core__wavenet.namcore.wav"))).samples;
    const at = (t: number) => Math.tanh(t < 0 ? silence : (stack[t] ?? 0));
    const hidden = (c: number, t: number) =>
      (b0[c] ?? 0) + [0, 1, 2].reduce((sum, k) => sum + (w0[c * 3 + k] ?? 0) * at(t - (2 - k)), 0);
    const expected = Float64Array.from({ length: input.length }, (_, t) => {
      let y = b1[0] ?? 0;
      for (let c = 0; c < 2; c++)
        for (let k = 0; k < 2; k++) y += (w1[c * 2 + k] ?? 0) * Math.tanh(hidden(c, t - (1 - k)));
      return y;
    });
    const amp = await loadAmp(
      { bytes: new TextEncoder().encode(JSON.stringify(withHead)), fileName: "post-head.nam" },
      { threads: 1 },
    );
    expect(amp.graph.kind === "convolutional" ? amp.graph.receptiveFieldSamples : 0).toBe(23 + 2 + 1);
    expect(maxAbsDifference(await amp.run(input), expected)).toBeLessThan(2e-6);
  });
});

describeWithSharedFixtures("layer-array head kernel and head_dilation (spec §3.2, §3.8.5)", () => {
  it("a kernel-2, dilation-3 head rechannel mixes the stack output now and 3 samples ago", async () => {
    const file = JSON.parse(readFileSync(sharedFixture("nam", "core__wavenet.nam"), "utf8")) as {
      config: { layers: Record<string, unknown>[] };
      weights: number[];
    };
    // The last array's head is legacy (1 × 2, bias): its weights end the vector as [w0, w1, b, head_scale].
    const [w0, w1, b, headScale] = file.weights.slice(-4) as [number, number, number, number];
    const [older, current] = [0.5, 2];
    const last: Record<string, unknown> = {
      ...file.config.layers[1],
      head: { out_channels: 1, kernel_size: 2, bias: true, head_dilation: 3 },
    };
    delete last.head_size;
    delete last.head_bias;
    const dilated = {
      ...file,
      version: "0.7.0",
      config: { ...file.config, layers: [file.config.layers[0], last] },
      weights: [...file.weights.slice(0, -4), older * w0, current * w0, older * w1, current * w1, b, headScale],
    };
    const base = await loadAmp(
      { bytes: new TextEncoder().encode(JSON.stringify(file)), fileName: "base.nam" },
      { threads: 1 },
    );
    const silence = (await base.run(new Float32Array(64)))[63] ?? 0;
    const stack = (await readMonoWav(sharedFixture("reference", "gojira_left.core__wavenet.namcore.wav"))).samples;
    const input = (await readMonoWav(sharedFixture("reference", "gojira_left.mono.f32.wav"))).samples.subarray(
      0,
      20_000,
    );
    // y = hs·(b + W·S): the base output minus its bias term is linear in S, so the dilated head is a mix of it.
    const biasTerm = Math.fround(headScale * b);
    const base0 = (t: number) => (t < 0 ? silence : (stack[t] ?? 0)) - biasTerm;
    const expected = Float64Array.from(
      { length: input.length },
      (_, t) => current * base0(t) + older * base0(t - 3) + biasTerm,
    );
    const amp = await loadAmp(
      { bytes: new TextEncoder().encode(JSON.stringify(dilated)), fileName: "dilated.nam" },
      { threads: 1 },
    );
    expect(amp.facts.receptiveFieldSamples).toBe(23 + 3);
    expect(maxAbsDifference(await amp.run(input), expected)).toBeLessThan(2e-6);
  });
});
