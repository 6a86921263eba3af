import { describe, expect, it } from "vitest";
import { NAM_MAX_CHANNELS, NAM_MAX_RECEPTIVE_FIELD_SAMPLES } from "./nam-limits.ts";
import { NamValidationError } from "./nam-validation-error.ts";
import { parseNamFile } from "./parse-nam-file.ts";
import { expectNamRejection } from "./test-support/expect-nam-rejection.ts";
import {
  container,
  convNet,
  featureWaveNet,
  layerOf,
  linear,
  type NamJson,
  TINY_WAVENET_WEIGHTS,
  tinyWaveNet,
  twoLayerLstm,
  weights,
  withoutKey,
} from "./test-support/nam-json.ts";

/** The tiny WaveNet with a second layer array appended: 2 → 1 (input 2), kernel 1. */
function twoArrayWaveNet(): NamJson {
  const nam = tinyWaveNet();
  const second = {
    input_size: 2,
    condition_size: 1,
    channels: 1,
    kernel_size: 1,
    dilations: [1],
    activation: "Tanh",
    head_size: 1,
    head_bias: true,
  };
  nam.config.layers?.push(second);
  // Second array: W_re 1×2 = 2, conv 1·1·1 + 1 = 2, mixin 1, 1×1 1 + 1 = 2, head 1 + 1 = 2 → 9 more.
  nam.weights = weights(TINY_WAVENET_WEIGHTS + 9);
  return nam;
}

describe("parseNamFile error format", () => {
  it("prefixes the message with the file name and the field when a file name is given", () => {
    const nam = tinyWaveNet();
    nam.version = "0.8.0";
    const error = expectNamRejection(nam, "version", 'unsupported file version "0.8.0"', "my.nam");
    expect(error.message).toBe('my.nam: version: unsupported file version "0.8.0" (accepted: 0.5.0 up to 0.7.x)');
    expect(error.fileName).toBe("my.nam");
  });

  it("throws a NamValidationError from parseNamFile", () => {
    expect(() => parseNamFile("{", { fileName: "broken.nam" })).toThrow(NamValidationError);
    expect(() => parseNamFile("{", { fileName: "broken.nam" })).toThrow(/^broken\.nam: \(root\): invalid JSON/);
  });

  it("rejects unparsable JSON text at (root)", () => {
    expectNamRejection('{"version": "0.5.4",', "(root)", /^invalid JSON: /, "bad.nam");
  });

  it("rejects bytes that are not UTF-8 at (root)", () => {
    expectNamRejection(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), "(root)", "not UTF-8");
  });

  it("rejects a JSON array at (root)", () => {
    expectNamRejection([tinyWaveNet()], "(root)", "expected a JSON object, got an array");
  });
});

describe("parseNamFile rejects bad top-level keys", () => {
  it.each(["0.8.0", "0.4.9", "1.0.0", "0.10.0"])("rejects the unsupported version %s", (version) => {
    const nam = tinyWaveNet();
    nam.version = version;
    expectNamRejection(nam, "version", `unsupported file version "${version}"`);
  });

  it.each(["abc", "0.5", "0.5.4-beta", "v0.5.4"])("rejects %s as not a MAJOR.MINOR.PATCH version", (version) => {
    const nam = tinyWaveNet();
    nam.version = version;
    expectNamRejection(nam, "version", "is not a file version (expected MAJOR.MINOR.PATCH");
  });

  it("rejects a missing version", () => {
    expectNamRejection(withoutKey(tinyWaveNet(), "version"), "version", "is required");
  });

  it("rejects an unknown architecture and lists the known ones", () => {
    const nam = tinyWaveNet();
    nam.architecture = "Transformer";
    expectNamRejection(nam, "architecture", 'unknown architecture "Transformer" (expected one of WaveNet, LSTM');
  });

  it("rejects an architecture spelled in the wrong case", () => {
    const nam = tinyWaveNet();
    nam.architecture = "wavenet";
    expectNamRejection(nam, "architecture", 'unknown architecture "wavenet"');
  });

  it("rejects a file without weights", () => {
    expectNamRejection(withoutKey(tinyWaveNet(), "weights"), "weights", "is required");
  });

  it("rejects a weight that is not a number, naming its index", () => {
    const nam = tinyWaveNet();
    nam.weights[5] = "0.1";
    expectNamRejection(nam, "weights[5]", 'expected a number, got "0.1"');
  });

  it("rejects a weight too large for float32", () => {
    const nam = tinyWaveNet();
    nam.weights[0] = 1e39;
    expectNamRejection(nam, "weights[0]", "does not fit a float32");
  });

  it("rejects sample_rate null (a type error in the core)", () => {
    const nam = tinyWaveNet();
    nam.sample_rate = null;
    expectNamRejection(nam, "sample_rate", "expected a number, got null");
  });

  it("rejects a sample rate above the limit and names it", () => {
    const nam = tinyWaveNet();
    nam.sample_rate = 768000;
    expectNamRejection(nam, "sample_rate", "NAM_MAX_SAMPLE_RATE_HZ");
  });

  it("rejects a loudness that is not a number", () => {
    const nam = tinyWaveNet();
    nam.metadata = { loudness: "-18" };
    expectNamRejection(nam, "metadata.loudness", 'got "-18"');
  });
});

