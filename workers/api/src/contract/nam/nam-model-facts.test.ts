import { describe, expect, it } from "vitest";
import { namModelFactsSchema } from "./nam-model-facts.ts";
import { parseNamFile } from "./parse-nam-file.ts";
import { container, featureWaveNet, linear, tinyWaveNet } from "./test-support/nam-json.ts";

describe("namModelFactsSchema", () => {
  it.each([
    ["a WaveNet", tinyWaveNet()],
    ["a gated WaveNet", featureWaveNet()],
    ["a Linear model", linear(4)],
    ["a container", container()],
  ])("round-trips the facts of %s through JSON", (_, nam) => {
    const { facts } = parseNamFile(nam);
    expect(namModelFactsSchema.parse(JSON.parse(JSON.stringify(facts)))).toEqual(facts);
  });

  it("rejects facts with an unknown variant", () => {
    const { facts } = parseNamFile(tinyWaveNet());
    expect(namModelFactsSchema.safeParse({ ...facts, variant: "transformer" }).success).toBe(false);
  });

  it("rejects facts with a receptive field of zero samples", () => {
    const { facts } = parseNamFile(tinyWaveNet());
    expect(namModelFactsSchema.safeParse({ ...facts, receptiveFieldSamples: 0 }).success).toBe(false);
  });

  it("reports every absent metadata value as null rather than leaving keys out", () => {
    const { facts } = parseNamFile(linear(2));
    expect(facts).toEqual({
      architecture: "Linear",
      variant: "linear",
      sizePreset: null,
      receptiveFieldSamples: 2,
      weightCount: 2,
      sampleRateHz: 48000,
      loudnessDb: null,
      inputLevelDbu: null,
      outputLevelDbu: null,
      validationEsr: null,
      modeledBy: null,
      gearType: null,
      gearMake: null,
      gearModel: null,
      toneType: null,
      name: null,
      slimmableSizes: null,
      fileVersion: "0.5.4",
    });
  });
});
