/** @module `namWeightCount` / `namWeightsLength`: exact parameter counts (spec §3.4, §4, §5, §6, §7). */
import type { ConvNetConfig } from "./convnet-config.ts";
import type { LstmConfig } from "./lstm-config.ts";
import type { NamFile, WaveNetNamFile } from "./nam-model-schema.ts";
import { type ResolvedWaveNetLayerArray, resolveWaveNetLayerArray } from "./resolve-wavenet-layer-array.ts";
import type { WaveNetFilmKey } from "./wavenet-film-config.ts";

/** Weights of one FiLM 1×1 (with bias): `((shift ? 2 : 1)·D) × (cs / groups)` then the bias (spec §2.3, §3.4). */
function filmWeights(film: { active: boolean; shift: boolean; groups: number }, d: number, cs: number): number {
  if (!film.active) return 0;
  const out = (film.shift ? 2 : 1) * d;
  return out * (cs / film.groups) + out;
}

/** Weights of one layer array, in the order of spec §3.4. */
function layerArrayWeights(array: ResolvedWaveNetLayerArray): number {
  const { channels: c, bottleneck: b, conditionSize: cs, headInputSize: hout } = array;
  let total = c * array.inputSize; // W_re (C × input_size), no bias
  for (const layer of array.layers) {
    const zc = layer.zChannels;
    total += zc * (c / array.groupsInput) * layer.kernelSize + zc; // W_conv + b_conv
    total += zc * (cs / array.groupsInputMixin); // W_mix, no bias
    if (array.layer1x1.active) total += c * (b / array.layer1x1.groups) + c;
    if (array.head1x1.active) total += hout * (b / array.head1x1.groups) + hout;
    // FiLM rows D per position (spec §3.3); the 1×1-bound ones only exist with their 1×1 (spec §3.4).
    const filmRows: Record<WaveNetFilmKey, number> = {
      conv_pre_film: c,
      conv_post_film: zc,
      input_mixin_pre_film: cs,
      input_mixin_post_film: zc,
      activation_pre_film: zc,
      activation_post_film: b,
      layer1x1_post_film: array.layer1x1.active ? c : 0,
      head1x1_post_film: array.head1x1.active ? hout : 0,
    };
    for (const [key, rows] of Object.entries(filmRows) as [WaveNetFilmKey, number][]) {
      if (rows > 0) total += filmWeights(array.films[key], rows, cs);
    }
  }
  total += array.headSize * hout * array.headKernelSize + (array.headBias ? array.headSize : 0); // W_hr (+ b_hr)
  return total;
}

function waveNetWeightsLength(file: WaveNetNamFile): number {
  const arrays = file.config.layers.map((layer) => resolveWaveNetLayerArray(layer));
  let total = arrays.reduce((sum, array) => sum + layerArrayWeights(array), 0);
  const head = file.config.head;
  if (head !== null) {
    // Post-stack head blocks: (cout_j × cin_j × k_j) + bias; cin_0 = last head size (spec §3.3).
    let cin = arrays.at(-1)?.headSize ?? 1;
    head.kernel_sizes.forEach((k, j) => {
      const cout = j === head.kernel_sizes.length - 1 ? head.out_channels : head.channels;
      total += cout * cin * k + cout;
      cin = cout;
    });
  }
  return total + 1; // the last value is head_scale (spec §3.4)
}

/** Σ_l [4H(I_l + H) + 4H + 2H] + out·H + out (spec §4; `core__lstm.nam`, H = 3: 70). */
function lstmWeightsLength(config: LstmConfig): number {
  const h = config.hidden_size;
  let total = 0;
  for (let l = 0; l < config.num_layers; l++) {
    const inputWidth = l === 0 ? config.input_size : h;
    total += 4 * h * (inputWidth + h) + 4 * h + 2 * h; // W_l, b_l, h0_l, c0_l
  }
  return total + config.out_channels * h + config.out_channels;
}

/** Per block: kernel-2 conv `(C, cin/groups, 2)`, then bias (C) or batch norm (4C + 1); head 1×1 + bias (spec §5). */
function convNetWeightsLength(config: ConvNetConfig): number {
  const c = config.channels;
  let total = 0;
  config.dilations.forEach((_, i) => {
    const cin = i === 0 ? config.in_channels : c;
    total += c * (cin / config.groups) * 2;
    total += config.batchnorm ? 4 * c + 1 : c;
  });
  return total + config.out_channels * c + config.out_channels;
}

/**
 * How many values this model's own `weights` array must hold: exactly what the core consumes. A WaveNet's condition
 * DSP and a container's submodels carry their own arrays, so they are not counted here (a container's is `[]`).
 */
export function namWeightsLength(file: NamFile): number {
  switch (file.architecture) {
    case "WaveNet":
      return waveNetWeightsLength(file);
    case "LSTM":
      return lstmWeightsLength(file.config);
    case "ConvNet":
      return convNetWeightsLength(file.config);
    case "Linear":
      return file.config.receptive_field + (file.config.bias ? 1 : 0); // h[0..R−1] then the bias (spec §6)
    case "SlimmableContainer":
      return 0;
  }
}

/**
 * Parameters the model computes with: its own weights plus a WaveNet's condition DSP; for a SlimmableContainer, those
 * of the default (last) submodel, the one a host runs unless it picks a size (spec §7). jcm800 (standard): 13 802.
 */
export function namWeightCount(file: NamFile): number {
  switch (file.architecture) {
    case "WaveNet":
      return (
        namWeightsLength(file) + (file.config.condition_dsp === null ? 0 : namWeightCount(file.config.condition_dsp))
      );
    case "SlimmableContainer": {
      const last = file.config.submodels.at(-1);
      return last === undefined ? 0 : namWeightCount(last.model);
    }
    default:
      return namWeightsLength(file);
  }
}
