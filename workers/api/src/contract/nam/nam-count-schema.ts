/** @module `namCountSchema`: a whole-number config value whose upper bound is a named limit. */
import { z } from "zod";
import { describeNamValue } from "./nam-zod-issues.ts";

/** Which limit bounds a count, for the error message: the value, what it counts, and the constant's name. */
export interface NamCountLimit {
  /** The bound itself, e.g. `NAM_MAX_CHANNELS`. */
  readonly max: number;
  /** Name of the exported constant, e.g. `"NAM_MAX_CHANNELS"`. */
  readonly name: string;
  /** What the bound is about, e.g. `"channels per layer"`. */
  readonly what: string;
}

/**
 * An integer ≥ `min` and ≤ `limit.max`. Going over the limit reads
 * `300 exceeds the limit of 256 channels per layer (NAM_MAX_CHANNELS)`.
 */
export function namCountSchema(min: number, limit: NamCountLimit): z.ZodNumber {
  return z
    .number()
    .int()
    .min(min, { error: (issue) => `must be at least ${min}, got ${describeNamValue(issue.input)}` })
    .max(limit.max, {
      error: (issue) =>
        `${describeNamValue(issue.input)} exceeds the limit of ${limit.max} ${limit.what} (${limit.name})`,
    });
}
