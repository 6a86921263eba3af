import type { NamActivation } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import { buildActivation } from "./build-activation.ts";
import { createOrtGraphSession } from "./create-ort-graph-session.ts";
import { OnnxGraphBuilder } from "./onnx-graph-builder.ts";

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function fastTanh(x: number): number {
  const [a, b, g, d, e] = [2.45550750702956, 0.893229853513558, 0.821226666969744, 2.44506634652299, 0.814642734961073];
  const ax = Math.abs(x);
  return (x * (a + a * ax + (b + g * ax) * x * x)) / (d + (d + x * x) * Math.abs(x + e * x * ax));
}

/** Spec §2.1 formulas; `c` is the channel (PReLU slopes are per channel). */
const CASES: readonly { activation: NamActivation; f: (x: number, c: number) => number }[] = [
  { activation: "Tanh", f: Math.tanh },
  { activation: "Fasttanh", f: fastTanh },
  { activation: { type: "Hardtanh", min_val: -0.5, max_val: 3 }, f: (x) => Math.min(1, Math.max(-1, x)) },
  {
    activation: { type: "LeakyHardtanh", min_val: -0.5, max_val: 0.9, min_slope: 0.1, max_slope: 0.02 },
    f: (x) => (x < -0.5 ? -0.5 + (x + 0.5) * 0.1 : x > 0.9 ? 0.9 + (x - 0.9) * 0.02 : x),
  },
  { activation: "ReLU", f: (x) => Math.max(0, x) },
  { activation: { type: "LeakyReLU", negative_slope: 0.2 }, f: (x) => (x > 0 ? x : 0.2 * x) },
  {
    activation: { type: "PReLU", negative_slopes: [0.04, 0.3] },
    f: (x, c) => (x > 0 ? x : (c === 0 ? 0.04 : 0.3) * x),
  },
  { activation: { type: "PReLU", negative_slope: 0.1 }, f: (x) => (x > 0 ? x : 0.1 * x) },
  { activation: "Sigmoid", f: sigmoid },
  { activation: "SiLU", f: (x) => x * sigmoid(x) },
  { activation: "Hardswish", f: (x) => (x * Math.min(6, Math.max(0, x + 3))) / 6 },
  { activation: "Softsign", f: (x) => x / (1 + Math.abs(x)) },
];

describe("buildActivation (spec §2.1)", () => {
  const samples = 401;
  const input = Float32Array.from({ length: 2 * samples }, (_, i) => ((i % samples) - 200) / 33);
  for (const { activation, f } of CASES) {
    it(JSON.stringify(activation), async () => {
      const g = new OnnxGraphBuilder();
      g.alias(buildActivation(g, activation, "x", 2), "y");
      const onnx = g.encode([{ name: "x", dims: [1, 2, "T"] }], [{ name: "y", dims: [1, 2, "T"] }], "activation test");
      const session = await createOrtGraphSession(onnx, { threads: 1 });
      const y = (await session.run({ x: { data: input, dims: [1, 2, samples] } })).y?.data;
      expect(y).toBeDefined();
      for (let i = 0; i < input.length; i++) {
        const expected = f(input[i] ?? 0, Math.floor(i / samples));
        expect(Math.abs((y?.[i] ?? Number.NaN) - expected), `x = ${input[i]}`).toBeLessThan(2e-6);
      }
      await session.release();
    });
  }
});
