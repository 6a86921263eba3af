/** @module `convertNamToOnnx`: a validated `.nam` model → one ONNX graph with a dynamic time axis (spec §10). */
import { type NamFile, namReceptiveFieldSamples, resolveWaveNetLayerArray } from "@gts/api/contract";
import { AmpConversionError } from "./amp-conversion-error.ts";
import { buildConvNetGraph } from "./build-convnet-graph.ts";
import { buildLinearGraph } from "./build-linear-graph.ts";
import { buildLstmGraph } from "./build-lstm-graph.ts";
import { buildWaveNetGraph } from "./build-wavenet-graph.ts";
import { OnnxGraphBuilder } from "./onnx-graph-builder.ts";
import { readWaveNetWeights } from "./read-wavenet-weights.ts";
import { selectNamSubmodel } from "./select-nam-submodel.ts";
import { slimWaveNetWeights } from "./slim-wavenet-weights.ts";

/** Bumped whenever the emitted graphs change; part of every cache key. */
export const AMP_CONVERTER_VERSION = "2";

/** Graph input/output names. */
export const AMP_INPUT_NAME = "x";
export const AMP_OUTPUT_NAME = "y";

export interface ConvertNamOptions {
  /** Named in errors. */
  readonly fileName?: string;
  /** Slimmable size 0..1 (spec §3.10, §7); absent = the model's default (full) size. */
  readonly size?: number;
}

/** A stateless (convolutional) graph: input `(1, in, T + P − 1)`, the caller left-pads P − 1 zeros; output `(1, out, T)`. */
export interface ConvolutionalAmpGraph {
  readonly kind: "convolutional";
  readonly onnx: Uint8Array;
  readonly receptiveFieldSamples: number;
  readonly inChannels: number;
  readonly outChannels: number;
  /** Rate of the selected model in hertz, `null` when the file does not say. */
  readonly sampleRateHz: number | null;
  /** See `OnnxGraphBuilder.im2colRowsPerSample`. */
  readonly im2colRowsPerSample: number;
}

/** An LSTM graph: input `(1, in, T)`, state inputs `h0_l/c0_l` and outputs `h_l/c_l` (1, 1, H); output `(1, out, T)`. */
export interface RecurrentAmpGraph {
  readonly kind: "recurrent";
  readonly onnx: Uint8Array;
  /** Zeros the core runs from the stored state before the signal: floor(0.5·rate), 1 if unknown (spec §4, §8.2). */
  readonly prewarmSamples: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly sampleRateHz: number | null;
  readonly layers: number;
  readonly hiddenSize: number;
  /** The stored (h0, c0) per layer, before the prewarm. */
  readonly initialState: readonly { readonly h: Float32Array; readonly c: Float32Array }[];
}

export type AmpGraph = ConvolutionalAmpGraph | RecurrentAmpGraph;

/** Emits a stateless model (any architecture but LSTM) on `input` (1, in, L) → (1, out, L) before slicing. */
function buildStateless(
  g: OnnxGraphBuilder,
  file: NamFile,
  input: string,
  fileName: string,
  field: string,
  size?: number,
): string {
  switch (file.architecture) {
    case "WaveNet": {
      const full = readWaveNetWeights(file, fileName, `${field}weights`);
      const weights = size === undefined ? full : slimWaveNetWeights(full, size, fileName);
      const condition =
        file.config.condition_dsp === null
          ? input
          : buildStateless(g, file.config.condition_dsp, input, fileName, `${field}config.condition_dsp.`);
      return buildWaveNetGraph(g, weights, input, condition);
    }
    case "ConvNet":
      return buildConvNetGraph(g, file, input, fileName, `${field}weights`);
    case "Linear":
      return buildLinearGraph(g, file, input, fileName, `${field}weights`);
    case "SlimmableContainer": {
      const { model, field: subField } = selectNamSubmodel(file, size);
      return buildStateless(g, model, input, fileName, `${field}${subField}.`);
    }
    case "LSTM":
      // An LSTM carries state across chunks; inside a condition DSP that would need state plumbing we do not have.
      throw new AmpConversionError(
        fileName,
        `${field}architecture`,
        "an LSTM is only supported as the top-level model",
      );
  }
}

