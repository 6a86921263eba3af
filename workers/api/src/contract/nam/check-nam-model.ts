/** @module `checkNamModel`: spec §9 cross-field rules, exact weight counts and our limits, on a parsed model. */

import { type NamActivation, namActivationChannelCount } from "./nam-activation.ts";
import { namInputChannels, namOutputChannels } from "./nam-channels.ts";
import { NAM_MAX_NESTING_DEPTH, NAM_MAX_RECEPTIVE_FIELD_SAMPLES, NAM_MAX_WEIGHTS } from "./nam-limits.ts";
import type { ConvNetNamFile, NamFile, SlimmableContainerNamFile, WaveNetNamFile } from "./nam-model-schema.ts";
import { namReceptiveFieldSamples } from "./nam-receptive-field.ts";
import { NamRuleViolation } from "./nam-rule-violation.ts";
import { namWeightsLength } from "./nam-weight-count.ts";
import { type ResolvedWaveNetLayerArray, resolveWaveNetLayerArray } from "./resolve-wavenet-layer-array.ts";
import { WAVENET_FILM_KEYS } from "./wavenet-film-config.ts";
import type { WaveNetLayerArrayConfig } from "./wavenet-layer-array-config.ts";

type Path = readonly PropertyKey[];

function fail(path: Path, message: string): never {
  throw new NamRuleViolation(path, message);
}

/** Total number of weight values in a model and every model nested in it. */
function totalWeightValues(file: NamFile): number {
  switch (file.architecture) {
    case "WaveNet":
      return (
        file.weights.length + (file.config.condition_dsp === null ? 0 : totalWeightValues(file.config.condition_dsp))
      );
    case "SlimmableContainer":
      return file.config.submodels.reduce((sum, s) => sum + totalWeightValues(s.model), file.weights.length);
    default:
      return file.weights.length;
  }
}

function describeRate(rateHz: number | undefined): string {
  return rateHz === undefined ? "unknown" : `${rateHz} Hz`;
}

/** PReLU with per-channel slopes must have one slope per channel it sees (spec §2.1). */
function checkSlopeCount(activation: NamActivation, channels: number, path: Path, what: string): void {
  const count = namActivationChannelCount(activation);
  if (count !== null && count !== channels) {
    fail([...path, "negative_slopes"], `PReLU has ${count} slopes but ${what} has ${channels} channels`);
  }
}

/** `width` must split evenly into `groups` (spec §0 "Groups"). */
function checkDivisible(width: number, widthName: string, groups: number, groupsName: string, path: Path): void {
  if (width % groups !== 0) {
    fail(path, `${widthName} (${width}) is not divisible by ${groupsName} (${groups})`);
  }
}

