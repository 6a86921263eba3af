/** @module Float64 reference forward passes (straight from nam-spec §4–§6) for models without golden renders. */

/** Deterministic pseudo-random weights in [−scale, scale) (mulberry32). */
export function randomWeights(count: number, seed: number, scale = 0.5): number[] {
  let a = seed >>> 0;
  return Array.from({ length: count }, () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.fround((2 * u - 1) * scale);
  });
}

/** `take(n)`: the next n values of `weights`, in order. */
export function sequentialReader(weights: readonly number[]): (count: number) => number[] {
  let at = 0;
  return (count) => {
    const slice = weights.slice(at, at + count);
    at += count;
    return slice;
  };
}

/** A test signal: a few decaying sines plus noise, peak ≈ 0.5. */
export function testSignal(samples: number, seed = 1): Float32Array {
  const noise = randomWeights(samples, seed, 0.05);
  return Float32Array.from({ length: samples }, (_, t) => {
    const env = Math.exp(-((t % 3000) / 1500));
    return 0.3 * env * Math.sin(t * 0.031) + 0.15 * Math.sin(t * 0.0071) + (noise[t] ?? 0);
  });
}

/** ConvNet (spec §5), 1 in / 1 out, groups 1, Tanh; prewarm = infinite silence before the signal (spec §8.2). */
export function convNetReference(
  weights: readonly number[],
  config: { channels: number; dilations: number[]; batchnorm: boolean },
  input: Float32Array,
): Float64Array {
  const c = config.channels;
  const take = sequentialReader(weights);
  const p = 1 + config.dilations.reduce((s, d) => s + d, 0);
  const pad = p - 1;
  let x: number[][] = [[...new Array<number>(pad).fill(0), ...input]];
  config.dilations.forEach((d, i) => {
    const cin = i === 0 ? 1 : c;
    const w = take(c * cin * 2);
    const bias = config.batchnorm ? null : take(c);
    const bn = config.batchnorm
      ? { mean: take(c), variance: take(c), gamma: take(c), beta: take(c), eps: take(1)[0] ?? 0 }
      : null;
    const length = x[0]?.length ?? 0;
    const y: number[][] = [];
    for (let o = 0; o < c; o++) {
      const row = new Array<number>(length).fill(0);
      for (let t = 0; t < length; t++) {
        let sum = bias?.[o] ?? 0;
        for (let j = 0; j < cin; j++) {
          const prev = t - d >= 0 ? (x[j]?.[t - d] ?? 0) : 0;
          sum += (w[(o * cin + j) * 2] ?? 0) * prev + (w[(o * cin + j) * 2 + 1] ?? 0) * (x[j]?.[t] ?? 0);
        }
        if (bn !== null) {
          const a = (bn.gamma[o] ?? 0) / Math.sqrt((bn.variance[o] ?? 0) + bn.eps);
          sum = sum * a + ((bn.beta[o] ?? 0) - a * (bn.mean[o] ?? 0));
        }
        row[t] = Math.tanh(sum);
      }
      y.push(row);
    }
    x = y;
  });
  const head = take(c);
  const headBias = take(1)[0] ?? 0;
  const out = new Float64Array(input.length);
  for (let t = 0; t < input.length; t++) {
    let sum = headBias;
    for (let j = 0; j < c; j++) sum += (head[j] ?? 0) * (x[j]?.[t + pad] ?? 0);
    out[t] = sum;
  }
  return out;
}

/** LSTM (spec §4), 1 in / 1 out: prewarm zeros from (h0, c0), then the signal. */
export function lstmReference(
  weights: readonly number[],
  config: { layers: number; hidden: number },
  prewarmSamples: number,
  input: Float32Array,
): Float64Array {
  const hSize = config.hidden;
  const take = sequentialReader(weights);
  const layers = Array.from({ length: config.layers }, (_, l) => {
    const inWidth = l === 0 ? 1 : hSize;
    return { inWidth, w: take(4 * hSize * (inWidth + hSize)), b: take(4 * hSize), h: take(hSize), c: take(hSize) };
  });
  const head = take(hSize);
  const headBias = take(1)[0] ?? 0;
  const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
  const step = (sample: number): number => {
    let x = [sample];
    for (const layer of layers) {
      const xh = [...x, ...layer.h];
      const g = Array.from({ length: 4 * hSize }, (_, r) => {
        let sum = layer.b[r] ?? 0;
        for (let j = 0; j < xh.length; j++) sum += (layer.w[r * xh.length + j] ?? 0) * (xh[j] ?? 0);
        return sum;
      });
      for (let k = 0; k < hSize; k++) {
        const i = sigmoid(g[k] ?? 0);
        const f = sigmoid(g[hSize + k] ?? 0);
        const gg = Math.tanh(g[2 * hSize + k] ?? 0);
        const o = sigmoid(g[3 * hSize + k] ?? 0);
        layer.c[k] = f * (layer.c[k] ?? 0) + i * gg;
        layer.h[k] = o * Math.tanh(layer.c[k] ?? 0);
      }
      x = layer.h;
    }
    return headBias + x.reduce((s, v, k) => s + v * (head[k] ?? 0), 0);
  };
  for (let t = 0; t < prewarmSamples; t++) step(0);
  return Float64Array.from(input, (v) => step(v));
}

/** Max |a − b|. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    max = Math.max(max, Math.abs((a[i] ?? Number.NaN) - (b[i] ?? Number.NaN)));
  return max;
}
