/** @module Turns zod issues into `NamProblem`s: user wording, dotted paths, unions cut to the relevant branch. */
import type { z } from "zod";
import { formatNamFieldPath, type NamProblem } from "./nam-validation-error.ts";

/** Short description of a JSON value for messages: `"Foo"`, `1.5`, `null`, `an array`, `an object`. */
export function describeNamValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return `a ${typeof value === "object" ? "JSON object" : typeof value}`;
}

const EXPECTED_WORDS: Record<string, string> = {
  int: "an integer",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  object: "a JSON object",
  array: "an array",
  null: "null",
};

/**
 * Per-parse error map: wording for the issues our schemas do not word themselves (a missing key, a wrong JSON type,
 * a value outside a generic range). Schema-level messages (limits, unknown activations) take precedence over this.
 */
export function namZodErrorMap(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) return "is required";
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      return `expected ${expected}, got ${describeNamValue(issue.input)}`;
    }
    case "too_small":
      if (issue.origin === "array") return `must have at least ${String(issue.minimum)} entries`;
      return issue.inclusive === false
        ? `must be greater than ${String(issue.minimum)}, got ${describeNamValue(issue.input)}`
        : `must be at least ${String(issue.minimum)}, got ${describeNamValue(issue.input)}`;
    case "too_big":
      return issue.origin === "array"
        ? `must have at most ${String(issue.maximum)} entries`
        : `must be at most ${String(issue.maximum)}, got ${describeNamValue(issue.input)}`;
    case "invalid_value":
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}, got ${describeNamValue(issue.input)}`;
    default:
      return undefined;
  }
}

/** True when a union branch failed only because the input has another JSON type (a nested union counts too). */
function isTypeMismatchOnly(issues: readonly z.core.$ZodIssue[]): boolean {
  const only = issues[0];
  if (issues.length !== 1 || only === undefined || only.path.length !== 0) return false;
  if (only.code === "invalid_type") return true;
  return only.code === "invalid_union" && only.errors.length > 0 && only.errors.every(isTypeMismatchOnly);
}

/** The JSON types a failed union branch would have accepted ("a string", "a JSON object" …). */
function expectedTypes(issues: readonly z.core.$ZodIssue[]): string[] {
  const only = issues[0];
  if (only?.code === "invalid_type") return [EXPECTED_WORDS[only.expected] ?? only.expected];
  if (only?.code === "invalid_union") return only.errors.flatMap(expectedTypes);
  return [];
}

/**
 * The problem a zod issue stands for. A union ("a string or an object") reports the branch that matched the input's
 * JSON type, so `"Foo"` for an activation reads `unknown activation "Foo" …` rather than zod's "Invalid input".
 */
export function namProblemFromZodIssue(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[] = []): NamProblem {
  const path = [...prefix, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const relevant = issue.errors.filter((branch) => !isTypeMismatchOnly(branch));
    const branch = relevant[0];
    const first = branch?.[0];
    if (first !== undefined) return namProblemFromZodIssue(first, path);
    // No branch accepts this JSON type at all: list what would have been accepted.
    const unique = [...new Set(issue.errors.flatMap(expectedTypes))];
    const got = issue.input === undefined ? "nothing" : describeNamValue(issue.input);
    return {
      field: formatNamFieldPath(path),
      problem: issue.input === undefined ? "is required" : `expected ${unique.join(" or ")}, got ${got}`,
    };
  }
  return { field: formatNamFieldPath(path), problem: issue.message };
}
