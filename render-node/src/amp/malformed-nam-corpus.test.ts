import { NamValidationError } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import { AmpConversionError } from "./amp-conversion-error.ts";
import { loadAmp } from "./amp-runner.ts";
import { randomWeights } from "./test-support/reference-models.ts";

type Json = Record<string, unknown>;
/** A model being mutated: loosely typed on purpose, the corpus writes wrong types everywhere. */
type Editable = Record<string, unknown> & { config: Record<string, unknown> & { layers: Json[] }; weights: unknown[] };

/** A small valid WaveNet (2 arrays, like the core's tiny test model). */
function waveNet(): Json {
  const layer = (input: number, channels: number, head: number, bias: boolean, dilations: number[]) => ({
    input_size: input,
    condition_size: 1,
    channels,
    kernel_size: 3,
    dilations,
    activation: "Tanh",
    gated: false,
    head_size: head,
    head_bias: bias,
  });
  const weights = 3 + 2 * (27 + 3 + 3 + 9 + 3) + 6 + (6 + 1 * (12 + 2 + 2 + 4 + 2) + 2 + 1) + 1;
  return {
    version: "0.5.4",
    architecture: "WaveNet",
    config: { layers: [layer(1, 3, 2, false, [1, 2]), layer(3, 2, 1, true, [8])], head_scale: 0.02 },
    weights: randomWeights(weights, 1),
    sample_rate: 48_000,
  };
}

function lstm(): Json {
  return {
    version: "0.5.4",
    architecture: "LSTM",
    config: { num_layers: 1, input_size: 1, hidden_size: 3 },
    weights: randomWeights(70, 2),
    sample_rate: 48_000,
  };
}

function linear(): Json {
  return {
    version: "0.5.4",
    architecture: "Linear",
    config: { receptive_field: 4, bias: true },
    weights: [1, 0, 0, 0, 0],
  };
}

function convNet(): Json {
  return {
    version: "0.5.4",
    architecture: "ConvNet",
    config: { channels: 2, dilations: [1, 2], batchnorm: false, activation: "Tanh" },
    weights: randomWeights(2 * 1 * 2 + 2 + 2 * 2 * 2 + 2 + 2 + 1, 3),
  };
}

function container(): Json {
  return {
    version: "0.7.0",
    architecture: "SlimmableContainer",
    config: { submodels: [{ max_value: 1, model: linear() }] },
    weights: [],
  };
}

/** Deep-copies `base` and applies `edit` to the copy. */
function mutate(base: () => Json, edit: (m: Editable) => void): string {
  const m = structuredClone(base()) as Editable;
  edit(m);
  return JSON.stringify(m);
}

function nested(depth: number): Json {
  let model: Json = linear();
  for (let i = 0; i < depth; i++)
    model = {
      version: "0.7.0",
      architecture: "SlimmableContainer",
      config: { submodels: [{ max_value: 1, model }] },
      weights: [],
    };
  return model;
}

