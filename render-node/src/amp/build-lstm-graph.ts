/** @module `buildLstmGraph`: an LSTM (spec §4) as chained ONNX `LSTM` ops with explicit state inputs/outputs. */
import type { LstmNamFile } from "@gts/api/contract";
import { AmpConversionError } from "./amp-conversion-error.ts";
import { NamWeightReader } from "./nam-weight-reader.ts";
import type { OnnxGraphBuilder, OnnxValueInfo } from "./onnx-graph-builder.ts";

/** Graph I/O names of one layer's state. */
export function lstmStateNames(layer: number): { h0: string; c0: string; h: string; c: string } {
  return { h0: `h0_${layer}`, c0: `c0_${layer}`, h: `h_${layer}`, c: `c_${layer}` };
}

/** The stored initial state (h0, c0) of every layer, as read from the weights (spec §4). */
export interface LstmGraph {
  readonly output: string;
  readonly hiddenSize: number;
  readonly initialState: readonly { readonly h: Float32Array; readonly c: Float32Array }[];
  readonly stateInputs: readonly OnnxValueInfo[];
  readonly stateOutputs: readonly OnnxValueInfo[];
}

// PyTorch stores gates i, f, g, o; ONNX wants i, o, f, c (spec §4): ONNX block b = torch block ORDER[b].
const ONNX_FROM_TORCH_GATE = [0, 3, 1, 2] as const;

/**
 * Emits the LSTM on `input` (1, in, T): Transpose to (T, 1, in), one `LSTM` per layer with `initial_h/initial_c` graph
 * inputs and `Y_h/Y_c` graph outputs (so chunks chain their state), then the linear head → (1, out, T).
 */
export function buildLstmGraph(g: OnnxGraphBuilder, file: LstmNamFile, input: string, fileName: string): LstmGraph {
  const { config } = file;
  const h = config.hidden_size;
  if (config.input_size !== config.in_channels) {
    throw new AmpConversionError(
      fileName,
      "config.input_size",
      `${config.input_size} differs from in_channels ${config.in_channels}; the core feeds the input channels to the LSTM`,
    );
  }
  const reader = new NamWeightReader(file.weights, fileName);
  let x = g.op("Transpose", [input], { perm: [2, 0, 1] });
  const initialState: { h: Float32Array; c: Float32Array }[] = [];
  const stateInputs: OnnxValueInfo[] = [];
  const stateOutputs: OnnxValueInfo[] = [];
  for (let l = 0; l < config.num_layers; l++) {
    const inputWidth = l === 0 ? config.input_size : h;
    const stacked = reader.take(4 * h * (inputWidth + h), `layer ${l} weights`);
    const bias = reader.take(4 * h, `layer ${l} bias`);
    initialState.push({ h: reader.take(h, `layer ${l} h0`), c: reader.take(h, `layer ${l} c0`) });
    const w = new Float32Array(4 * h * inputWidth);
    const r = new Float32Array(4 * h * h);
    const b = new Float32Array(8 * h); // [Wb; Rb]: the summed bias goes in Wb, Rb stays 0.
    ONNX_FROM_TORCH_GATE.forEach((torchGate, onnxGate) => {
      for (let row = 0; row < h; row++) {
        const src = (torchGate * h + row) * (inputWidth + h);
        const dst = onnxGate * h + row;
        w.set(stacked.subarray(src, src + inputWidth), dst * inputWidth);
        r.set(stacked.subarray(src + inputWidth, src + inputWidth + h), dst * h);
        b[dst] = bias[torchGate * h + row] ?? 0;
      }
    });
    const names = lstmStateNames(l);
    stateInputs.push({ name: names.h0, dims: [1, 1, h] }, { name: names.c0, dims: [1, 1, h] });
    stateOutputs.push({ name: names.h, dims: [1, 1, h] }, { name: names.c, dims: [1, 1, h] });
    const y = g.name("lstm_y");
    g.opMulti(
      "LSTM",
      [
        x,
        g.floats("lstm_w", [1, 4 * h, inputWidth], w),
        g.floats("lstm_r", [1, 4 * h, h], r),
        g.floats("lstm_b", [1, 8 * h], b),
        "",
        names.h0,
        names.c0,
      ],
      [y, names.h, names.c],
      { hidden_size: h },
    );
    x = g.op("Squeeze", [y, g.int64s([1])]); // (T, 1, 1, H) → (T, 1, H)
  }
  const out = config.out_channels;
  const headWeight = reader.take(out * h, "head weight");
  const headBias = reader.take(out, "head bias");
  reader.finish();
  const transposed = new Float32Array(h * out);
  for (let o = 0; o < out; o++) for (let j = 0; j < h; j++) transposed[j * out + o] = headWeight[o * h + j] ?? 0;
  const y = g.op("Add", [
    g.op("MatMul", [x, g.floats("head_w", [h, out], transposed)]),
    g.floats("head_b", [out], headBias),
  ]);
  return {
    output: g.op("Transpose", [y], { perm: [1, 2, 0] }),
    hiddenSize: h,
    initialState,
    stateInputs,
    stateOutputs,
  };
}
