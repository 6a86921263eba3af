import { describe, expect, it } from "vitest";
import { namFileSchema } from "./nam-file.ts";
import { formatNamFieldPath, NamValidationError } from "./nam-validation-error.ts";
import { safeParseNamFile } from "./parse-nam-file.ts";
import { layerOf, tinyWaveNet } from "./test-support/nam-json.ts";

describe("formatNamFieldPath", () => {
  it("writes keys with dots and indices in brackets", () => {
    expect(formatNamFieldPath(["config", "layers", 0, "kernel_sizes", 3])).toBe("config.layers[0].kernel_sizes[3]");
  });

  it("names the empty path (root)", () => {
    expect(formatNamFieldPath([])).toBe("(root)");
  });
});

describe("NamValidationError", () => {
  it("is an Error whose message is the file name, the field and the problem", () => {
    const error = new NamValidationError([{ field: "config.layers[0].channels", problem: "is required" }], "a.nam");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("NamValidationError");
    expect(error.message).toBe("a.nam: config.layers[0].channels: is required");
    expect(error.field).toBe("config.layers[0].channels");
  });

  it("lists every structural problem, the first one in its message", () => {
    const nam = tinyWaveNet();
    layerOf(nam).channels = "two";
    layerOf(nam).dilations = [0];
    const result = safeParseNamFile(nam);
    if (result.ok) throw new Error("expected a rejection");
    expect(result.error.problems.map((p) => p.field)).toEqual([
      "config.layers[0].channels",
      "config.layers[0].dilations[0]",
    ]);
    expect(result.error.message).toBe('config.layers[0].channels: expected a number, got "two"');
  });
});

describe("namFileSchema", () => {
  it("applies the cross-field rules too when used as a plain zod schema", () => {
    const nam = tinyWaveNet();
    nam.weights.push(0);
    const result = namFileSchema.safeParse(nam);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ["weights"],
      message: "expected 28 values for this WaveNet config, got 29",
    });
  });
});
