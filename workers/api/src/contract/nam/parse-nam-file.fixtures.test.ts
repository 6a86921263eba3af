import { expect, it } from "vitest";
import {
  describeWithSharedFixtures,
  sharedFixture,
  sharedFixturesDir,
} from "../../../../../dev/test-support/shared-fixtures.ts";
import { namModelFactsSchema } from "./nam-model-facts.ts";
import { parseNamFile } from "./parse-nam-file.ts";
import { namFixtureJson, namFixtureNames, namFixtureText } from "./test-support/load-nam-fixture.ts";

const fixtureNames = namFixtureNames();

describeWithSharedFixtures(`every .nam fixture in ${sharedFixture("nam")}`, () => {
  it("the folder holds the 16 fixtures listed in SOURCES.md", () => {
    expect(fixtureNames.length, `fixtures found in ${sharedFixturesDir}`).toBeGreaterThanOrEqual(16);
  });

  for (const name of fixtureNames) {
    it(`accepts ${name} and derives facts that satisfy namModelFactsSchema`, () => {
      const parsed = parseNamFile(namFixtureText(name), { fileName: name });
      expect(namModelFactsSchema.parse(parsed.facts)).toEqual(parsed.facts);
      expect(parsed.facts.weightCount).toBeGreaterThan(0);
    });
  }
});

