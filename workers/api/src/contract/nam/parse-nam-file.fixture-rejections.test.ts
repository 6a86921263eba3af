import { expect, it } from "vitest";
import { describeWithSharedFixtures } from "../../../../../dev/test-support/shared-fixtures.ts";
import { expectNamRejection } from "./test-support/expect-nam-rejection.ts";
import { namFixtureJson, namFixtureText } from "./test-support/load-nam-fixture.ts";
import { layerOf, withoutKey } from "./test-support/nam-json.ts";

const JCM800 = "jcm800-capture-3.nam";

describeWithSharedFixtures("parseNamFile rejects broken copies of the shared fixtures", () => {
  it("rejects jcm800 with one weight more than its 13 802", () => {
    const nam = namFixtureJson(JCM800);
    nam.weights.push(0);
    expectNamRejection(nam, "weights", "expected 13802 values for this WaveNet config, got 13803", JCM800);
  });

  it("rejects jcm800 with one weight fewer than its 13 802", () => {
    const nam = namFixtureJson(JCM800);
    nam.weights.pop();
    expectNamRejection(nam, "weights", "expected 13802 values for this WaveNet config, got 13801", JCM800);
  });

  it("rejects core__lstm with one weight more than its 70", () => {
    const nam = namFixtureJson("core__lstm.nam");
    nam.weights.push(0);
    expectNamRejection(nam, "weights", "expected 70 values for this LSTM config, got 71");
  });

  it("rejects core__lstm with one weight fewer than its 70", () => {
    const nam = namFixtureJson("core__lstm.nam");
    nam.weights.pop();
    expectNamRejection(nam, "weights", "expected 70 values for this LSTM config, got 69");
  });

  it("rejects trainer__linear_10 with one weight more than its 10", () => {
    const nam = namFixtureJson("trainer__linear_10.nam");
    nam.weights.push(0);
    expectNamRejection(nam, "weights", "expected 10 values for this Linear config, got 11");
  });

  it("rejects trainer__linear_10 with one weight fewer than its 10", () => {
    const nam = namFixtureJson("trainer__linear_10.nam");
    nam.weights.pop();
    expectNamRejection(nam, "weights", "expected 10 values for this Linear config, got 9");
  });

  it("rejects the A2-Full submodel of core__A2 with one weight fewer, at that submodel", () => {
    const nam = namFixtureJson("core__A2.nam");
    nam.config.submodels?.[1]?.model.weights.pop();
    expectNamRejection(
      nam,
      "config.submodels[1].model.weights",
      "expected 12146 values for this WaveNet config, got 12145",
    );
  });

  it.each(["0.8.0", "0.4.9", "1.0.0", "abc"])("rejects jcm800 relabelled as version %s", (version) => {
    const nam = namFixtureJson(JCM800);
    nam.version = version;
    expectNamRejection(
      nam,
      "version",
      version === "abc" ? "is not a file version" : "unsupported file version",
      JCM800,
    );
  });

  it("rejects jcm800 with an unknown architecture", () => {
    const nam = namFixtureJson(JCM800);
    nam.architecture = "WaveNet2";
    expectNamRejection(nam, "architecture", 'unknown architecture "WaveNet2"');
  });

  it("rejects jcm800 with an unknown activation in its second layer array", () => {
    const nam = namFixtureJson(JCM800);
    layerOf(nam, 1).activation = "Foo";
    const error = expectNamRejection(nam, "config.layers[1].activation", 'unknown activation "Foo"', JCM800);
    expect(error.message).toMatch(
      /^jcm800-capture-3\.nam: config\.layers\[1\]\.activation: unknown activation "Foo" \(expected one of Tanh, /,
    );
  });

  it("rejects jcm800 with kernel_sizes added next to kernel_size", () => {
    const nam = namFixtureJson(JCM800);
    layerOf(nam, 0).kernel_sizes = Array.from({ length: 10 }, () => 3);
    expectNamRejection(nam, "config.layers[0].kernel_sizes", "kernel_size and kernel_sizes are both present");
  });

  it("rejects jcm800 whose 16 channels are split into 3 input groups", () => {
    const nam = namFixtureJson(JCM800);
    layerOf(nam, 0).groups_input = 3;
    expectNamRejection(nam, "config.layers[0].groups_input", "channels (16) is not divisible by groups_input (3)");
  });

  it("rejects an A2 submodel whose kernel_sizes list lost an entry", () => {
    const nam = namFixtureJson("core__A2.nam");
    const a2Full = nam.config.submodels?.[1]?.model;
    if (a2Full === undefined) throw new Error("core__A2.nam has no second submodel");
    (layerOf(a2Full).kernel_sizes as number[]).pop();
    expectNamRejection(
      nam,
      "config.submodels[1].model.config.layers[0].kernel_sizes",
      "has 22 kernel sizes but dilations has 23",
    );
  });

  it("rejects jcm800 without weights", () => {
    expectNamRejection(withoutKey(namFixtureJson(JCM800), "weights"), "weights", "is required");
  });

  it("rejects a truncated jcm800 file as invalid JSON", () => {
    const text = namFixtureText(JCM800);
    expectNamRejection(text.slice(0, text.length / 2), "(root)", /^invalid JSON/, JCM800);
  });

  it("rejects jcm800 widened to 300 channels, naming NAM_MAX_CHANNELS", () => {
    const nam = namFixtureJson(JCM800);
    layerOf(nam, 0).channels = 300;
    expectNamRejection(
      nam,
      "config.layers[0].channels",
      "300 exceeds the limit of 256 channels per layer (NAM_MAX_CHANNELS)",
    );
  });

  it("rejects core__wavenet_condition_dsp whose condition DSP was trained at another rate", () => {
    const nam = namFixtureJson("core__wavenet_condition_dsp.nam");
    const dsp = nam.config.condition_dsp;
    if (dsp === null || dsp === undefined) throw new Error("fixture has no condition DSP");
    dsp.sample_rate = 44100;
    expectNamRejection(nam, "config.condition_dsp.sample_rate", "must equal the model's (48000 Hz)");
  });

  it("rejects core__wavenet_a2_max when a FiLM's groups no longer divide the condition", () => {
    const nam = namFixtureJson("core__wavenet_a2_max.nam");
    layerOf(nam).input_mixin_pre_film = { active: true, shift: true, groups: 3 };
    expectNamRejection(nam, "config.layers[0].input_mixin_pre_film.groups", "condition_size (8) is not divisible");
  });
});
