import { describe, expect, it } from "vitest";
import { describeWithSharedFixtures } from "../../../../../dev/test-support/shared-fixtures.ts";
import { namInputChannels, namOutputChannels } from "./nam-channels.ts";
import { namReceptiveFieldSamples } from "./nam-receptive-field.ts";
import { namWeightCount, namWeightsLength } from "./nam-weight-count.ts";
import { parseNamFile } from "./parse-nam-file.ts";
import { namFixtureJson } from "./test-support/load-nam-fixture.ts";
import {
  CONVNET_BATCHNORM_WEIGHTS,
  CONVNET_WEIGHTS,
  container,
  convNet,
  FEATURE_WAVENET_RECEPTIVE_FIELD,
  FEATURE_WAVENET_WEIGHTS,
  featureWaveNet,
  layerOf,
  linear,
  TINY_WAVENET_RECEPTIVE_FIELD,
  TINY_WAVENET_WEIGHTS,
  TWO_LAYER_LSTM_WEIGHTS,
  tinyWaveNet,
  twoLayerLstm,
  weights,
} from "./test-support/nam-json.ts";

describe("namWeightCount and namReceptiveFieldSamples on hand-computed models", () => {
  it("counts 28 weights and P = 3 for a one-layer WaveNet (worked out in test-support/nam-json.ts)", () => {
    const { file } = parseNamFile(tinyWaveNet());
    expect(namWeightCount(file)).toBe(TINY_WAVENET_WEIGHTS);
    expect(namReceptiveFieldSamples(file)).toBe(TINY_WAVENET_RECEPTIVE_FIELD);
    expect([namInputChannels(file), namOutputChannels(file)]).toEqual([1, 1]);
  });

  it("counts gating, bottleneck, head1x1, FiLM and a dilated head kernel: 127 weights, P = 9", () => {
    const { file } = parseNamFile(featureWaveNet());
    expect(namWeightCount(file)).toBe(FEATURE_WAVENET_WEIGHTS);
    expect(namReceptiveFieldSamples(file)).toBe(FEATURE_WAVENET_RECEPTIVE_FIELD);
  });

  it("counts layer1x1_post_film weights in gated layers although the core ignores the FiLM there", () => {
    const nam = featureWaveNet();
    layerOf(nam).layer1x1_post_film = { active: true, shift: true, groups: 1 };
    // Per layer: D = C = 2, shift → 4 rows × (condition 1) + 4 bias = 8; two layers → 16 more (spec §3.4).
    nam.weights = weights(FEATURE_WAVENET_WEIGHTS + 16);
    expect(namWeightsLength(parseNamFile(nam).file)).toBe(FEATURE_WAVENET_WEIGHTS + 16);
  });

  it("adds post-stack head blocks: 21 more weights and 2 more samples of receptive field", () => {
    const nam = tinyWaveNet();
    nam.version = "0.7.0";
    nam.config.head = { channels: 4, out_channels: 1, kernel_sizes: [3, 1], activation: "Tanh" };
    // Block 0: 4 out × 1 in × 3 taps + 4 bias = 16; block 1: 1 × 4 × 1 + 1 = 5 (spec §3.3, §3.4).
    nam.weights = weights(TINY_WAVENET_WEIGHTS + 21);
    const { file } = parseNamFile(nam);
    expect(namWeightCount(file)).toBe(49);
    expect(namReceptiveFieldSamples(file)).toBe(TINY_WAVENET_RECEPTIVE_FIELD + 2);
  });

  it("adds the condition DSP's weights to the count and its P as P0, but not to the model's own weights array", () => {
    const nam = tinyWaveNet();
    nam.config.condition_dsp = tinyWaveNet();
    const { file } = parseNamFile(nam);
    expect(namWeightsLength(file)).toBe(TINY_WAVENET_WEIGHTS);
    expect(namWeightCount(file)).toBe(2 * TINY_WAVENET_WEIGHTS);
    // P = P0 (3, the condition DSP's) + (3 − 1)·1 of the model's own layer.
    expect(namReceptiveFieldSamples(file)).toBe(5);
  });

  it("counts a two-layer LSTM as 83 weights with P = floor(0.5 · 48 000)", () => {
    const { file } = parseNamFile(twoLayerLstm());
    expect(namWeightCount(file)).toBe(TWO_LAYER_LSTM_WEIGHTS);
    expect(namReceptiveFieldSamples(file)).toBe(24000);
  });

  it("counts the spec's LSTM example (one layer, H = 3) as 70 weights", () => {
    const nam = twoLayerLstm();
    nam.config = { num_layers: 1, input_size: 1, hidden_size: 3 };
    // 4·3·(1 + 3) + 4·3 + 2·3 = 66, head 3 + 1 → 70 (spec §4).
    nam.weights = weights(70);
    expect(namWeightCount(parseNamFile(nam).file)).toBe(70);
  });

  it("gives an LSTM of unknown sample rate a receptive field of 1", () => {
    const nam = twoLayerLstm();
    delete nam.sample_rate;
    expect(parseNamFile(nam).facts).toMatchObject({ receptiveFieldSamples: 1, sampleRateHz: null });
  });

  it("counts a ConvNet with biases (19) or batch norm (33), P = 1 + Σ dilations", () => {
    const plain = parseNamFile(convNet(false)).file;
    const withBatchNorm = parseNamFile(convNet(true)).file;
    expect(namWeightCount(plain)).toBe(CONVNET_WEIGHTS);
    expect(namWeightCount(withBatchNorm)).toBe(CONVNET_BATCHNORM_WEIGHTS);
    expect(namReceptiveFieldSamples(plain)).toBe(4);
  });

  it("counts a Linear model as R taps plus its bias, P = R", () => {
    const { file } = parseNamFile(linear(10, true));
    expect(namWeightCount(file)).toBe(11);
    expect(namReceptiveFieldSamples(file)).toBe(10);
  });

  it("reports a container's default (last) submodel and expects no weights of its own", () => {
    const { file, facts } = parseNamFile(container());
    expect(namWeightsLength(file)).toBe(0);
    expect(namWeightCount(file)).toBe(TINY_WAVENET_WEIGHTS);
    expect(namReceptiveFieldSamples(file)).toBe(TINY_WAVENET_RECEPTIVE_FIELD);
    expect(facts).toMatchObject({
      variant: "slimmable-container",
      sizePreset: "custom",
      slimmableSizes: [0.5, 1],
      loudnessDb: -18.5,
      name: "Container",
    });
  });
});

describeWithSharedFixtures("namWeightsLength on the shared fixtures", () => {
  it("matches the length of every weights array in core__wavenet_a2_max (FiLM at all 8 places, grouped convs)", () => {
    const { file } = parseNamFile(namFixtureJson("core__wavenet_a2_max.nam"));
    if (file.architecture !== "WaveNet" || file.config.condition_dsp === null)
      throw new Error("expected a condition DSP");
    expect(namWeightsLength(file)).toBe(818);
    expect(namWeightsLength(file.config.condition_dsp)).toBe(1052);
  });

  it("matches the 1 871 and 12 146 weights of core__A2's Lite and Full submodels", () => {
    const { file } = parseNamFile(namFixtureJson("core__A2.nam"));
    if (file.architecture !== "SlimmableContainer") throw new Error("expected a container");
    expect(file.config.submodels.map((s) => namWeightsLength(s.model))).toEqual([1871, 12146]);
  });
});