describe("parseNamFile rejects WaveNet configs the core cannot load", () => {
  it("rejects an unknown activation and lists the known names", () => {
    const nam = tinyWaveNet();
    layerOf(nam).activation = "Foo";
    const error = expectNamRejection(
      nam,
      "config.layers[0].activation",
      'unknown activation "Foo" (expected one of Tanh,',
    );
    expect(error.problem).toContain("LeakyHardTanh");
  });

  it("rejects an activation name in the wrong case", () => {
    const nam = tinyWaveNet();
    layerOf(nam).activation = "tanh";
    expectNamRejection(nam, "config.layers[0].activation", 'unknown activation "tanh"');
  });

  it("rejects a trainer-only activation such as GELU", () => {
    const nam = tinyWaveNet();
    layerOf(nam).activation = { type: "GELU" };
    expectNamRejection(nam, "config.layers[0].activation.type", 'unknown activation "GELU"');
  });

  it("rejects an unknown activation inside an activation list at its index", () => {
    const nam = featureWaveNet();
    layerOf(nam).activation = ["Tanh", "Swish"];
    expectNamRejection(nam, "config.layers[0].activation[1]", 'unknown activation "Swish"');
  });

  it("rejects a bad gating_mode string", () => {
    const nam = featureWaveNet();
    layerOf(nam).gating_mode = "gate";
    expectNamRejection(nam, "config.layers[0].gating_mode", 'unknown gating mode "gate"');
  });

  it("rejects one weight too many", () => {
    const nam = tinyWaveNet();
    nam.weights.push(0);
    expectNamRejection(nam, "weights", `expected ${TINY_WAVENET_WEIGHTS} values for this WaveNet config, got 29`);
  });

  it("rejects one weight too few (the core would read past the end)", () => {
    const nam = tinyWaveNet();
    nam.weights.pop();
    expectNamRejection(nam, "weights", `expected ${TINY_WAVENET_WEIGHTS} values for this WaveNet config, got 27`);
  });

  it("rejects kernel_size and kernel_sizes together", () => {
    const nam = tinyWaveNet();
    layerOf(nam).kernel_sizes = [3];
    expectNamRejection(nam, "config.layers[0].kernel_sizes", "kernel_size and kernel_sizes are both present");
  });

  it("rejects a layer array with neither kernel_size nor kernel_sizes", () => {
    const nam = tinyWaveNet();
    delete layerOf(nam).kernel_size;
    expectNamRejection(nam, "config.layers[0].kernel_size", "is required (give kernel_size or kernel_sizes");
  });

  it("rejects a kernel_sizes list whose length differs from dilations", () => {
    const nam = featureWaveNet();
    layerOf(nam).kernel_sizes = [2, 2, 2];
    expectNamRejection(nam, "config.layers[0].kernel_sizes", "has 3 kernel sizes but dilations has 2");
  });

  it("rejects an activation list whose length differs from dilations", () => {
    const nam = tinyWaveNet();
    layerOf(nam).activation = ["Tanh", "Tanh"];
    expectNamRejection(nam, "config.layers[0].activation", "has 2 activations but dilations has 1");
  });

  it("rejects a gating_mode list whose length differs from dilations", () => {
    const nam = featureWaveNet();
    layerOf(nam).gating_mode = ["gated"];
    expectNamRejection(nam, "config.layers[0].gating_mode", "has 1 gating modes but dilations has 2");
  });

  it("rejects a secondary_activation list whose length differs from dilations", () => {
    const nam = featureWaveNet();
    layerOf(nam).gating_mode = ["gated", "blended"];
    layerOf(nam).secondary_activation = ["Sigmoid"];
    expectNamRejection(nam, "config.layers[0].secondary_activation", "has 1 secondary activations but dilations has 2");
  });

  it("rejects a gated layer whose secondary activation is null", () => {
    const nam = featureWaveNet();
    layerOf(nam).gating_mode = ["none", "gated"];
    layerOf(nam).secondary_activation = [null, null];
    expectNamRejection(
      nam,
      "config.layers[0].secondary_activation[1]",
      "layer 1 is gated and needs a secondary activation",
    );
  });

  it("rejects a layer array with neither head nor head_size", () => {
    const nam = tinyWaveNet();
    delete layerOf(nam).head_size;
    expectNamRejection(nam, "config.layers[0].head", "is required: give a head object");
  });

  it("rejects legacy head_size without head_bias", () => {
    const nam = tinyWaveNet();
    delete layerOf(nam).head_bias;
    expectNamRejection(nam, "config.layers[0].head_bias", "is required with head_size");
  });

  it("rejects a head kernel_size below 1", () => {
    const nam = featureWaveNet();
    layerOf(nam).head = { out_channels: 1, kernel_size: 0, bias: false };
    expectNamRejection(nam, "config.layers[0].head.kernel_size", "must be at least 1, got 0");
  });

  it("rejects an inactive layer1x1 when bottleneck differs from channels", () => {
    const nam = featureWaveNet();
    layerOf(nam).layer1x1 = { active: false, groups: 1 };
    expectNamRejection(nam, "config.layers[0].layer1x1.active", "bottleneck (3) equals channels (2)");
  });

  it("rejects a layer1x1 object missing its groups key", () => {
    const nam = tinyWaveNet();
    layerOf(nam).layer1x1 = { active: true };
    expectNamRejection(nam, "config.layers[0].layer1x1.groups", "is required");
  });

  it("rejects layer1x1_post_film without layer1x1", () => {
    const nam = tinyWaveNet();
    layerOf(nam).layer1x1 = { active: false, groups: 1 };
    layerOf(nam).layer1x1_post_film = { active: true };
    expectNamRejection(nam, "config.layers[0].layer1x1_post_film", "cannot be active while layer1x1 is inactive");
  });

  it("rejects head1x1_post_film without head1x1", () => {
    const nam = tinyWaveNet();
    layerOf(nam).head1x1_post_film = {};
    expectNamRejection(nam, "config.layers[0].head1x1_post_film", "cannot be active while head1x1 is inactive");
  });

  it("rejects a FiLM switch given as true (only false or an object load)", () => {
    const nam = tinyWaveNet();
    layerOf(nam).conv_pre_film = true;
    expectNamRejection(nam, "config.layers[0].conv_pre_film", "expected false, got true");
  });

  it("rejects channels not divisible by groups_input", () => {
    const nam = tinyWaveNet();
    layerOf(nam).groups_input = 3;
    expectNamRejection(nam, "config.layers[0].groups_input", "channels (2) is not divisible by groups_input (3)");
  });

  it("rejects a gated width 2B not divisible by groups_input", () => {
    const nam = featureWaveNet();
    layerOf(nam).channels = 4;
    layerOf(nam).groups_input = 4;
    expectNamRejection(nam, "config.layers[0].groups_input", "(6) is not divisible by groups_input (4)");
  });

  it("rejects a condition not divisible by groups_input_mixin", () => {
    const nam = tinyWaveNet();
    layerOf(nam).groups_input_mixin = 2;
    expectNamRejection(nam, "config.layers[0].groups_input_mixin", "condition_size (1) is not divisible");
  });

  it("rejects a bottleneck not divisible by layer1x1.groups", () => {
    const nam = featureWaveNet();
    layerOf(nam).layer1x1 = { active: true, groups: 2 };
    expectNamRejection(
      nam,
      "config.layers[0].layer1x1.groups",
      "bottleneck (3) is not divisible by layer1x1.groups (2)",
    );
  });

  it("rejects a bottleneck not divisible by head1x1.groups", () => {
    const nam = featureWaveNet();
    layerOf(nam).head1x1 = { active: true, out_channels: 2, groups: 2 };
    expectNamRejection(nam, "config.layers[0].head1x1.groups", "bottleneck (3) is not divisible by head1x1.groups (2)");
  });

  it("rejects a FiLM whose condition is not divisible by its groups", () => {
    const nam = featureWaveNet();
    layerOf(nam).conv_pre_film = { groups: 2 };
    expectNamRejection(nam, "config.layers[0].conv_pre_film.groups", "condition_size (1) is not divisible");
  });

  it("rejects an array whose channels differ from the previous array's head size", () => {
    const nam = twoArrayWaveNet();
    layerOf(nam, 0).head_size = 2;
    expectNamRejection(nam, "config.layers[1].channels", "must equal the head size of layer array 0 (2), got 1");
  });

  it("rejects an array whose input_size differs from the previous array's channels", () => {
    const nam = twoArrayWaveNet();
    layerOf(nam, 1).input_size = 3;
    expectNamRejection(nam, "config.layers[1].input_size", "must equal the channels of layer array 0 (2), got 3");
  });

  it("rejects a condition_size that differs from in_channels", () => {
    const nam = tinyWaveNet();
    layerOf(nam).condition_size = 2;
    expectNamRejection(nam, "config.layers[0].condition_size", "must equal in_channels (1), got 2");
  });

  it("rejects a legacy post-stack head in_channels that differs from the last head size", () => {
    const nam = tinyWaveNet();
    nam.config.head = { in_channels: 2, channels: 4, out_channels: 1, kernel_sizes: [1], activation: "Tanh" };
    expectNamRejection(nam, "config.head.in_channels", "must equal the last layer array's head size (1), got 2");
  });

  it("rejects a PReLU whose slope count differs from the bottleneck", () => {
    const nam = tinyWaveNet();
    layerOf(nam).activation = { type: "PReLU", negative_slopes: [0.1, 0.2, 0.3] };
    expectNamRejection(nam, "config.layers[0].activation.negative_slopes", "PReLU has 3 slopes but bottleneck has 2");
  });

  it("rejects a condition DSP whose sample rate differs from the model's", () => {
    const nam = tinyWaveNet();
    const dsp = tinyWaveNet();
    dsp.sample_rate = 44100;
    nam.config.condition_dsp = dsp;
    expectNamRejection(nam, "config.condition_dsp.sample_rate", "(44100 Hz) must equal the model's (48000 Hz)");
  });

  it("rejects a condition_size that differs from the condition DSP's outputs", () => {
    const nam = tinyWaveNet();
    const dsp = tinyWaveNet();
    layerOf(dsp).head_size = 2;
    dsp.weights = weights(TINY_WAVENET_WEIGHTS + 3); // head 2×2 + 2 bias instead of 1×2 + 1
    nam.config.condition_dsp = dsp;
    expectNamRejection(
      nam,
      "config.layers[0].condition_size",
      "must equal the condition DSP's output channels (2), got 1",
    );
  });

  it("rejects a condition DSP with the wrong weight count at its own weights field", () => {
    const nam = tinyWaveNet();
    const dsp = tinyWaveNet();
    dsp.weights.pop();
    nam.config.condition_dsp = dsp;
    expectNamRejection(nam, "config.condition_dsp.weights", "expected 28 values for this WaveNet config, got 27");
  });
});

