/** @module `buildCausalConv`: a causal dilated conv (spec §0) as one ONNX `Conv` with left padding `(K−1)·d`. */
import type { ConvWeights } from "./conv-weights.ts";
import type { OnnxGraphBuilder } from "./onnx-graph-builder.ts";

/**
 * `y[:, t] = b + Σ_k W_k · x[:, t − (K−1−k)·d]` on a (1, in, L) tensor, output (1, out, L). The left pad stands for
 * samples before the (already zero-padded) input; outputs it influences fall in the first P − 1 and are dropped
 * (spec §8.2, §10).
 */
export function buildCausalConv(g: OnnxGraphBuilder, conv: ConvWeights, x: string): string {
  const weight = g.floats("w", [conv.outChannels, conv.inChannels / conv.groups, conv.kernelSize], conv.weight);
  const inputs = conv.bias === null ? [x, weight] : [x, weight, g.floats("b", [conv.outChannels], conv.bias)];
  if (conv.kernelSize > 1) {
    g.im2colRowsPerSample = Math.max(g.im2colRowsPerSample, conv.kernelSize * (conv.inChannels / conv.groups));
  }
  const lookbackSamples = (conv.kernelSize - 1) * conv.dilation;
  return g.op("Conv", inputs, {
    kernel_shape: [conv.kernelSize],
    dilations: [conv.dilation],
    group: conv.groups,
    pads: [lookbackSamples, 0],
    strides: [1],
  });
}