/** Input and output channel counts of a model (a container: the selected submodel's). */
function channelCounts(file: NamFile): { inChannels: number; outChannels: number } {
  switch (file.architecture) {
    case "WaveNet": {
      const last = file.config.layers.at(-1);
      const head = file.config.head;
      const outChannels =
        head !== null ? head.out_channels : last === undefined ? 1 : resolveWaveNetLayerArray(last).headSize;
      return { inChannels: file.config.in_channels, outChannels };
    }
    case "SlimmableContainer":
      return channelCounts(selectNamSubmodel(file).model);
    default:
      return { inChannels: file.config.in_channels, outChannels: file.config.out_channels };
  }
}

/**
 * Converts a file that passed `parseNamFile`. A container is resolved to the submodel for `size` first (spec §7), a
 * slimmable WaveNet is cut to `size` (spec §3.10). Throws `AmpConversionError` for what the engine cannot run.
 */
export function convertNamToOnnx(file: NamFile, options: ConvertNamOptions = {}): AmpGraph {
  const fileName = options.fileName ?? "model.nam";
  const { size } = options;
  if (size !== undefined && !(size >= 0 && size <= 1)) {
    throw new AmpConversionError(fileName, "size", `${size} is outside 0..1`);
  }
  let model = file;
  let field = "";
  if (file.architecture === "SlimmableContainer") {
    const selected = selectNamSubmodel(file, size);
    model = selected.model;
    field = `${selected.field}.`;
  }
  const sampleRateHz = model.sample_rate ?? file.sample_rate ?? null;
  const { inChannels, outChannels } = channelCounts(model);
  const g = new OnnxGraphBuilder();
  const doc = `${fileName} (${model.architecture}${size === undefined ? "" : `, size ${size}`})`;

  if (model.architecture === "LSTM") {
    const lstm = buildLstmGraph(g, model, AMP_INPUT_NAME, fileName);
    g.alias(lstm.output, AMP_OUTPUT_NAME);
    const onnx = g.encode(
      [{ name: AMP_INPUT_NAME, dims: [1, inChannels, "T"] }, ...lstm.stateInputs],
      [{ name: AMP_OUTPUT_NAME, dims: [1, outChannels, "T"] }, ...lstm.stateOutputs],
      doc,
    );
    return {
      kind: "recurrent",
      onnx,
      prewarmSamples: namReceptiveFieldSamples(model),
      inChannels,
      outChannels,
      sampleRateHz,
      layers: model.config.num_layers,
      hiddenSize: lstm.hiddenSize,
      initialState: lstm.initialState,
    };
  }

  const receptiveFieldSamples = namReceptiveFieldSamples(model);
  const full = buildStateless(g, model, AMP_INPUT_NAME, fileName, field, size);
  // Drop the first P − 1 outputs: they belong to the zero padding (spec §8.2).
  const sliced = g.op("Slice", [
    full,
    g.int64s([receptiveFieldSamples - 1]),
    g.int64s([Number.MAX_SAFE_INTEGER]),
    g.int64s([2]),
  ]);
  g.alias(sliced, AMP_OUTPUT_NAME);
  const onnx = g.encode(
    [{ name: AMP_INPUT_NAME, dims: [1, inChannels, "L"] }],
    [{ name: AMP_OUTPUT_NAME, dims: [1, outChannels, "T"] }],
    doc,
  );
  return {
    kind: "convolutional",
    onnx,
    receptiveFieldSamples,
    inChannels,
    outChannels,
    sampleRateHz,
    im2colRowsPerSample: g.im2colRowsPerSample,
  };
}
