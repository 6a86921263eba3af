/** @module Tiny float64 reference forward pass of the NAM WaveNet subset the demo captures use (nam-spec §3). */
// Why hand-written: the production engine converts `.nam` to an ONNX graph elsewhere in the repo; the demo generator
// must not depend on it (it is built separately and may be mid-change), and an independent, readable implementation
// of the spec is what lets the tests say "this hand-designed capture really clips like an amp". It is deliberately
// slow and small: plain loops, no FiLM, gating, groups, bottleneck ≠ channels, head1x1, post-stack head or condition
// DSP — configs using those are rejected, never silently mis-computed.

/** New-style layer-array head (spec §3.2). */
export interface NamLayerHead {
  out_channels: number;
  kernel_size: number;
  bias: boolean;
  head_dilation?: number;
}

/** One WaveNet layer array as it appears in `.nam` JSON (only the keys this reference understands are typed). */
export interface NamLayerArrayConfig {
  input_size: number;
  condition_size: number;
  channels: number;
  bottleneck?: number;
  kernel_size?: number;
  kernel_sizes?: number[];
  dilations: number[];
  activation: string | string[];
  gating_mode?: string | string[];
  gated?: boolean;
  head?: NamLayerHead;
  /** Legacy form of `head` (kernel size 1). */
  head_size?: number;
  head_bias?: boolean;
  [otherKey: string]: unknown;
}

export interface NamWaveNetConfig {
  layers: NamLayerArrayConfig[];
  head?: null;
  head_scale: number;
  in_channels?: number;
  condition_dsp?: null;
  [otherKey: string]: unknown;
}

/** A layer array with defaults and legacy keys resolved. */
interface ResolvedLayerArray {
  inputSize: number;
  conditionSize: number;
  channels: number;
  kernelSizes: number[];
  dilations: number[];
  headSize: number;
  headKernelSize: number;
  headDilation: number;
  headBias: boolean;
}

function resolveLayerArray(array: NamLayerArrayConfig, index: number): ResolvedLayerArray {
  const where = `layers[${index}]`;
  const layerCount = array.dilations.length;
  const unsupported = (key: string): never => {
    throw new Error(`wavenet-reference: ${where}.${key} is not supported by this reference`);
  };
  if (array.bottleneck !== undefined && array.bottleneck !== array.channels) unsupported("bottleneck");
  if (array.gated === true) unsupported("gated");
  const gatingModes = array.gating_mode === undefined ? [] : [array.gating_mode].flat();
  if (gatingModes.some((mode) => mode !== "none")) unsupported("gating_mode");
  if ([array.activation].flat().some((name) => name !== "Tanh")) unsupported("activation (only Tanh)");
  for (const key of ["head1x1", "layer1x1"] as const) {
    const block = array[key] as { active?: boolean; groups?: number } | undefined;
    const isActiveByDefault = key === "layer1x1";
    if (block !== undefined && (block.active !== isActiveByDefault || (block.groups ?? 1) !== 1)) unsupported(key);
  }
  for (const [key, value] of Object.entries(array)) {
    const isActiveFilm =
      key.endsWith("_film") && value !== false && value !== null && (value as { active?: boolean })?.active !== false;
    if (isActiveFilm) unsupported(key);
    if (key.startsWith("groups") && value !== 1) unsupported(key);
  }
  if (array.slimmable !== undefined && array.slimmable !== null) unsupported("slimmable");
  if ((array.kernel_size === undefined) === (array.kernel_sizes === undefined)) {
    throw new Error(`wavenet-reference: ${where} needs exactly one of kernel_size / kernel_sizes`);
  }
  const kernelSizes = array.kernel_sizes ?? Array.from({ length: layerCount }, () => array.kernel_size ?? 1);
  if (kernelSizes.length !== layerCount) throw new Error(`wavenet-reference: ${where}.kernel_sizes length ≠ dilations`);
  if (array.head === undefined && array.head_size === undefined) {
    throw new Error(`wavenet-reference: ${where} needs head or head_size`);
  }
  return {
    inputSize: array.input_size,
    conditionSize: array.condition_size,
    channels: array.channels,
    kernelSizes,
    dilations: array.dilations,
    headSize: array.head?.out_channels ?? array.head_size ?? 1,
    headKernelSize: array.head?.kernel_size ?? 1,
    headDilation: array.head?.head_dilation ?? 1,
    headBias: array.head?.bias ?? array.head_bias ?? false,
  };
}

function resolveConfig(config: NamWaveNetConfig): ResolvedLayerArray[] {
  if (config.head !== undefined && config.head !== null)
    throw new Error("wavenet-reference: post-stack head unsupported");
  if (config.condition_dsp !== undefined && config.condition_dsp !== null) {
    throw new Error("wavenet-reference: condition_dsp unsupported");
  }
  if ((config.in_channels ?? 1) !== 1) throw new Error("wavenet-reference: only in_channels = 1");
  return config.layers.map(resolveLayerArray);
}

/**
 * Number of weights a config consumes (spec §3.4), including the final `head_scale`. Per array:
 * rechannel C·input_size; per layer conv C·C·K + bias C, mixin C·condition_size, layer 1×1 C·C + bias C;
 * head rechannel head_size·C·Kh (+ head_size bias); then one `head_scale` for the model.
 */
export function countWaveNetWeights(config: NamWaveNetConfig): number {
  let count = 0;
  for (const array of resolveConfig(config)) {
    const c = array.channels;
    count += c * array.inputSize;
    for (const kernelSize of array.kernelSizes) count += c * c * kernelSize + c + c * array.conditionSize + c * c + c;
    count += array.headSize * c * array.headKernelSize + (array.headBias ? array.headSize : 0);
  }
  return count + 1;
}

