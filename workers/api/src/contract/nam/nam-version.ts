/** @module `namVersionSchema`: the file-format `version` string and the range the NAM core loads (spec §1.1). */
import { z } from "zod";
import { describeNamValue } from "./nam-zod-issues.ts";

/** Oldest accepted file version: the core rejects anything below 0.5.0 (spec §1.1). */
export const NAM_MIN_FILE_VERSION = "0.5.0";

/** Newest fully supported file version; later 0.7.x patches load with a warning, 0.8+ and 1.x+ are rejected. */
export const NAM_MAX_FULLY_SUPPORTED_FILE_VERSION = "0.7.0";

/** Accepted range, as a phrase for messages. */
const ACCEPTED_RANGE = "accepted: 0.5.0 up to 0.7.x";

export interface NamVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** Parses `"MAJOR.MINOR.PATCH"` (digits only, spec §1.1); anything else → `null`. */
export function parseNamVersion(version: string): NamVersion | null {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (match === null) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/** Why the core would refuse this version string, or `null` when it loads it. */
export function namVersionProblem(version: string): string | null {
  const parsed = parseNamVersion(version);
  if (parsed === null) {
    return `${describeNamValue(version)} is not a file version (expected MAJOR.MINOR.PATCH, e.g. "0.5.4")`;
  }
  const { major, minor } = parsed;
  // The core's rule: major 0, 5 ≤ minor ≤ 7 (spec §1.1); "0.4.9" and "0.8.0" both fail it.
  if (major !== 0 || minor < 5 || minor > 7) {
    return `unsupported file version "${version}" (${ACCEPTED_RANGE})`;
  }
  return null;
}

/** The core's "partially supported" notice for 0.7.x with x > 0 (it still loads them), or `null`. */
export function namVersionWarning(version: string): string | null {
  const parsed = parseNamVersion(version);
  if (parsed === null || parsed.major !== 0 || parsed.minor !== 7 || parsed.patch === 0) return null;
  return `file version "${version}" is newer than ${NAM_MAX_FULLY_SUPPORTED_FILE_VERSION} and only partially supported by the NAM core`;
}

/** A `version` string the core loads (spec §1.1). */
export const namVersionSchema = z.string().superRefine((version, ctx) => {
  const problem = namVersionProblem(version);
  if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
});