describe("parseNamFile rejects slimmable WaveNets the core cannot load", () => {
  function slimmable(allowed: unknown, method = "slice_channels_uniform"): NamJson {
    const nam = tinyWaveNet();
    nam.version = "0.7.0";
    layerOf(nam).slimmable = { method, kwargs: { allowed_channels: allowed } };
    return nam;
  }

  it("accepts allowed_channels that ascend to channels", () => {
    expect(parseNamFile(slimmable([1, 2])).facts).toMatchObject({
      variant: "slimmable-wavenet",
      slimmableSizes: [[1, 2]],
    });
  });

  it("rejects an unknown slimmable method", () => {
    expectNamRejection(
      slimmable([1, 2], "prune"),
      "config.layers[0].slimmable.method",
      'unsupported slimmable method "prune"',
    );
  });

  it("rejects allowed_channels that do not ascend", () => {
    expectNamRejection(
      slimmable([2, 1, 2]),
      "config.layers[0].slimmable.kwargs.allowed_channels[1]",
      "strictly ascending",
    );
  });

  it("rejects allowed_channels that do not end with channels", () => {
    expectNamRejection(
      slimmable([1]),
      "config.layers[0].slimmable.kwargs.allowed_channels",
      "must end with channels (2)",
    );
  });

  it("rejects a post-stack head on a slimmable WaveNet", () => {
    const nam = slimmable([1, 2]);
    nam.config.head = { channels: 2, out_channels: 1, kernel_sizes: [1], activation: "Tanh" };
    expectNamRejection(nam, "config.head", "cannot be combined with slimmable layer arrays");
  });

  it("rejects gated layers in a slimmable array", () => {
    const nam = slimmable([1, 2]);
    layerOf(nam).gated = true;
    expectNamRejection(
      nam,
      "config.layers[0].gated",
      "gated or blended layers in a slimmable layer array are unsupported",
    );
  });
});

