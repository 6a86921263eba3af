/** @module `ConvWeights`: one (possibly 1×1, grouped, dilated) causal conv's tensors, as read from a `.nam` (spec §0). */
import type { NamWeightReader } from "./nam-weight-reader.ts";

/** Weight `(outChannels, inChannels / groups, kernelSize)` in PyTorch flat order, optional bias. */
export interface ConvWeights {
  readonly outChannels: number;
  readonly inChannels: number;
  readonly kernelSize: number;
  readonly dilation: number;
  readonly groups: number;
  readonly weight: Float32Array;
  readonly bias: Float32Array | null;
}

/** Reads a conv's weight then (if `bias`) its bias: the flat slice is already the ONNX layout (spec §0, §10). */
export function readConvWeights(
  reader: NamWeightReader,
  what: string,
  shape: {
    outChannels: number;
    inChannels: number;
    kernelSize?: number;
    dilation?: number;
    groups?: number;
    bias: boolean;
  },
): ConvWeights {
  const kernelSize = shape.kernelSize ?? 1;
  const groups = shape.groups ?? 1;
  const weight = reader.take(shape.outChannels * (shape.inChannels / groups) * kernelSize, `${what} weight`);
  const bias = shape.bias ? reader.take(shape.outChannels, `${what} bias`) : null;
  return {
    outChannels: shape.outChannels,
    inChannels: shape.inChannels,
    kernelSize,
    dilation: shape.dilation ?? 1,
    groups,
    weight,
    bias,
  };
}

/** The first `outChannels` rows and `inChannels` columns of an ungrouped conv, every tap kept (spec §3.10). */
export function sliceConvWeights(conv: ConvWeights, outChannels: number, inChannels: number): ConvWeights {
  if (outChannels === conv.outChannels && inChannels === conv.inChannels) return conv;
  const k = conv.kernelSize;
  const weight = new Float32Array(outChannels * inChannels * k);
  for (let o = 0; o < outChannels; o++) {
    for (let i = 0; i < inChannels; i++) {
      for (let t = 0; t < k; t++)
        weight[(o * inChannels + i) * k + t] = conv.weight[(o * conv.inChannels + i) * k + t] ?? 0;
    }
  }
  return {
    ...conv,
    outChannels,
    inChannels,
    weight,
    bias: conv.bias === null ? null : conv.bias.slice(0, outChannels),
  };
}

/** Multiplies weight and bias by `factor` (folds a following scalar gain into the conv). */
export function scaleConvWeights(conv: ConvWeights, factor: number): ConvWeights {
  return {
    ...conv,
    weight: conv.weight.map((w) => w * factor),
    bias: conv.bias === null ? null : conv.bias.map((b) => b * factor),
  };
}