function checkLayerArray(
  layer: WaveNetLayerArrayConfig,
  array: ResolvedWaveNetLayerArray,
  path: Path,
  expected: { inputSize: number; inputSizeSource: string; conditionSize: number; conditionSource: string },
  previous: ResolvedWaveNetLayerArray | undefined,
  index: number,
): void {
  const { channels: c, bottleneck: b, conditionSize: cs } = array;

  if (array.inputSize !== expected.inputSize) {
    fail(
      [...path, "input_size"],
      `must equal ${expected.inputSizeSource} (${expected.inputSize}), got ${array.inputSize}`,
    );
  }
  if (cs !== expected.conditionSize) {
    fail([...path, "condition_size"], `must equal ${expected.conditionSource} (${expected.conditionSize}), got ${cs}`);
  }
  if (previous !== undefined) {
    // The core's check (spec §9) …
    if (c !== previous.headSize) {
      fail(
        [...path, "channels"],
        `must equal the head size of layer array ${index - 1} (${previous.headSize}), got ${c}`,
      );
    }
    // … and what the head path really needs (spec §3.3): the previous head output is added to this array's skips.
    if (array.headInputSize !== previous.headSize) {
      fail(
        array.head1x1.active ? [...path, "head1x1", "out_channels"] : [...path, "bottleneck"],
        `the skip path is ${array.headInputSize} channels wide but layer array ${index - 1} outputs a head of ${previous.headSize}`,
      );
    }
  }

  if (!array.layer1x1.active && b !== c) {
    fail(
      [...path, "layer1x1", "active"],
      `layer1x1 can only be inactive when bottleneck (${b}) equals channels (${c})`,
    );
  }
  if (array.films.layer1x1_post_film.active && !array.layer1x1.active) {
    fail([...path, "layer1x1_post_film"], "cannot be active while layer1x1 is inactive");
  }
  if (array.films.head1x1_post_film.active && !array.head1x1.active) {
    fail([...path, "head1x1_post_film"], "cannot be active while head1x1 is inactive");
  }

  // Groups: both sides of every grouped conv must split evenly (spec §0, §9).
  checkDivisible(c, "channels", array.groupsInput, "groups_input", [...path, "groups_input"]);
  checkDivisible(cs, "condition_size", array.groupsInputMixin, "groups_input_mixin", [...path, "groups_input_mixin"]);
  if (array.layer1x1.active) {
    checkDivisible(b, "bottleneck", array.layer1x1.groups, "layer1x1.groups", [...path, "layer1x1", "groups"]);
    checkDivisible(c, "channels", array.layer1x1.groups, "layer1x1.groups", [...path, "layer1x1", "groups"]);
  }
  if (array.head1x1.active) {
    checkDivisible(b, "bottleneck", array.head1x1.groups, "head1x1.groups", [...path, "head1x1", "groups"]);
    const out = array.head1x1.outChannels;
    checkDivisible(out, "head1x1.out_channels", array.head1x1.groups, "head1x1.groups", [...path, "head1x1", "groups"]);
  }
  const activationIsList = Array.isArray(layer.activation);
  const secondaryIsList = Array.isArray(layer.secondary_activation);
  array.layers.forEach((l, i) => {
    const zcName = l.gatingMode === "none" ? "bottleneck" : `2 × bottleneck of ${l.gatingMode} layer ${i}`;
    checkDivisible(l.zChannels, zcName, array.groupsInput, "groups_input", [...path, "groups_input"]);
    checkDivisible(l.zChannels, zcName, array.groupsInputMixin, "groups_input_mixin", [...path, "groups_input_mixin"]);
    // FiLM 1×1s map the condition (cs rows) to (shift ? 2 : 1)·D rows (spec §2.3, D per position as in spec §3.3).
    const filmRows = {
      conv_pre_film: c,
      conv_post_film: l.zChannels,
      input_mixin_pre_film: cs,
      input_mixin_post_film: l.zChannels,
      activation_pre_film: l.zChannels,
      activation_post_film: b,
      layer1x1_post_film: c,
      head1x1_post_film: array.headInputSize,
    } as const;
    for (const key of WAVENET_FILM_KEYS) {
      const film = array.films[key];
      if (!film.active) continue;
      const groupsPath = [...path, key, "groups"];
      checkDivisible(cs, "condition_size", film.groups, `${key}.groups`, groupsPath);
      const rows = (film.shift ? 2 : 1) * filmRows[key];
      checkDivisible(rows, `${key} output rows`, film.groups, `${key}.groups`, groupsPath);
    }
    // Both activations of a layer see B rows (spec §2.2).
    checkSlopeCount(
      l.activation,
      b,
      activationIsList ? [...path, "activation", i] : [...path, "activation"],
      "bottleneck",
    );
    if (l.secondaryActivation !== null) {
      const secondaryPath = secondaryIsList ? [...path, "secondary_activation", i] : [...path, "secondary_activation"];
      checkSlopeCount(l.secondaryActivation, b, secondaryPath, "bottleneck");
    }
  });

  if (array.slimmableChannels !== null) {
    const allowedPath = [...path, "slimmable", "kwargs", "allowed_channels"];
    const allowed = array.slimmableChannels;
    allowed.forEach((width, i) => {
      const before = allowed[i - 1];
      if (before !== undefined && width <= before) {
        fail([...allowedPath, i], `must be strictly ascending (${width} follows ${before})`);
      }
    });
    if (allowed.at(-1) !== c) {
      fail(allowedPath, `must end with channels (${c}), got ${String(allowed.at(-1))}`);
    }
    const gatedIndex = array.layers.findIndex((l) => l.gatingMode !== "none");
    if (gatedIndex >= 0) {
      fail(
        [...path, layer.gating_mode === undefined ? "gated" : "gating_mode"],
        "gated or blended layers in a slimmable layer array are unsupported (spec §3.10)",
      );
    }
  }
}

function checkWaveNet(file: WaveNetNamFile, path: Path, depth: number): void {
  const config = file.config;
  const configPath = [...path, "config"];
  let conditionSize = config.in_channels;
  let conditionSource = "in_channels";
  if (config.condition_dsp !== null) {
    const dspPath = [...configPath, "condition_dsp"];
    checkNamModel(config.condition_dsp, dspPath, depth + 1);
    if (config.condition_dsp.sample_rate !== file.sample_rate) {
      fail(
        [...dspPath, "sample_rate"],
        `the condition DSP's sample rate (${describeRate(config.condition_dsp.sample_rate)}) must equal the model's (${describeRate(file.sample_rate)})`,
      );
    }
    const dspInputs = namInputChannels(config.condition_dsp);
    if (dspInputs !== config.in_channels) {
      fail(dspPath, `the condition DSP reads ${dspInputs} channels but in_channels is ${config.in_channels}`);
    }
    conditionSize = namOutputChannels(config.condition_dsp);
    conditionSource = "the condition DSP's output channels";
  }

  const arrays: ResolvedWaveNetLayerArray[] = [];
  config.layers.forEach((layer, i) => {
    const layerPath = [...configPath, "layers", i];
    const array = resolveWaveNetLayerArray(layer, layerPath);
    const previous = arrays.at(-1);
    checkLayerArray(
      layer,
      array,
      layerPath,
      {
        inputSize: previous === undefined ? config.in_channels : previous.channels,
        inputSizeSource: previous === undefined ? "in_channels" : `the channels of layer array ${i - 1}`,
        conditionSize,
        conditionSource,
      },
      previous,
      i,
    );
    arrays.push(array);
  });

  const head = config.head;
  if (head !== null) {
    const headPath = [...configPath, "head"];
    if (arrays.some((a) => a.slimmableChannels !== null)) {
      fail(headPath, "a post-stack head cannot be combined with slimmable layer arrays (spec §3.10)");
    }
    const lastHeadSize = arrays.at(-1)?.headSize ?? 1;
    if (head.in_channels !== undefined && head.in_channels !== null && head.in_channels !== lastHeadSize) {
      fail(
        [...headPath, "in_channels"],
        `must equal the last layer array's head size (${lastHeadSize}), got ${head.in_channels}`,
      );
    }
    // The activation runs before every block, on that block's input rows (spec §3.3).
    head.kernel_sizes.forEach((_, j) => {
      const rows = j === 0 ? lastHeadSize : head.channels;
      checkSlopeCount(head.activation, rows, [...headPath, "activation"], `the input of post-stack head block ${j}`);
    });
  }
}

