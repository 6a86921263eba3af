/** @module `namVariant` / `namSizePreset`: the core's code path (spec §1.3) and the known size (spec §3.6, §3.9). */

import type { NamModelVariant, NamSizePreset } from "./nam-model-facts.ts";
import type { NamFile, WaveNetNamFile } from "./nam-model-schema.ts";
import { type ResolvedWaveNetLayerArray, resolveWaveNetLayerArray } from "./resolve-wavenet-layer-array.ts";
import { WAVENET_FILM_KEYS } from "./wavenet-film-config.ts";

const A2_KERNEL_SIZES = [6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 15, 15, 6, 6, 6, 6, 6, 6, 6];
const A2_DILATIONS = [1, 3, 7, 17, 41, 101, 239, 1, 3, 7, 17, 41, 101, 239, 1, 13, 1, 3, 7, 17, 41, 101, 239];

const POWERS_1_TO_512 = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
const POWERS_1_TO_64 = [1, 2, 4, 8, 16, 32, 64];
const LITE_SECOND_DILATIONS = [128, 256, 512, ...POWERS_1_TO_512];

/** Trainer presets (spec §3.6): `[C1 → head C2] → [C2 → head 1]`, kernel 3, dilations per array. */
const TRAINER_PRESETS: readonly {
  preset: NamSizePreset;
  c1: number;
  c2: number;
  dilations: readonly [readonly number[], readonly number[]];
}[] = [
  { preset: "standard", c1: 16, c2: 8, dilations: [POWERS_1_TO_512, POWERS_1_TO_512] },
  { preset: "lite", c1: 12, c2: 6, dilations: [POWERS_1_TO_64, LITE_SECOND_DILATIONS] },
  { preset: "feather", c1: 8, c2: 4, dilations: [POWERS_1_TO_64, LITE_SECOND_DILATIONS] },
  { preset: "nano", c1: 4, c2: 2, dilations: [POWERS_1_TO_64, LITE_SECOND_DILATIONS] },
];

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** A plain layer array: no gating, B = C, layer1x1 active ungrouped, no head1x1, no FiLM, no groups, not slimmable. */
function isPlainArray(array: ResolvedWaveNetLayerArray): boolean {
  return (
    array.bottleneck === array.channels &&
    array.layers.every((l) => l.gatingMode === "none") &&
    array.layer1x1.active &&
    array.layer1x1.groups === 1 &&
    !array.head1x1.active &&
    array.groupsInput === 1 &&
    array.groupsInputMixin === 1 &&
    WAVENET_FILM_KEYS.every((key) => !array.films[key].active) &&
    array.slimmableChannels === null
  );
}

function isSlimmableWaveNet(file: WaveNetNamFile): boolean {
  return file.config.layers.some((layer) => layer.slimmable !== null);
}

/** The A2 signature of spec §3.9 (the core's fast path); returns its channel count (3 = Lite, 8 = Full) or null. */
function a2Channels(file: WaveNetNamFile): 3 | 8 | null {
  const { config } = file;
  const only = config.layers[0];
  if (config.layers.length !== 1 || only === undefined) return null;
  if (config.head !== null || config.condition_dsp !== null || config.in_channels !== 1) return null;
  const array = resolveWaveNetLayerArray(only);
  if (array.inputSize !== 1 || array.conditionSize !== 1 || !isPlainArray(array)) return null;
  if (array.channels !== 3 && array.channels !== 8) return null;
  if (
    !sameList(
      array.layers.map((l) => l.kernelSize),
      A2_KERNEL_SIZES,
    )
  )
    return null;
  if (
    !sameList(
      array.layers.map((l) => l.dilation),
      A2_DILATIONS,
    )
  )
    return null;
  // The activation must be the 23-element list of LeakyReLU(0.01) (spec §3.9).
  const activations = only.activation;
  if (!Array.isArray(activations)) return null;
  const allLeaky = activations.every(
    (a) => typeof a !== "string" && a.type === "LeakyReLU" && a.negative_slope === 0.01,
  );
  if (!allLeaky) return null;
  if (array.headSize !== 1 || array.headKernelSize !== 16 || !array.headBias || array.headDilation !== 1) return null;
  return array.channels;
}

function trainerPreset(file: WaveNetNamFile): NamSizePreset {
  const { config } = file;
  if (config.layers.length !== 2 || config.head !== null || config.condition_dsp !== null || config.in_channels !== 1) {
    return "custom";
  }
  const arrays = config.layers.map((layer) => resolveWaveNetLayerArray(layer));
  const [first, second] = arrays;
  if (first === undefined || second === undefined || !arrays.every(isPlainArray)) return "custom";
  const all3 = arrays.every((a) => a.layers.every((l) => l.kernelSize === 3) && a.headKernelSize === 1);
  if (!all3 || first.headBias || !second.headBias) return "custom";
  for (const { preset, c1, c2, dilations } of TRAINER_PRESETS) {
    const matches =
      first.inputSize === 1 &&
      first.conditionSize === 1 &&
      first.channels === c1 &&
      first.headSize === c2 &&
      second.inputSize === c1 &&
      second.conditionSize === 1 &&
      second.channels === c2 &&
      second.headSize === 1 &&
      sameList(
        first.layers.map((l) => l.dilation),
        dilations[0],
      ) &&
      sameList(
        second.layers.map((l) => l.dilation),
        dilations[1],
      );
    if (matches) return preset;
  }
  return "custom";
}

/** The code path the core routes a model to (spec §1.3): slimmable WaveNet, A2 fast path, generic WaveNet, … */
export function namVariant(file: NamFile): NamModelVariant {
  switch (file.architecture) {
    case "WaveNet":
      if (isSlimmableWaveNet(file)) return "slimmable-wavenet";
      return a2Channels(file) === null ? "wavenet" : "a2";
    case "LSTM":
      return "lstm";
    case "ConvNet":
      return "convnet";
    case "Linear":
      return "linear";
    case "SlimmableContainer":
      return "slimmable-container";
  }
}

/**
 * The known size of a WaveNet: a trainer preset (matched on shape — widths, kernels, dilations, head biases — whatever
 * the activation), `a2-lite`/`a2-full`, else `custom`. A container reports its default (last) submodel's; LSTM,
 * ConvNet and Linear models have no preset (`null`).
 */
export function namSizePreset(file: NamFile): NamSizePreset | null {
  switch (file.architecture) {
    case "WaveNet": {
      if (isSlimmableWaveNet(file)) return "custom";
      const a2 = a2Channels(file);
      if (a2 !== null) return a2 === 3 ? "a2-lite" : "a2-full";
      return trainerPreset(file);
    }
    case "SlimmableContainer": {
      const last = file.config.submodels.at(-1);
      return last === undefined ? null : namSizePreset(last.model);
    }
    default:
      return null;
  }
}
