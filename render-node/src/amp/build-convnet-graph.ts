/** @module `buildConvNetGraph`: a ConvNet (spec §5) with batch norm folded into each kernel-2 conv. */
import type { ConvNetNamFile } from "@gts/api/contract";
import { buildActivation } from "./build-activation.ts";
import { buildCausalConv } from "./build-causal-conv.ts";
import { type ConvWeights, readConvWeights } from "./conv-weights.ts";
import { NamWeightReader } from "./nam-weight-reader.ts";
import type { OnnxGraphBuilder } from "./onnx-graph-builder.ts";

/** Folds `x·a + (β − a·mean)`, `a = γ / sqrt(var + eps)`, into the preceding conv (spec §5). */
function foldBatchNorm(reader: NamWeightReader, conv: ConvWeights, what: string): ConvWeights {
  const c = conv.outChannels;
  const mean = reader.take(c, `${what} running_mean`);
  const variance = reader.take(c, `${what} running_var`);
  const gamma = reader.take(c, `${what} weight`);
  const beta = reader.take(c, `${what} bias`);
  const eps = reader.one(`${what} eps`);
  const perRow = conv.weight.length / c;
  const weight = new Float32Array(conv.weight.length);
  const bias = new Float32Array(c);
  for (let o = 0; o < c; o++) {
    const a = (gamma[o] ?? 0) / Math.sqrt((variance[o] ?? 0) + eps);
    for (let i = 0; i < perRow; i++) weight[o * perRow + i] = (conv.weight[o * perRow + i] ?? 0) * a;
    bias[o] = (beta[o] ?? 0) - a * (mean[o] ?? 0);
  }
  return { ...conv, weight, bias };
}

/** Emits the ConvNet on `input` (1, in, L) and returns (1, out, L). */
export function buildConvNetGraph(
  g: OnnxGraphBuilder,
  file: ConvNetNamFile,
  input: string,
  fileName: string,
  field = "weights",
): string {
  const { config } = file;
  const reader = new NamWeightReader(file.weights, fileName, field);
  let x = input;
  config.dilations.forEach((dilation, i) => {
    const what = `block ${i}`;
    const conv = readConvWeights(reader, `${what} conv`, {
      outChannels: config.channels,
      inChannels: i === 0 ? config.in_channels : config.channels,
      kernelSize: 2,
      dilation,
      groups: config.groups,
      bias: !config.batchnorm,
    });
    const folded = config.batchnorm ? foldBatchNorm(reader, conv, what) : conv;
    x = buildActivation(g, config.activation, buildCausalConv(g, folded, x), config.channels);
  });
  const head = readConvWeights(reader, "head", {
    outChannels: config.out_channels,
    inChannels: config.channels,
    bias: true,
  });
  reader.finish();
  return buildCausalConv(g, head, x);
}