function checkConvNet(file: ConvNetNamFile, path: Path): void {
  const { config } = file;
  const groupsPath = [...path, "config", "groups"];
  checkDivisible(config.in_channels, "in_channels", config.groups, "groups", groupsPath);
  checkDivisible(config.channels, "channels", config.groups, "groups", groupsPath);
  checkSlopeCount(config.activation, config.channels, [...path, "config", "activation"], "each block");
}

function checkContainer(file: SlimmableContainerNamFile, path: Path, depth: number): void {
  const submodels = file.config.submodels;
  // A known rate anywhere (the container's own first) fixes the rate every other known one must have (spec §7).
  let rate: { hz: number; where: string } | null =
    file.sample_rate === undefined ? null : { hz: file.sample_rate, where: "the container's" };
  submodels.forEach((submodel, i) => {
    const subPath = [...path, "config", "submodels", i];
    checkNamModel(submodel.model, [...subPath, "model"], depth + 1);
    const previous = submodels[i - 1];
    if (previous !== undefined && submodel.max_value <= previous.max_value) {
      fail(
        [...subPath, "max_value"],
        `must be greater than the previous submodel's max_value (${previous.max_value}): sizes ascend strictly`,
      );
    }
    const hz = submodel.model.sample_rate;
    if (hz !== undefined) {
      if (rate === null) rate = { hz, where: `submodel ${i}'s` };
      else if (hz !== rate.hz) {
        fail([...subPath, "model", "sample_rate"], `${hz} Hz differs from ${rate.where} sample rate (${rate.hz} Hz)`);
      }
    }
  });
  const last = submodels.at(-1);
  if (last !== undefined && last.max_value < 1) {
    fail(
      [...path, "config", "submodels", submodels.length - 1, "max_value"],
      `the last submodel is the default size and needs max_value ≥ 1, got ${last.max_value}`,
    );
  }
}

/**
 * Checks one model (and the models nested in it) whose structure `namModelSchema` accepted: what the core rejects
 * (spec §9), what it misses but a converter cannot survive (too few weights, LSTM/ConvNet counts, mismatched widths),
 * and our limits. Throws `NamRuleViolation` at the first broken rule. `path` locates the model
 * in the file (`[]` for the top level); `depth` counts how deep it is nested.
 */
export function checkNamModel(file: NamFile, path: Path = [], depth = 0): void {
  if (depth > NAM_MAX_NESTING_DEPTH) {
    fail(
      path,
      `nesting depth ${depth} exceeds the limit of ${NAM_MAX_NESTING_DEPTH} nested models (NAM_MAX_NESTING_DEPTH)`,
    );
  }
  if (depth === 0) {
    const total = totalWeightValues(file);
    if (total > NAM_MAX_WEIGHTS) {
      fail(
        [...path, "weights"],
        `the file holds ${total} weights, over the limit of ${NAM_MAX_WEIGHTS} (NAM_MAX_WEIGHTS)`,
      );
    }
  }

  switch (file.architecture) {
    case "WaveNet":
      checkWaveNet(file, path, depth);
      break;
    case "ConvNet":
      checkConvNet(file, path);
      break;
    case "SlimmableContainer":
      checkContainer(file, path, depth);
      break;
    case "LSTM":
    case "Linear":
      break;
  }

  if (file.architecture !== "SlimmableContainer") {
    const p = namReceptiveFieldSamples(file);
    if (p > NAM_MAX_RECEPTIVE_FIELD_SAMPLES) {
      fail(
        [...path, "config"],
        `receptive field of ${p} samples exceeds the limit of ${NAM_MAX_RECEPTIVE_FIELD_SAMPLES} samples (NAM_MAX_RECEPTIVE_FIELD_SAMPLES)`,
      );
    }
  }

  // Exact count both ways: the core reads past the end on too few (spec §3.4) and skips the check for LSTMs (§4).
  const expected = namWeightsLength(file);
  if (file.weights.length !== expected) {
    const hint = file.architecture === "SlimmableContainer" ? " (a container's weights live in its submodels)" : "";
    fail(
      [...path, "weights"],
      `expected ${expected} value${expected === 1 ? "" : "s"} for this ${file.architecture} config, got ${file.weights.length}${hint}`,
    );
  }
}
