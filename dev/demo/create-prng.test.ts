import { describe, expect, it } from "vitest";
import { createPrng } from "./create-prng.ts";

describe("createPrng", () => {
  it("repeats the same sequence for the same seed and differs for another", () => {
    const take = (seed: number) => Array.from({ length: 5 }, createPrng(seed).uniform);
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  it("gives uniform values in [0, 1) and roughly standard normal gaussians", () => {
    const prng = createPrng(7);
    const uniforms = Array.from({ length: 20_000 }, prng.uniform);
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniforms)).toBeLessThan(1);
    const gaussians = Array.from({ length: 20_000 }, prng.gaussian);
    const mean = gaussians.reduce((a, b) => a + b, 0) / gaussians.length;
    const variance = gaussians.reduce((a, b) => a + (b - mean) ** 2, 0) / gaussians.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(variance).toBeCloseTo(1, 1);
  });
});