describeWithSharedFixtures("facts derived from the shared fixtures", () => {
  it("reads jcm800-capture-3.nam as a standard WaveNet with P = 4093, 13 802 weights, 48 kHz, loudness −20.25 dB", () => {
    const { facts, warnings } = parseNamFile(namFixtureText("jcm800-capture-3.nam"));
    expect(facts).toMatchObject({
      architecture: "WaveNet",
      variant: "wavenet",
      sizePreset: "standard",
      receptiveFieldSamples: 4093,
      weightCount: 13802,
      sampleRateHz: 48000,
      inputLevelDbu: null,
      outputLevelDbu: null,
      modeledBy: "szymon",
      gearType: "amp",
      toneType: "overdrive",
      name: "JCM800 capture 3",
      slimmableSizes: null,
      fileVersion: "0.5.4",
    });
    expect(facts.loudnessDb).toBeCloseTo(-20.25, 2);
    expect(facts.validationEsr).toBeCloseTo(0.004, 4);
    expect(warnings).toEqual([]);
  });

  it("reads core__A2.nam as a container whose default submodel is A2-Full (P = 6347, 12 146 weights) with top-level metadata", () => {
    const { facts } = parseNamFile(namFixtureText("core__A2.nam"));
    expect(facts).toMatchObject({
      architecture: "SlimmableContainer",
      variant: "slimmable-container",
      sizePreset: "a2-full",
      receptiveFieldSamples: 6347,
      weightCount: 12146,
      sampleRateHz: 48000,
      inputLevelDbu: 14.76,
      slimmableSizes: [0.5, 1],
      fileVersion: "0.7.0",
    });
    expect(facts.loudnessDb).toBeCloseTo(-26.38, 2);
  });

  it("recognises the A2-Lite submodel of core__A2.nam as the a2 variant with 1 871 weights", () => {
    const lite = namFixtureJson("core__A2.nam").config.submodels?.[0]?.model;
    const { facts } = parseNamFile(lite);
    expect(facts).toMatchObject({
      variant: "a2",
      sizePreset: "a2-lite",
      weightCount: 1871,
      receptiveFieldSamples: 6347,
    });
  });

  it("reads core__lstm.nam as an LSTM with 70 weights and P = 24 000 at 48 kHz", () => {
    const { facts } = parseNamFile(namFixtureText("core__lstm.nam"));
    expect(facts).toMatchObject({
      architecture: "LSTM",
      variant: "lstm",
      sizePreset: null,
      weightCount: 70,
      receptiveFieldSamples: 24000,
      inputLevelDbu: 18.3,
      outputLevelDbu: 12.3,
    });
  });

  it("reads trainer__linear_10.nam as a Linear model with R = 10", () => {
    const { facts } = parseNamFile(namFixtureText("trainer__linear_10.nam"));
    expect(facts).toMatchObject({
      architecture: "Linear",
      variant: "linear",
      receptiveFieldSamples: 10,
      weightCount: 10,
    });
  });

  it("reads core__wavenet.nam with P = 23 and 131 weights", () => {
    const { facts } = parseNamFile(namFixtureText("core__wavenet.nam"));
    expect(facts).toMatchObject({ receptiveFieldSamples: 23, weightCount: 131, sizePreset: "custom" });
  });

  it("reports an unknown sample rate and absent metadata of core__wavenet_a1_standard.nam as null", () => {
    const { facts } = parseNamFile(namFixtureText("core__wavenet_a1_standard.nam"));
    expect(facts).toMatchObject({
      sampleRateHz: null,
      loudnessDb: null,
      name: null,
      modeledBy: null,
      sizePreset: "standard",
      weightCount: 13802,
      fileVersion: "0.5.0",
    });
  });

  it("reads core-pr265__dumble.nam as a feather WaveNet with 3 026 weights", () => {
    const { facts } = parseNamFile(namFixtureText("core-pr265__dumble.nam"));
    expect(facts).toMatchObject({
      sizePreset: "feather",
      weightCount: 3026,
      receptiveFieldSamples: 4093,
      sampleRateHz: null,
    });
  });

  it("counts the condition DSP into P and weights of core__wavenet_a2_max.nam (818 + 1 052 weights, P = 22 + 9)", () => {
    const { facts, file } = parseNamFile(namFixtureText("core__wavenet_a2_max.nam"));
    expect(file.weights).toHaveLength(818);
    expect(facts).toMatchObject({ weightCount: 818 + 1052, receptiveFieldSamples: 31, variant: "wavenet" });
  });

  it("lists the allowed channel widths of core__slimmable_wavenet.nam", () => {
    const { facts } = parseNamFile(namFixtureText("core__slimmable_wavenet.nam"));
    expect(facts).toMatchObject({ variant: "slimmable-wavenet", slimmableSizes: [[1, 2, 3]], weightCount: 457 });
  });

  it("warns that core__slimmable_wavenet.nam's head_scale differs from the last weight the core uses", () => {
    const { warnings } = parseNamFile(namFixtureText("core__slimmable_wavenet.nam"));
    expect(warnings).toEqual([expect.stringMatching(/^config\.head_scale: 0\.02 differs from the last weight/)]);
  });

  it("fills defaults into the parsed file (bottleneck, groups, layer1x1, FiLM switches, head_dilation)", () => {
    const { file } = parseNamFile(namFixtureText("jcm800-capture-3.nam"));
    if (file.architecture !== "WaveNet") throw new Error("expected a WaveNet");
    const [first] = file.config.layers;
    expect(first).toMatchObject({
      bottleneck: 16,
      groups_input: 1,
      groups_input_mixin: 1,
      layer1x1: { active: true, groups: 1 },
      head1x1: { active: false, out_channels: 16, groups: 1 },
      conv_pre_film: { active: false, shift: true, groups: 1 },
      slimmable: null,
    });
    expect(file.config).toMatchObject({ in_channels: 1, condition_dsp: null, head: null });
  });

  it("accepts the same file as bytes with a UTF-8 byte-order mark", () => {
    const bytes = new TextEncoder().encode(`\uFEFF${namFixtureText("core__wavenet.nam")}`);
    expect(parseNamFile(bytes).facts.weightCount).toBe(131);
  });

  it("accepts a 0.7.x file with x > 0 and warns that the core supports it only partially", () => {
    const nam = namFixtureJson("core__A2.nam");
    nam.version = "0.7.3";
    const { warnings } = parseNamFile(nam);
    expect(warnings).toEqual([expect.stringMatching(/^version: file version "0\.7\.3" is newer than 0\.7\.0/)]);
  });
});
