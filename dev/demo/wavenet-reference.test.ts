import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeWithSharedFixtures, sharedFixture } from "../test-support/shared-fixtures.ts";
import { decodeWav } from "./read-wav.ts";
import {
  countWaveNetWeights,
  type NamWaveNetConfig,
  runWaveNetReference,
  waveNetReceptiveFieldSamples,
} from "./wavenet-reference.ts";

/** 1 array, C = 1, one layer (K = 2, d = 3), head kernel 2: small enough to compute by hand. */
const tinyConfig: NamWaveNetConfig = {
  layers: [
    {
      input_size: 1,
      condition_size: 1,
      channels: 1,
      kernel_size: 2,
      dilations: [3],
      activation: "Tanh",
      head: { out_channels: 1, kernel_size: 2, bias: true },
    },
  ],
  head_scale: 0.5,
};

describe("wavenet-reference", () => {
  it("counts weights and receptive field per spec §3.4/§3.5", () => {
    // rechannel 1 + [conv 1·1·2 + bias 1 + mixin 1 + 1×1 1 + bias 1] + head 1·1·2 + bias 1 + head_scale 1 = 11
    expect(countWaveNetWeights(tinyConfig)).toBe(11);
    // P = 1 + (2−1)·3 + (2−1)·1
    expect(waveNetReceptiveFieldSamples(tinyConfig)).toBe(5);
  });

  it("computes the spec's forward pass (checked by hand on a 1-channel model)", () => {
    // rechannel w_re; conv taps [old, new] = [c0, c1], bias bc; mixin m; 1×1 r, bias br; head taps [h0, h1], bias hb.
    const [wRe, c0, c1, bc, m, r, br, h0, h1, hb, scale] = [2, 0.3, -0.2, 0.1, 0.5, 0.7, 0.05, 0.4, 1.5, -0.1, 0.5];
    const weights = [wRe, c0, c1, bc, m, r, br, h0, h1, hb, scale];
    const x = [0.2, -0.4, 0.1, 0.3, 0.0, -0.5, 0.25];
    const expected = x.map((_, t) => {
      const skipAt = (u: number) => {
        if (u < 0) return Math.tanh(bc); // the steady state of an endless zero input (prewarm)
        const h = (v: number) => (v < 0 ? 0 : wRe * (x[v] ?? 0));
        return Math.tanh(c0 * h(u - 3) + c1 * h(u) + bc + m * (x[u] ?? 0));
      };
      return scale * (h0 * skipAt(t - 1) + h1 * skipAt(t) + hb);
    });
    const out = runWaveNetReference({ config: tinyConfig, weights }, x);
    out.forEach((v, t) => {
      expect(v).toBeCloseTo(expected[t] ?? Number.NaN, 12);
    });
  });

  it("rejects weight vectors of the wrong length and features it does not implement", () => {
    const weights = new Array<number>(11).fill(0.1);
    expect(() => runWaveNetReference({ config: tinyConfig, weights: weights.slice(1) }, [0])).toThrow(/too few/);
    expect(() => runWaveNetReference({ config: tinyConfig, weights: [...weights, 0] }, [0])).toThrow(/left over/);
    const gated = { ...tinyConfig, layers: [{ ...tinyConfig.layers[0], gating_mode: "gated" }] } as NamWaveNetConfig;
    expect(() => countWaveNetWeights(gated)).toThrow(/gating_mode/);
    const relu = { ...tinyConfig, layers: [{ ...tinyConfig.layers[0], activation: "ReLU" }] } as NamWaveNetConfig;
    expect(() => countWaveNetWeights(relu)).toThrow(/activation/);
  });
});

describeWithSharedFixtures("wavenet-reference vs the official NAM core (golden renders)", () => {
  // Read inside the tests: a skipped describe still runs its body to collect the tests.
  const readInput = () => decodeWav(readFileSync(sharedFixture("reference", "gojira_left.mono.f32.wav"))).samples;
  const cases = [
    // Tiny 2-array WaveNet with legacy 0.5.4 keys (head_size/head_bias), whole file.
    { model: "core__wavenet.nam", golden: "gojira_left.core__wavenet.namcore.wav", samples: Number.POSITIVE_INFINITY },
    // The 13 802-weight standard JCM800 capture (P = 4 093): the first 0.5 s is enough and keeps the test fast.
    { model: "jcm800-capture-3.nam", golden: "gojira_left.jcm800.namcore.wav", samples: 24_000 },
  ];
  for (const { model, golden, samples } of cases) {
    it(`matches ${golden} within 1e-6 (float32 core vs float64 reference)`, () => {
      const nam = JSON.parse(readFileSync(sharedFixture("nam", model), "utf8"));
      expect(countWaveNetWeights(nam.config)).toBe(nam.weights.length);
      const input = readInput();
      const out = runWaveNetReference(nam, input.subarray(0, Math.min(samples, input.length)));
      const expected = decodeWav(readFileSync(sharedFixture("reference", golden))).samples;
      let maxError = 0;
      out.forEach((v, n) => {
        maxError = Math.max(maxError, Math.abs(v - (expected[n] ?? Number.NaN)));
      });
      expect(maxError).toBeLessThan(1e-6);
    });
  }
});
