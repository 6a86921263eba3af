/** @module `readWaveNetWeights`: a WaveNet's flat weight vector as structured tensors, in the order of spec §3.4. */
import {
  type NamActivation,
  type NamFile,
  type ResolvedWaveNetLayer,
  type ResolvedWaveNetLayerArray,
  resolveWaveNetLayerArray,
  WAVENET_FILM_KEYS,
  type WaveNetFilmKey,
  type WaveNetNamFile,
} from "@gts/api/contract";
import { type ConvWeights, readConvWeights } from "./conv-weights.ts";
import { NamWeightReader } from "./nam-weight-reader.ts";

/** One active FiLM: a 1×1 conv `cs → (shift ? 2D : D)` with bias (spec §2.3). */
export interface FilmWeights {
  readonly rows: number;
  readonly shift: boolean;
  readonly conv: ConvWeights;
}

export interface WaveNetLayerWeights {
  readonly layer: ResolvedWaveNetLayer;
  readonly conv: ConvWeights;
  /** The input mixin; `null` once folded into `conv` (see `foldWaveNetInputMixin`). */
  readonly mix: ConvWeights | null;
  readonly layer1x1: ConvWeights | null;
  readonly head1x1: ConvWeights | null;
  readonly films: Partial<Record<WaveNetFilmKey, FilmWeights>>;
}

export interface WaveNetArrayWeights {
  /** The resolved array (widths possibly overridden by slimming, spec §3.10). */
  readonly array: ResolvedWaveNetLayerArray;
  readonly rechannel: ConvWeights;
  readonly layers: readonly WaveNetLayerWeights[];
  readonly head: ConvWeights;
}

export interface WaveNetWeights {
  readonly inChannels: number;
  readonly arrays: readonly WaveNetArrayWeights[];
  readonly postHead: { readonly activation: NamActivation; readonly blocks: readonly ConvWeights[] } | null;
  /** The last weight, the scale the core uses (spec §3.8.3). */
  readonly headScale: number;
  readonly conditionDsp: NamFile | null;
}

function filmRows(array: ResolvedWaveNetLayerArray, zc: number): Record<WaveNetFilmKey, number> {
  // D per FiLM position (spec §3.3); the 1×1-bound ones exist only with their 1×1 (spec §3.4).
  return {
    conv_pre_film: array.channels,
    conv_post_film: zc,
    input_mixin_pre_film: array.conditionSize,
    input_mixin_post_film: zc,
    activation_pre_film: zc,
    activation_post_film: array.bottleneck,
    layer1x1_post_film: array.layer1x1.active ? array.channels : 0,
    head1x1_post_film: array.head1x1.active ? array.headInputSize : 0,
  };
}

/** Reads every tensor of a validated WaveNet; a too-short or too-long vector is an `AmpConversionError`. */
export function readWaveNetWeights(file: WaveNetNamFile, fileName: string, field = "weights"): WaveNetWeights {
  const reader = new NamWeightReader(file.weights, fileName, field);
  const arrays = file.config.layers.map((layerConfig, arrayIndex): WaveNetArrayWeights => {
    const array = resolveWaveNetLayerArray(layerConfig, ["config", "layers", arrayIndex]);
    const where = `layers[${arrayIndex}]`;
    const cs = array.conditionSize;
    const rechannel = readConvWeights(reader, `${where} rechannel`, {
      outChannels: array.channels,
      inChannels: array.inputSize,
      bias: false,
    });
    const layers = array.layers.map((layer, l): WaveNetLayerWeights => {
      const at = `${where}.layer ${l}`;
      const zc = layer.zChannels;
      const conv = readConvWeights(reader, `${at} conv`, {
        outChannels: zc,
        inChannels: array.channels,
        kernelSize: layer.kernelSize,
        dilation: layer.dilation,
        groups: array.groupsInput,
        bias: true,
      });
      const mix = readConvWeights(reader, `${at} input mixin`, {
        outChannels: zc,
        inChannels: cs,
        groups: array.groupsInputMixin,
        bias: false,
      });
      const layer1x1 = array.layer1x1.active
        ? readConvWeights(reader, `${at} layer1x1`, {
            outChannels: array.channels,
            inChannels: array.bottleneck,
            groups: array.layer1x1.groups,
            bias: true,
          })
        : null;
      const head1x1 = array.head1x1.active
        ? readConvWeights(reader, `${at} head1x1`, {
            outChannels: array.headInputSize,
            inChannels: array.bottleneck,
            groups: array.head1x1.groups,
            bias: true,
          })
        : null;
      const rows = filmRows(array, zc);
      const films: Partial<Record<WaveNetFilmKey, FilmWeights>> = {};
      for (const key of WAVENET_FILM_KEYS) {
        const film = array.films[key];
        const d = rows[key];
        if (!film.active || d === 0) continue;
        films[key] = {
          rows: d,
          shift: film.shift,
          conv: readConvWeights(reader, `${at} ${key}`, {
            outChannels: (film.shift ? 2 : 1) * d,
            inChannels: cs,
            groups: film.groups,
            bias: true,
          }),
        };
      }
      return { layer, conv, mix, layer1x1, head1x1, films };
    });
    const head = readConvWeights(reader, `${where} head rechannel`, {
      outChannels: array.headSize,
      inChannels: array.headInputSize,
      kernelSize: array.headKernelSize,
      dilation: array.headDilation,
      bias: array.headBias,
    });
    return { array, rechannel, layers, head };
  });

  let postHead: WaveNetWeights["postHead"] = null;
  const headConfig = file.config.head;
  if (headConfig !== null) {
    let inChannels = arrays.at(-1)?.array.headSize ?? 1;
    const blocks = headConfig.kernel_sizes.map((kernelSize, j) => {
      const outChannels = j === headConfig.kernel_sizes.length - 1 ? headConfig.out_channels : headConfig.channels;
      const block = readConvWeights(reader, `post-stack head block ${j}`, {
        outChannels,
        inChannels,
        kernelSize,
        bias: true,
      });
      inChannels = outChannels;
      return block;
    });
    postHead = { activation: headConfig.activation, blocks };
  }
  const headScale = reader.one("head_scale");
  reader.finish();
  return { inChannels: file.config.in_channels, arrays, postHead, headScale, conditionDsp: file.config.condition_dsp };
}
