/** @module `namWeightsSchema`: the flat `weights` vector of a `.nam` file, read as float32 (spec §0, §1). */
import { z } from "zod";
import { NAM_MAX_WEIGHTS } from "./nam-limits.ts";
import { describeNamValue } from "./nam-zod-issues.ts";

/** Largest finite float32; a larger magnitude would become ±Infinity when the core casts it. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * The weight vector: an array of finite numbers that fit a float32. Checked with one loop rather than a zod schema per
 * element, because standard captures carry ~14 000 values and the limit is `NAM_MAX_WEIGHTS`; only the first bad
 * element is reported. Whether the length matches the config is checked with the config (see `namWeightsLength`).
 */
export const namWeightsSchema = z
  .custom<readonly unknown[]>((value) => Array.isArray(value), {
    error: (issue) =>
      issue.input === undefined ? "is required" : `expected an array of numbers, got ${describeNamValue(issue.input)}`,
  })
  .superRefine((weights, ctx) => {
    if (weights.length > NAM_MAX_WEIGHTS) {
      ctx.addIssue({
        code: "custom",
        message: `${weights.length} values exceed the limit of ${NAM_MAX_WEIGHTS} weights (NAM_MAX_WEIGHTS)`,
      });
      return;
    }
    for (let i = 0; i < weights.length; i++) {
      const value = weights[i];
      if (typeof value !== "number" || !Number.isFinite(value)) {
        ctx.addIssue({ code: "custom", path: [i], message: `expected a number, got ${describeNamValue(value)}` });
        return;
      }
      if (Math.abs(value) > FLOAT32_MAX) {
        ctx.addIssue({ code: "custom", path: [i], message: `${value} does not fit a float32` });
        return;
      }
    }
  })
  // Every element was checked above; the cast only tells the type system so.
  .transform((weights) => weights as number[]);
