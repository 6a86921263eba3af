import { describe, expect, it } from "vitest";
import {
  NAM_ACTIVATION_NAMES,
  namActivationChannelCount,
  namActivationSchema,
  namActivationType,
} from "./nam-activation.ts";
import { namProblemFromZodIssue, namZodErrorMap } from "./nam-zod-issues.ts";

function problem(input: unknown): string {
  const result = namActivationSchema.safeParse(input, { error: namZodErrorMap, reportInput: true });
  if (result.success) throw new Error("expected a rejection");
  const [issue] = result.error.issues;
  if (issue === undefined) throw new Error("no issue");
  const { field, problem: text } = namProblemFromZodIssue(issue);
  return `${field}: ${text}`;
}

describe("namActivationSchema", () => {
  it.each(NAM_ACTIVATION_NAMES)("accepts %s as a string and as an object", (name) => {
    expect(namActivationSchema.parse(name)).toBe(name);
    expect(namActivationType(namActivationSchema.parse({ type: name }))).toBe(name);
  });

  it("fills the spec's default parameters into object forms", () => {
    expect(namActivationSchema.parse({ type: "LeakyReLU" })).toEqual({ type: "LeakyReLU", negative_slope: 0.01 });
    expect(namActivationSchema.parse({ type: "PReLU" })).toEqual({ type: "PReLU", negative_slope: 0.01 });
    expect(namActivationSchema.parse({ type: "LeakyHardTanh" })).toEqual({
      type: "LeakyHardTanh",
      min_val: -1,
      max_val: 1,
      min_slope: 0.01,
      max_slope: 0.01,
    });
  });

  it("keeps Hardtanh bounds the trainer exports although the core ignores them", () => {
    expect(namActivationSchema.parse({ type: "Hardtanh", min_val: -2, max_val: 2 })).toEqual({
      type: "Hardtanh",
      min_val: -2,
      max_val: 2,
    });
  });

  it("reports the per-channel slope count of a PReLU and nothing for other activations", () => {
    expect(namActivationChannelCount(namActivationSchema.parse({ type: "PReLU", negative_slopes: [0.1, 0.2] }))).toBe(
      2,
    );
    expect(namActivationChannelCount(namActivationSchema.parse({ type: "PReLU", negative_slope: 0.1 }))).toBeNull();
    expect(namActivationChannelCount(namActivationSchema.parse("Tanh"))).toBeNull();
  });

  it("rejects names in the wrong case", () => {
    expect(problem("relu")).toMatch(/^\(root\): unknown activation "relu" \(expected one of Tanh, Fasttanh, /);
  });

  it("rejects trainer-only activations the core cannot load", () => {
    expect(problem("Softsigmoid")).toContain('unknown activation "Softsigmoid"');
    expect(problem({ type: "ELU" })).toContain('type: unknown activation "ELU"');
  });

  it("rejects an object without a type", () => {
    expect(problem({ negative_slope: 0.2 })).toBe('type: activation object needs a "type"');
  });

  it("rejects a PReLU that gives both a shared slope and per-channel slopes", () => {
    expect(problem({ type: "PReLU", negative_slope: 0.1, negative_slopes: [0.1] })).toContain("not both");
  });

  it("rejects a parameter of the wrong type", () => {
    expect(problem({ type: "LeakyReLU", negative_slope: "0.2" })).toBe('negative_slope: expected a number, got "0.2"');
  });

  it("rejects a value that is neither a name nor an object", () => {
    expect(problem(3)).toBe("(root): expected a string or a JSON object, got 3");
  });
});
