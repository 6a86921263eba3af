import { describe, expect, it } from "vitest";
import { parseNamFile } from "./parse-nam-file.ts";
import {
  container,
  featureWaveNet,
  layerOf,
  TINY_WAVENET_WEIGHTS,
  tinyWaveNet,
  weights,
} from "./test-support/nam-json.ts";

describe("collectNamWarnings (via parseNamFile)", () => {
  it("has nothing to say about a clean file", () => {
    expect(parseNamFile(tinyWaveNet()).warnings).toEqual([]);
  });

  it("warns when head_scale differs from the last weight, which the core uses instead", () => {
    const nam = tinyWaveNet();
    nam.config.head_scale = 0.5;
    expect(parseNamFile(nam).warnings).toEqual([
      "config.head_scale: 0.5 differs from the last weight (0.02), which is the value the NAM core uses",
    ]);
  });

  it("warns that a legacy head_size is ignored next to a head object", () => {
    const nam = featureWaveNet();
    layerOf(nam).head_size = 4;
    expect(parseNamFile(nam).warnings).toContain(
      "config.layers[0].head_size: ignored because a head object is present",
    );
  });

  it("warns that a legacy gated flag is ignored next to gating_mode", () => {
    const nam = featureWaveNet();
    layerOf(nam).gated = false;
    expect(parseNamFile(nam).warnings).toContain("config.layers[0].gated: ignored because gating_mode is present");
  });

  it("warns about a nested 0.7.x > 0 version at the submodel's path", () => {
    const nam = container();
    const last = nam.config.submodels?.[1];
    if (last !== undefined) last.model.version = "0.7.2";
    expect(parseNamFile(nam).warnings).toEqual([
      expect.stringMatching(/^config\.submodels\[1\]\.model\.version: file version "0\.7\.2" is newer/),
    ]);
  });

  it("warns that slim sizes of a grouped slimmable array cannot be selected", () => {
    const nam = tinyWaveNet();
    nam.version = "0.7.0";
    layerOf(nam).groups_input = 2;
    layerOf(nam).slimmable = { method: "slice_channels_uniform", kwargs: { allowed_channels: [1, 2] } };
    // groups_input 2 halves the dilated conv: 2·(2/2)·3 + 2 = 8 instead of 14 → 6 fewer weights.
    nam.weights = [...weights(TINY_WAVENET_WEIGHTS - 6 - 1), 0.02];
    expect(parseNamFile(nam).warnings).toEqual([
      "config.layers[0].slimmable: sizes below full width cannot be selected (groups_input ≠ 1)",
    ]);
  });

  it("warns about informational metadata of the wrong type and reports it as absent", () => {
    const nam = tinyWaveNet();
    nam.metadata = { name: 42, gear_make: "Marshall" };
    const { warnings, facts } = parseNamFile(nam);
    expect(warnings).toEqual(["metadata.name: ignored (expected a string, got number)"]);
    expect(facts).toMatchObject({ name: null, gearMake: "Marshall" });
  });
});
