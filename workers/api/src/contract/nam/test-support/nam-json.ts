/** @module Hand-built `.nam` JSON objects with hand-worked weight counts (test support only). */

// Each builder's weight count is worked out in its comment, so rejection tests run without ../shared/fixtures.

/** A `.nam` object as parsed JSON, loosely typed so tests can break it on purpose. */
export interface NamJson {
  [key: string]: unknown;
  version: unknown;
  architecture: unknown;
  config: NamJsonConfig;
  weights: unknown[];
}

export interface NamJsonConfig {
  [key: string]: unknown;
  layers?: Record<string, unknown>[];
  submodels?: { max_value: unknown; model: NamJson }[];
  condition_dsp?: NamJson | null;
}

/** `count` distinct small weights (values do not matter to validation). */
export function weights(count: number): number[] {
  return Array.from({ length: count }, (_, i) => ((i % 7) - 3) / 100);
}

/** The i-th layer array of a WaveNet JSON object (throws if absent, so tests fail loudly). */
export function layerOf(nam: NamJson, index = 0): Record<string, unknown> {
  const layer = nam.config.layers?.[index];
  if (layer === undefined) throw new Error(`test model has no layer array ${index}`);
  return layer;
}

/**
 * One layer array, one layer: in 1 → C = 2, kernel 3, dilation 1, Tanh, no gating, legacy head 2 → 1 with bias.
 *
 * Weights (spec §3.4): rechannel W_re 2×1 = 2; layer: conv 2·2·3 + bias 2 = 14, mixin 2×1 = 2, layer1x1 2·2 + 2 = 6
 * (= 22); head rechannel 1×2×1 + bias 1 = 3; head_scale 1. Total 2 + 22 + 3 + 1 = 28.
 * Receptive field (spec §3.5): 1 + (3 − 1)·1 = 3.
 */
export const TINY_WAVENET_WEIGHTS = 28;
export const TINY_WAVENET_RECEPTIVE_FIELD = 3;

export function tinyWaveNet(): NamJson {
  return {
    version: "0.5.4",
    architecture: "WaveNet",
    config: {
      layers: [
        {
          input_size: 1,
          condition_size: 1,
          channels: 2,
          kernel_size: 3,
          dilations: [1],
          activation: "Tanh",
          gated: false,
          head_size: 1,
          head_bias: true,
        },
      ],
      head: null,
      head_scale: 0.02,
    },
    weights: [...weights(TINY_WAVENET_WEIGHTS - 1), 0.02],
    sample_rate: 48000,
  };
}

/**
 * The 0.6/0.7 features in one array: C = 2, B = 3, gated (zc = 2B = 6), kernel_sizes [2, 2], dilations [1, 4],
 * head1x1 active (2 out), conv_pre_film active with shift, new-style head {1 out, kernel 2, no bias, head_dilation 3}.
 *
 * Weights per spec §3.4: W_re 2×1 = 2. Per layer: conv 6·2·2 + 6 = 30, mixin 6·1 = 6, layer1x1 2·3 + 2 = 8,
 * head1x1 2·3 + 2 = 8, conv_pre_film (D = C = 2, shift → 4 rows) 4·1 + 4 = 8 → 60, two layers 120.
 * Head rechannel 1 × hout 2 × kernel 2 = 4, no bias. head_scale 1. Total 2 + 120 + 4 + 1 = 127.
 * Receptive field: 1 + (2−1)·1 + (2−1)·4 + (2−1)·3 = 9.
 */
export const FEATURE_WAVENET_WEIGHTS = 127;
export const FEATURE_WAVENET_RECEPTIVE_FIELD = 9;

export function featureWaveNet(): NamJson {
  return {
    version: "0.7.0",
    architecture: "WaveNet",
    config: {
      layers: [
        {
          input_size: 1,
          condition_size: 1,
          channels: 2,
          bottleneck: 3,
          kernel_sizes: [2, 2],
          dilations: [1, 4],
          activation: "Tanh",
          gating_mode: "gated",
          secondary_activation: "Sigmoid",
          head: { out_channels: 1, kernel_size: 2, bias: false, head_dilation: 3 },
          head1x1: { active: true, out_channels: 2, groups: 1 },
          conv_pre_film: { active: true, shift: true, groups: 1 },
        },
      ],
      head_scale: 1,
    },
    weights: weights(FEATURE_WAVENET_WEIGHTS),
    sample_rate: 48000,
  };
}

/**
 * Two layers of LSTM, input 1, hidden H = 2, one output. Per layer l (spec §4): 4H(I_l + H) + 4H + 2H →
 * layer 0: 8·3 + 8 + 4 = 36, layer 1: 8·4 + 8 + 4 = 44; head 1×2 + 1 = 3. Total 83. P at 48 kHz: 24 000.
 */
export const TWO_LAYER_LSTM_WEIGHTS = 83;

export function twoLayerLstm(): NamJson {
  return {
    version: "0.5.4",
    architecture: "LSTM",
    config: { num_layers: 2, input_size: 1, hidden_size: 2 },
    weights: weights(TWO_LAYER_LSTM_WEIGHTS),
    sample_rate: 48000,
  };
}

/**
 * ConvNet C = 2, dilations [1, 2] (spec §5). Without batch norm: block 0 conv 2·1·2 + bias 2 = 6,
 * block 1 2·2·2 + 2 = 10, head 1×2 + 1 = 3 → 19. With batch norm each bias becomes 4C + 1 = 9:
 * 4 + 9 + 8 + 9 + 3 = 33. P = 1 + 1 + 2 = 4.
 */
export const CONVNET_WEIGHTS = 19;
export const CONVNET_BATCHNORM_WEIGHTS = 33;

export function convNet(batchnorm = false): NamJson {
  return {
    version: "0.5.4",
    architecture: "ConvNet",
    config: { channels: 2, dilations: [1, 2], batchnorm, activation: "Tanh" },
    weights: weights(batchnorm ? CONVNET_BATCHNORM_WEIGHTS : CONVNET_WEIGHTS),
    sample_rate: 48000,
  };
}

/** Linear with R taps, optionally a bias (spec §6): R + bias values. */
export function linear(receptiveField: number, bias = false): NamJson {
  return {
    version: "0.5.4",
    architecture: "Linear",
    config: { receptive_field: receptiveField, bias },
    weights: weights(receptiveField + (bias ? 1 : 0)),
    sample_rate: 48000,
  };
}

/** A SlimmableContainer: Linear R = 3 below size 0.5, the tiny WaveNet (default) above. */
export function container(): NamJson {
  return {
    version: "0.7.0",
    architecture: "SlimmableContainer",
    config: {
      submodels: [
        { max_value: 0.5, model: linear(3) },
        { max_value: 1, model: tinyWaveNet() },
      ],
    },
    weights: [],
    sample_rate: 48000,
    metadata: { loudness: -18.5, name: "Container" },
  };
}

/** A shallow copy of a model without one top-level key (to test required keys). */
export function withoutKey(nam: NamJson, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...nam };
  delete copy[key];
  return copy;
}