describe("parseNamFile checks exact weight counts of every architecture", () => {
  it.each([
    ["one more", 1],
    ["one fewer", -1],
  ])("rejects an LSTM with %s weight", (_, delta) => {
    const nam = twoLayerLstm();
    nam.weights = weights(83 + delta);
    expectNamRejection(nam, "weights", `expected 83 values for this LSTM config, got ${83 + delta}`);
  });

  it.each([
    ["one more", 1],
    ["one fewer", -1],
  ])("rejects a Linear model with %s weight", (_, delta) => {
    const nam = linear(10, true);
    nam.weights = weights(11 + delta);
    expectNamRejection(nam, "weights", `expected 11 values for this Linear config, got ${11 + delta}`);
  });

  it("rejects a ConvNet with one weight too few", () => {
    const nam = convNet(true);
    nam.weights.pop();
    expectNamRejection(nam, "weights", "expected 33 values for this ConvNet config, got 32");
  });

  it("rejects a ConvNet whose channels are not divisible by groups", () => {
    const nam = convNet();
    nam.config.groups = 2;
    expectNamRejection(nam, "config.groups", "in_channels (1) is not divisible by groups (2)");
  });

  it("rejects weights on a container itself", () => {
    const nam = container();
    nam.weights = [0.5];
    expectNamRejection(nam, "weights", "expected 0 values for this SlimmableContainer config, got 1");
  });

  it("rejects a container submodel with the wrong weight count at the submodel's weights", () => {
    const nam = container();
    const first = nam.config.submodels?.[0];
    first?.model.weights.push(0);
    expectNamRejection(nam, "config.submodels[0].model.weights", "expected 3 values for this Linear config, got 4");
  });
});

