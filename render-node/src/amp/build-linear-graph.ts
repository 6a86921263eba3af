/** @module `buildLinearGraph`: a Linear model (spec §6), an FIR filter with the core's tap order. */
import type { LinearNamFile } from "@gts/api/contract";
import { buildCausalConv } from "./build-causal-conv.ts";
import { NamWeightReader } from "./nam-weight-reader.ts";
import type { OnnxGraphBuilder } from "./onnx-graph-builder.ts";

/**
 * Emits `y[t] = b + Σ_m h[m]·x[t−m]` on each of the first min(in, out) channels of `input` (1, in, L); extra output
 * channels are 0 (spec §6). `h[0]` is the current sample in the core, the last tap in an ONNX Conv: reversed.
 */
export function buildLinearGraph(
  g: OnnxGraphBuilder,
  file: LinearNamFile,
  input: string,
  fileName: string,
  field = "weights",
): string {
  const { config } = file;
  const reader = new NamWeightReader(file.weights, fileName, field);
  const taps = reader.take(config.receptive_field, "impulse response");
  const bias = config.bias ? reader.one("bias") : 0;
  reader.finish();
  const filtered = Math.min(config.in_channels, config.out_channels);
  const weight = new Float32Array(filtered * config.receptive_field);
  for (let c = 0; c < filtered; c++) weight.set(taps.slice().reverse(), c * config.receptive_field);
  const x =
    config.in_channels === filtered
      ? input
      : g.op("Slice", [input, g.int64s([0]), g.int64s([filtered]), g.int64s([1])]);
  const y = buildCausalConv(
    g,
    {
      outChannels: filtered,
      inChannels: filtered,
      kernelSize: config.receptive_field,
      dilation: 1,
      groups: filtered,
      weight,
      bias: new Float32Array(filtered).fill(bias),
    },
    x,
  );
  if (config.out_channels === filtered) return y;
  return g.op("Pad", [y, g.int64s([0, 0, 0, 0, config.out_channels - filtered, 0])]);
}