/** Receptive field P in samples (spec §3.5): output t depends on inputs t−P+1 … t. */
export function waveNetReceptiveFieldSamples(config: NamWaveNetConfig): number {
  let p = 1;
  for (const array of resolveConfig(config)) {
    array.kernelSizes.forEach((kernelSize, l) => {
      p += (kernelSize - 1) * (array.dilations[l] ?? 1);
    });
    p += (array.headKernelSize - 1) * array.headDilation;
  }
  return p;
}

/** Sequential reader over the flat weight vector (spec §0: PyTorch C order, consumed in module order). */
class WeightReader {
  private position = 0;
  private readonly weights: readonly number[];

  constructor(weights: readonly number[]) {
    this.weights = weights;
  }

  /** Reads a `(rows, columns, taps)` tensor as nested arrays [row][column][tap]. */
  tensor(rows: number, columns: number, taps: number): number[][][] {
    return Array.from({ length: rows }, () =>
      Array.from({ length: columns }, () => Array.from({ length: taps }, () => this.next())),
    );
  }

  vector(length: number): number[] {
    return Array.from({ length }, () => this.next());
  }

  next(): number {
    const value = this.weights[this.position++];
    if (value === undefined) throw new Error(`wavenet-reference: too few weights (${this.weights.length})`);
    return value;
  }

  get remaining(): number {
    return this.weights.length - this.position;
  }
}

/**
 * Causal dilated conv (spec §0): y[o][t] = b[o] + Σ_j Σ_k W[o][j][k]·x[j][t − (K−1−k)·d], reading frames before t = 0
 * as zero (harmless: the caller pads the input with P − 1 zeros and drops those outputs, spec §8.2).
 */
function causalConv(
  x: Float64Array[],
  weight: number[][][],
  bias: number[] | undefined,
  dilation: number,
): Float64Array[] {
  const length = x[0]?.length ?? 0;
  return weight.map((row, o) => {
    const y = new Float64Array(length).fill(bias?.[o] ?? 0);
    row.forEach((taps, j) => {
      const input = x[j];
      if (input === undefined) throw new Error("wavenet-reference: channel mismatch");
      const kernelSize = taps.length;
      taps.forEach((w, k) => {
        if (w === 0) return;
        const lag = (kernelSize - 1 - k) * dilation;
        for (let t = lag; t < length; t++) y[t] = (y[t] ?? 0) + w * (input[t - lag] ?? 0);
      });
    });
    return y;
  });
}

/**
 * Runs a WaveNet `.nam` model on a mono input exactly as the core does after prewarm (spec §3.3, §8.2): the input is
 * left-padded with P − 1 zeros, evaluated, and the first P − 1 outputs dropped. Float64 throughout (the core is
 * float32, so expect ~1e-6 differences). Returns the mono output (channel 0), same length as `input`.
 */
export function runWaveNetReference(
  model: { config: NamWaveNetConfig; weights: readonly number[] },
  input: ArrayLike<number>,
): Float64Array {
  const arrays = resolveConfig(model.config);
  const padSamples = waveNetReceptiveFieldSamples(model.config) - 1;
  const padded = new Float64Array(input.length + padSamples);
  padded.set(input, padSamples);
  const condition = [padded];
  const reader = new WeightReader(model.weights);

  let arrayInput: Float64Array[] = [padded];
  let headInput: Float64Array[] | undefined;
  let headOutput: Float64Array[] = [];
  for (const array of arrays) {
    const c = array.channels;
    let h = causalConv(arrayInput, reader.tensor(c, array.inputSize, 1), undefined, 1);
    // Skip sum starts from the previous array's head output (spec §3.3), zero for the first array.
    const skip = headInput ?? Array.from({ length: c }, () => new Float64Array(padded.length));
    if (skip.length !== c) throw new Error("wavenet-reference: previous head size ≠ channels");
    array.kernelSizes.forEach((kernelSize, l) => {
      const convWeight = reader.tensor(c, c, kernelSize);
      const convBias = reader.vector(c);
      const mixWeight = reader.tensor(c, array.conditionSize, 1);
      const residualWeight = reader.tensor(c, c, 1);
      const residualBias = reader.vector(c);
      const z = causalConv(h, convWeight, convBias, array.dilations[l] ?? 1);
      const mix = causalConv(condition, mixWeight, undefined, 1);
      const y = z.map((row, o) => row.map((v, t) => Math.tanh(v + (mix[o]?.[t] ?? 0))));
      const residual = causalConv(y, residualWeight, residualBias, 1);
      h = h.map((row, o) => row.map((v, t) => v + (residual[o]?.[t] ?? 0)));
      y.forEach((row, o) => {
        const sum = skip[o];
        if (sum !== undefined) for (let t = 0; t < row.length; t++) sum[t] = (sum[t] ?? 0) + (row[t] ?? 0);
      });
    });
    const headWeight = reader.tensor(array.headSize, c, array.headKernelSize);
    const headBias = array.headBias ? reader.vector(array.headSize) : undefined;
    headOutput = causalConv(skip, headWeight, headBias, array.headDilation);
    arrayInput = h;
    headInput = headOutput;
  }
  const headScale = reader.next();
  if (reader.remaining !== 0) throw new Error(`wavenet-reference: ${reader.remaining} weights left over`);
  const out = headOutput[0];
  if (out === undefined) throw new Error("wavenet-reference: no output channel");
  return out.subarray(padSamples).map((v) => v * headScale);
}