describe("parseNamFile rejects SlimmableContainers the core cannot load", () => {
  it("rejects max_value that does not ascend strictly", () => {
    const nam = container();
    const [first] = nam.config.submodels ?? [];
    if (first !== undefined) first.max_value = 1;
    expectNamRejection(
      nam,
      "config.submodels[1].max_value",
      "must be greater than the previous submodel's max_value (1)",
    );
  });

  it("rejects a last max_value below 1", () => {
    const nam = container();
    const last = nam.config.submodels?.[1];
    if (last !== undefined) last.max_value = 0.9;
    expectNamRejection(nam, "config.submodels[1].max_value", "needs max_value ≥ 1, got 0.9");
  });

  it("rejects submodels with different sample rates", () => {
    const nam = container();
    const last = nam.config.submodels?.[1];
    if (last !== undefined) last.model.sample_rate = 44100;
    expectNamRejection(
      nam,
      "config.submodels[1].model.sample_rate",
      "44100 Hz differs from the container's sample rate (48000 Hz)",
    );
  });

  it("rejects an empty submodel list", () => {
    const nam = container();
    nam.config.submodels = [];
    expectNamRejection(nam, "config.submodels", "needs at least one submodel");
  });
});

describe("parseNamFile enforces the size limits and names them", () => {
  it("rejects channels over NAM_MAX_CHANNELS", () => {
    const nam = tinyWaveNet();
    layerOf(nam).channels = NAM_MAX_CHANNELS + 1;
    expectNamRejection(
      nam,
      "config.layers[0].channels",
      "257 exceeds the limit of 256 channels per layer (NAM_MAX_CHANNELS)",
    );
  });

  it("rejects a dilation over NAM_MAX_DILATION", () => {
    const nam = tinyWaveNet();
    layerOf(nam).dilations = [65536];
    expectNamRejection(nam, "config.layers[0].dilations[0]", "(NAM_MAX_DILATION)");
  });

  it("rejects a kernel size over NAM_MAX_KERNEL_SIZE", () => {
    const nam = tinyWaveNet();
    layerOf(nam).kernel_size = 65;
    expectNamRejection(
      nam,
      "config.layers[0].kernel_size",
      "65 exceeds the limit of 64 taps per kernel (NAM_MAX_KERNEL_SIZE)",
    );
  });

  it("rejects more layers than NAM_MAX_LAYERS_PER_ARRAY", () => {
    const nam = tinyWaveNet();
    layerOf(nam).dilations = Array.from({ length: 65 }, () => 1);
    expectNamRejection(
      nam,
      "config.layers[0].dilations",
      "65 layers exceed the limit of 64 layers per array (NAM_MAX_LAYERS_PER_ARRAY)",
    );
  });

  it("rejects more layer arrays than NAM_MAX_LAYER_ARRAYS", () => {
    const nam = tinyWaveNet();
    const layer = layerOf(nam);
    nam.config.layers = Array.from({ length: 9 }, () => structuredClone(layer));
    expectNamRejection(nam, "config.layers", "9 layer arrays exceed the limit of 8 (NAM_MAX_LAYER_ARRAYS)");
  });

  it("rejects a receptive field over NAM_MAX_RECEPTIVE_FIELD_SAMPLES", () => {
    const nam = tinyWaveNet();
    // One layer of kernel 64 at dilation 32 768 looks back 63 · 32 768 samples, P = 2 064 385.
    layerOf(nam).kernel_size = 64;
    layerOf(nam).dilations = [32768];
    expectNamRejection(
      nam,
      "config",
      `receptive field of 2064385 samples exceeds the limit of ${NAM_MAX_RECEPTIVE_FIELD_SAMPLES} samples (NAM_MAX_RECEPTIVE_FIELD_SAMPLES)`,
    );
  });

  it("rejects an LSTM hidden size over NAM_MAX_LSTM_HIDDEN_SIZE", () => {
    const nam = twoLayerLstm();
    nam.config.hidden_size = 257;
    expectNamRejection(nam, "config.hidden_size", "(NAM_MAX_LSTM_HIDDEN_SIZE)");
  });

  it("rejects more LSTM layers than NAM_MAX_LSTM_LAYERS", () => {
    const nam = twoLayerLstm();
    nam.config.num_layers = 9;
    expectNamRejection(nam, "config.num_layers", "(NAM_MAX_LSTM_LAYERS)");
  });

  it("rejects a Linear receptive field over NAM_MAX_LINEAR_RECEPTIVE_FIELD", () => {
    const nam = linear(1);
    nam.config.receptive_field = 2 ** 16 + 1;
    expectNamRejection(
      nam,
      "config.receptive_field",
      "65537 exceeds the limit of 65536 taps (NAM_MAX_LINEAR_RECEPTIVE_FIELD)",
    );
  });

  it("rejects containers nested deeper than NAM_MAX_NESTING_DEPTH", () => {
    let nam = container();
    for (let i = 0; i < 3; i++) {
      const outer = container();
      const last = outer.config.submodels?.[1];
      if (last !== undefined) last.model = nam;
      nam = outer;
    }
    expectNamRejection(
      nam,
      "config.submodels[1].model.config.submodels[1].model.config.submodels[1].model.config.submodels[0].model",
      "nesting depth 4 exceeds the limit of 3 nested models (NAM_MAX_NESTING_DEPTH)",
    );
  });
});