function corpus(): { name: string; input: string | Uint8Array }[] {
  const cases: { name: string; input: string | Uint8Array }[] = [];
  const add = (name: string, input: string | Uint8Array) => cases.push({ name, input });

  // Not JSON, or JSON that is not a model object.
  const valid = JSON.stringify(waveNet());
  for (const fraction of [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
    add(`truncated JSON at ${fraction * 100}%`, valid.slice(0, Math.floor(valid.length * fraction)));
  }
  add("truncated by one character", valid.slice(0, -1));
  for (const text of ["null", "[]", "42", '"WaveNet"', "true", "{}", "{", "}", "NaN", "\u0000\u0001"])
    add(`JSON value ${JSON.stringify(text)}`, text);
  add("invalid UTF-8 bytes", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
  add(
    "binary garbage",
    Uint8Array.from(randomWeights(256, 9), (v) => Math.floor((v + 0.5) * 255)),
  );
  add("JSON nested 100 000 levels deep", `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
  add(
    "layers nested 20 000 arrays deep",
    valid.replace('"layers":[', `"layers":[${"[".repeat(20_000)}${"]".repeat(20_000)},`),
  );
  add(
    "activation nested 20 000 objects deep",
    valid.replace('"activation":"Tanh"', `"activation":${'{"type":'.repeat(20_000)}"Tanh"${"}".repeat(20_000)}`),
  );

  // Non-finite and non-number weights (the JSON spellings some exporters write).
  for (const bad of ["NaN", "Infinity", "-Infinity", "1e39", "-1e40", '"0.1"', "null", "[0.1]", "true", "{}"]) {
    add(`weight ${bad}`, valid.replace(/"weights":\[([^,]+),/, `"weights":[${bad},`));
  }

  // Missing, wrong-typed and unknown top-level keys.
  for (const key of ["version", "architecture", "config", "weights"])
    add(
      `missing ${key}`,
      mutate(waveNet, (m) => delete m[key]),
    );
  for (const [key, value] of [
    ["version", "1.0.0"],
    ["version", "0.4.0"],
    ["version", "0.8.0"],
    ["version", "abc"],
    ["version", 5],
    ["architecture", "wavenet"],
    ["architecture", "Transformer"],
    ["architecture", null],
    ["architecture", 1],
    ["config", []],
    ["config", null],
    ["config", "x"],
    ["weights", {}],
    ["weights", "1,2,3"],
    ["sample_rate", 0],
    ["sample_rate", -48_000],
    ["sample_rate", 1e9],
    ["sample_rate", "48000"],
    ["sample_rate", null],
    ["metadata", "loud"],
    ["metadata", { loudness: "-18" }],
    ["metadata", { input_level_dbu: [] }],
  ] as const) {
    add(
      `${key} = ${JSON.stringify(value)}`,
      mutate(waveNet, (m) => {
        (m as Json)[key] = value;
      }),
    );
  }

  // Wrong weight counts for every architecture.
  for (const [name, base] of [
    ["WaveNet", waveNet],
    ["LSTM", lstm],
    ["Linear", linear],
    ["ConvNet", convNet],
  ] as const) {
    add(
      `${name} one weight short`,
      mutate(base, (m) => {
        m.weights.pop();
      }),
    );
    add(
      `${name} one weight too many`,
      mutate(base, (m) => {
        m.weights.push(0.5);
      }),
    );
    add(
      `${name} no weights`,
      mutate(base, (m) => {
        m.weights = [];
      }),
    );
    add(
      `${name} config {}`,
      mutate(base, (m) => {
        m.config = {} as never;
      }),
    );
  }
  add(
    "weights beyond NAM_MAX_WEIGHTS",
    mutate(linear, (m) => {
      m.weights = new Array(5_000_001).fill(0);
    }),
  );

  // Absurd or wrong-typed dimensions.
  const arrayEdits: [string, unknown][] = [
    ["channels", 1_000_000],
    ["channels", 0],
    ["channels", -3],
    ["channels", 2.5],
    ["channels", "3"],
    ["channels", null],
    ["bottleneck", 1_000_000],
    ["kernel_size", 1_000_000],
    ["kernel_size", 0],
    ["kernel_sizes", [3, 3]],
    ["dilations", [1e9, 2]],
    ["dilations", []],
    ["dilations", Array.from({ length: 10_000 }, () => 1)],
    ["dilations", "1,2"],
    ["dilations", [1, -2]],
    ["head_size", 1_000_000],
    ["head_size", 0],
    ["head_bias", "yes"],
    ["activation", "GELU"],
    ["activation", ["Tanh"]],
    ["activation", { type: "LeakyReLU", negative_slope: "x" }],
    ["activation", 7],
    ["gating_mode", "bogus"],
    ["gating_mode", ["gated"]],
    ["groups_input", 2],
    ["groups_input", 0],
    ["layer1x1", { active: false }],
    ["head1x1", { active: true }],
    ["conv_pre_film", true],
    ["conv_pre_film", null],
    ["input_size", 5],
    ["condition_size", 4],
    ["slimmable", { method: "prune" }],
    ["slimmable", { method: "slice_channels_uniform", kwargs: { allowed_channels: [3, 1] } }],
  ];
  for (const [key, value] of arrayEdits) {
    const shown = JSON.stringify(value)?.slice(0, 40);
    add(
      `layers[0].${key} = ${shown}`,
      mutate(waveNet, (m) => {
        const first = m.config.layers[0];
        if (first) first[key] = value;
      }),
    );
  }
  add(
    "layers = []",
    mutate(waveNet, (m) => {
      m.config.layers = [];
    }),
  );
  add(
    "layers with 100 arrays",
    mutate(waveNet, (m) => {
      m.config.layers = Array.from({ length: 100 }, () => m.config.layers[0] ?? {});
    }),
  );
  add(
    "layers[1].channels ≠ head size of layers[0]",
    mutate(waveNet, (m) => {
      const second = m.config.layers[1];
      if (second) second.channels = 5;
    }),
  );
  add(
    "head_scale missing",
    mutate(waveNet, (m) => {
      delete m.config.head_scale;
    }),
  );
  add(
    "head_scale string",
    mutate(waveNet, (m) => {
      m.config.head_scale = "0.02";
    }),
  );
  add(
    "post-stack head with 1e6 channels",
    mutate(waveNet, (m) => {
      m.config.head = { channels: 1_000_000, out_channels: 1, kernel_sizes: [1], activation: "Tanh" };
    }),
  );
  add(
    "in_channels 1e6",
    mutate(waveNet, (m) => {
      m.config.in_channels = 1_000_000;
    }),
  );
  add(
    "condition_dsp garbage",
    mutate(waveNet, (m) => {
      m.config.condition_dsp = { architecture: "Linear" };
    }),
  );
  add(
    "condition_dsp at another rate",
    mutate(waveNet, (m) => {
      m.config.condition_dsp = { ...linear(), config: { receptive_field: 4, bias: true }, sample_rate: 44_100 };
    }),
  );

  for (const [key, value] of [
    ["num_layers", 1_000_000],
    ["num_layers", 0],
    ["hidden_size", 1_000_000],
    ["hidden_size", -1],
    ["input_size", 0],
    ["hidden_size", "3"],
  ] as const) {
    add(
      `LSTM ${key} = ${value}`,
      mutate(lstm, (m) => {
        m.config[key] = value;
      }),
    );
  }
  for (const [key, value] of [
    ["receptive_field", 1e9],
    ["receptive_field", 0],
    ["bias", 1],
    ["implementation", "gpu"],
  ] as const) {
    add(
      `Linear ${key} = ${value}`,
      mutate(linear, (m) => {
        m.config[key] = value;
      }),
    );
  }
  // Valid for the contract, but the direct convolution of a 65 536-tap FIR would need gigabytes per chunk.
  add(
    "Linear with 65 536 taps (engine limit)",
    mutate(linear, (m) => {
      m.config = { receptive_field: 65_536, bias: false } as never;
      m.weights = new Array(65_536).fill(0);
    }),
  );
  for (const [key, value] of [
    ["channels", 1_000_000],
    ["dilations", [1e9]],
    ["batchnorm", "no"],
    ["groups", 3],
    ["activation", "Softsigmoid"],
  ] as const) {
    add(
      `ConvNet ${key} = ${JSON.stringify(value)}`,
      mutate(convNet, (m) => {
        m.config[key] = value;
      }),
    );
  }

  // Containers and nesting.
  add(
    "container without submodels",
    mutate(container, (m) => {
      m.config = { submodels: [] } as never;
    }),
  );
  add(
    "container with unsorted max_value",
    mutate(container, (m) => {
      m.config = {
        submodels: [
          { max_value: 1, model: linear() },
          { max_value: 0.5, model: linear() },
        ],
      } as never;
    }),
  );
  add(
    "container whose last max_value < 1",
    mutate(container, (m) => {
      m.config = { submodels: [{ max_value: 0.5, model: linear() }] } as never;
    }),
  );
  add(
    "container submodel is a string",
    mutate(container, (m) => {
      m.config = { submodels: [{ max_value: 1, model: "linear.nam" }] } as never;
    }),
  );
  add("containers nested 12 deep", JSON.stringify(nested(12)));
  add(
    "condition DSPs nested 12 deep",
    JSON.stringify(
      Array.from({ length: 12 }).reduce<Json>(
        (inner) => ({ ...waveNet(), config: { ...(waveNet().config as Json), condition_dsp: inner } }),
        waveNet(),
      ),
    ),
  );
  add(
    "__proto__ keys",
    valid
      .replace('"version"', '"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"version"')
      .replace('"version":"0.5.4"', '"version":{"__proto__":"0.5.4"}'),
  );
  return cases;
}

describe("malformed-capture corpus: each is a clear, typed error — never a crash or a hang", () => {
  const cases = corpus();

  it("has at least 100 cases", () => {
    console.log(`malformed-capture corpus: ${cases.length} cases`);
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  for (const { name, input } of cases) {
    it(name, async () => {
      const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
      const fileName = "bad.nam";
      let caught: unknown = null;
      try {
        await loadAmp({ bytes, fileName }, { threads: 1 });
      } catch (error) {
        caught = error;
      }
      expect(caught, "should have been rejected").not.toBeNull();
      expect(caught instanceof NamValidationError || caught instanceof AmpConversionError, String(caught)).toBe(true);
      expect((caught as Error).message).toContain(fileName);
    }, 10_000);
  }
});
