/** @module Seeded pseudo-random numbers (mulberry32) so every demo asset is byte-identical on every run. */

/** A deterministic random source; never touches `Math.random`. */
export interface Prng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Uniform in [low, high). */
  between(low: number, high: number): number;
  /** Standard normal (mean 0, deviation 1), Box–Muller. */
  gaussian(): number;
}

/**
 * mulberry32: 32-bit state, good enough statistics for audio noise and humanisation, and trivially portable
 * (only 32-bit integer ops, so the sequence is the same on every JS engine).
 */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  let spareGaussian: number | undefined;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    uniform,
    between: (low, high) => low + (high - low) * uniform(),
    gaussian: () => {
      if (spareGaussian !== undefined) {
        const value = spareGaussian;
        spareGaussian = undefined;
        return value;
      }
      // 1 - u keeps the logarithm's argument in (0, 1].
      const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
      const angle = 2 * Math.PI * uniform();
      spareGaussian = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}
