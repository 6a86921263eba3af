/** @module `buildActivation`: one NAM activation (spec §2.1) as ONNX nodes; exact functions, no approximations. */
import type { NamActivation } from "@gts/api/contract";
import type { OnnxGraphBuilder } from "./onnx-graph-builder.ts";

// Fasttanh constants (spec §2.1).
const FAST_TANH = {
  alpha: 2.45550750702956,
  beta: 0.893229853513558,
  gamma: 0.821226666969744,
  delta: 2.44506634652299,
  epsilon: 0.814642734961073,
};

/** x·(α + α|x| + (β + γ|x|)·x²) / (δ + (δ + x²)·|x + ε·x·|x||) (spec §2.1). */
function fastTanh(g: OnnxGraphBuilder, x: string): string {
  const { alpha, beta, gamma, delta, epsilon } = FAST_TANH;
  const ax = g.op("Abs", [x]);
  const x2 = g.op("Mul", [x, x]);
  const inner = g.op("Add", [
    g.op("Add", [g.scalar(alpha), g.op("Mul", [g.scalar(alpha), ax])]),
    g.op("Mul", [g.op("Add", [g.scalar(beta), g.op("Mul", [g.scalar(gamma), ax])]), x2]),
  ]);
  const numerator = g.op("Mul", [x, inner]);
  const absTerm = g.op("Abs", [g.op("Add", [x, g.op("Mul", [g.op("Mul", [g.scalar(epsilon), x]), ax])])]);
  const denominator = g.op("Add", [g.scalar(delta), g.op("Mul", [g.op("Add", [g.scalar(delta), x2]), absTerm])]);
  return g.op("Div", [numerator, denominator]);
}

/**
 * Emits `activation(x)` for a tensor `x` of shape (1, channels, T) and returns the result's name. PReLU slopes are
 * per channel (shape (C, 1), spec §10); a single slope is a LeakyRelu.
 */
export function buildActivation(g: OnnxGraphBuilder, activation: NamActivation, x: string, channels: number): string {
  const spec = typeof activation === "string" ? { type: activation } : activation;
  switch (spec.type) {
    case "Tanh":
      return g.op("Tanh", [x]);
    case "Fasttanh":
      return fastTanh(g, x);
    case "Hardtanh":
      // Bounds are ignored by the core: always ±1 (spec §3.8.4).
      return g.op("Clip", [x, scalarNoShape(g, -1), scalarNoShape(g, 1)]);
    case "LeakyHardtanh":
    case "LeakyHardTanh": {
      const s = spec as { min_val: number; max_val: number; min_slope: number; max_slope: number };
      // clip(x, lo, hi) + sl·min(x − lo, 0) + sh·max(x − hi, 0) equals the piecewise form of spec §2.1.
      const clipped = g.op("Clip", [x, scalarNoShape(g, s.min_val), scalarNoShape(g, s.max_val)]);
      const below = g.op("Min", [g.op("Sub", [x, g.scalar(s.min_val)]), g.scalar(0)]);
      const above = g.op("Max", [g.op("Sub", [x, g.scalar(s.max_val)]), g.scalar(0)]);
      return g.op("Add", [
        clipped,
        g.op("Add", [g.op("Mul", [below, g.scalar(s.min_slope)]), g.op("Mul", [above, g.scalar(s.max_slope)])]),
      ]);
    }
    case "ReLU":
      return g.op("Relu", [x]);
    case "LeakyReLU":
      return g.op("LeakyRelu", [x], { alpha: { float: (spec as { negative_slope: number }).negative_slope } });
    case "PReLU": {
      const s = spec as { negative_slope?: number; negative_slopes?: number[] };
      if (s.negative_slopes === undefined) {
        return g.op("LeakyRelu", [x], { alpha: { float: s.negative_slope ?? 0.01 } });
      }
      return g.op("PRelu", [x, g.floats("prelu", [channels, 1], s.negative_slopes)]);
    }
    case "Sigmoid":
      return g.op("Sigmoid", [x]);
    case "SiLU":
      return g.op("Mul", [x, g.op("Sigmoid", [x])]);
    case "Hardswish":
      return g.op("HardSwish", [x]);
    case "Softsign":
      return g.op("Softsign", [x]);
  }
}

/** Clip takes its bounds as 0-d tensors. */
function scalarNoShape(g: OnnxGraphBuilder, value: number): string {
  return g.floats("clip", [], [value]);
}
