/** @module Shared building blocks for the contract: unit-named numeric ranges, ids, hashes and file names, each with messages that name the field and its limit. */
import { z } from "zod";

/**
 * Units that range messages append, so "gainDb must be between -48 and 48 dB" says what the numbers mean.
 * The empty string is for unitless ratios (mix, feedback, fraction, q).
 */
export type Unit = "dB" | "dBTP" | "LUFS" | "Hz" | "ms" | "s" | "px" | "fps" | "";

/** A closed numeric range with an optional default, exported as data so the app can draw sliders from the same limits. */
export interface NumberLimit {
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}

/** Formats a number for a message: whole numbers as they are, others to at most 3 decimals (no float noise like 0.30000000000000004). */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
}

function withUnit(value: number, unit: Unit): string {
  return unit === "" ? formatNumber(value) : `${formatNumber(value)} ${unit}`;
}

/** "between -48 and 48 dB", "at least 0 s" or "at most 0 dB"; an infinite bound means "no limit on that side". */
function rangePhrase(min: number, max: number, unit: Unit): string {
  if (Number.isFinite(min) && Number.isFinite(max)) {
    return `between ${formatNumber(min)} and ${withUnit(max, unit)}`;
  }
  if (Number.isFinite(min)) return `at least ${withUnit(min, unit)}`;
  if (Number.isFinite(max)) return `at most ${withUnit(max, unit)}`;
  return unit === "" ? "finite" : `finite (${unit})`;
}

/** Error map for a wrong or missing type: a missing key reads "x is required" rather than zod's "expected number, received undefined". */
export function typeError(field: string, expected: string): (issue: { readonly input?: unknown }) => string {
  return (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be ${expected}`);
}

/**
 * A finite number in [min, max] whose errors name the field and the limit, e.g. `rangedNumber("gainDb", -48, 48, "dB")`.
 * Pass `-Infinity` / `Infinity` for an open side. zod 4 numbers already reject NaN and ±Infinity.
 */
export function rangedNumber(field: string, min: number, max: number, unit: Unit = ""): z.ZodNumber {
  const message = `${field} must be ${rangePhrase(min, max, unit)}`;
  let schema = z.number({ error: typeError(field, "a number") });
  if (Number.isFinite(min)) schema = schema.min(min, { error: message });
  if (Number.isFinite(max)) schema = schema.max(max, { error: message });
  return schema;
}

/** A whole number in [min, max] (counts, indices, sequence numbers), e.g. "rounds must be a whole number between 1 and 4". */
export function rangedInt(
  field: string,
  min: number,
  max: number = Number.POSITIVE_INFINITY,
  unit: Unit = "",
): z.ZodNumber {
  const phrase = rangePhrase(min, max, unit);
  const message = `${field} must be a whole number ${phrase.startsWith("between") ? phrase : `of ${phrase}`}`;
  let schema = z.number({ error: typeError(field, "a number") }).int({ error: message });
  if (Number.isFinite(min)) schema = schema.min(min, { error: message });
  if (Number.isFinite(max)) schema = schema.max(max, { error: message });
  return schema;
}

/** A number strictly above zero (durations, sample rates), e.g. "durationSeconds must be greater than 0 s". */
export function positiveNumber(field: string, unit: Unit = ""): z.ZodNumber {
  return z
    .number({ error: typeError(field, "a number") })
    .gt(0, { error: `${field} must be greater than ${withUnit(0, unit)}` });
}

/** A level or gain in decibels within [min, max]. */
export function dbSchema(field: string, min: number, max: number): z.ZodNumber {
  return rangedNumber(field, min, max, "dB");
}

/** A frequency in hertz within [min, max]. */
export function hzSchema(field: string, min: number, max: number): z.ZodNumber {
  return rangedNumber(field, min, max, "Hz");
}

/** A time in milliseconds within [min, max]. */
export function msSchema(field: string, min: number, max: number): z.ZodNumber {
  return rangedNumber(field, min, max, "ms");
}

/** A time in seconds within [min, max]. */
export function secondsSchema(field: string, min: number, max: number): z.ZodNumber {
  return rangedNumber(field, min, max, "s");
}

/** A unitless ratio in [0, 1] (mix, fraction of progress, slimmable size). */
export function fractionSchema(field: string): z.ZodNumber {
  return rangedNumber(field, 0, 1);
}

/** A {@link NumberLimit} whose default is set. */
export type DefaultedLimit = NumberLimit & { readonly default: number };

/** A number within a limit, defaulting to the limit's default, so `parse` fills it when the key is missing. */
export function defaultedNumber(field: string, limit: DefaultedLimit, unit: Unit = ""): z.ZodDefault<z.ZodNumber> {
  return rangedNumber(field, limit.min, limit.max, unit).default(limit.default);
}

/** A number within a limit that has no default (the key is required, or optional where the caller says so). */
export function limitedNumber(field: string, limit: NumberLimit, unit: Unit = ""): z.ZodNumber {
  return rangedNumber(field, limit.min, limit.max, unit);
}

/** Trimmed text of min..max characters, e.g. "title must be 1 to 120 characters"; trimming keeps "   " from passing as a name. */
export function boundedText(field: string, min: number, max: number): z.ZodString {
  const message =
    min > 0 ? `${field} must be ${min} to ${max} characters` : `${field} must be at most ${max} characters`;
  return z
    .string({ error: typeError(field, "a string") })
    .trim()
    .min(min, { error: message })
    .max(max, { error: message });
}

/** An array of min..max items whose length errors name the field and the limit, e.g. "blocks must hold 1 to 16 blocks". */
export function boundedArray<T extends z.ZodType>(
  field: string,
  item: T,
  min: number,
  max: number,
  noun: string,
): z.ZodArray<T> {
  const message = min > 0 ? `${field} must hold ${min} to ${max} ${noun}` : `${field} may hold at most ${max} ${noun}`;
  return z
    .array(item, { error: typeError(field, "an array") })
    .min(min, { error: message })
    .max(max, { error: message });
}

/** A string enum over an `as const` list whose error lists the allowed values. */
export function enumOf<const T extends readonly [string, ...string[]]>(field: string, values: T) {
  return z.enum(values, { error: typeError(field, `one of: ${values.join(", ")}`) });
}

/** An ISO 8601 date-time string; offsets are accepted because nodes may not run in UTC. */
export function isoDateTimeSchema(field: string) {
  return z.iso.datetime({ offset: true, error: typeError(field, "an ISO 8601 date-time, e.g. 2025-01-31T12:00:00Z") });
}

/** Ids are ULIDs, uuids or nanoids: URL- and filename-safe, long enough not to be guessed by accident. */
export const ID_PATTERN = /^[0-9A-Za-z_-]{8,64}$/;

/** An id string whose message names the field; every id kind shares {@link ID_PATTERN}. */
export function idSchema(field: string): z.ZodString {
  return z
    .string({ error: typeError(field, "a string") })
    .regex(ID_PATTERN, { error: `${field} must be 8 to 64 characters of letters, digits, "_" or "-"` });
}

/** An uploaded or imported asset (DI, capture or IR). */
export const assetIdSchema = idSchema("assetId");
export type AssetId = z.infer<typeof assetIdSchema>;

/** A shootout. */
export const shootoutIdSchema = idSchema("shootoutId");
export type ShootoutId = z.infer<typeof shootoutIdSchema>;

/** One render request of a shootout. */
export const renderIdSchema = idSchema("renderId");
export type RenderId = z.infer<typeof renderIdSchema>;

/** A stored chain. */
export const chainIdSchema = idSchema("chainId");
export type ChainId = z.infer<typeof chainIdSchema>;

/** Lowercase only so one digest has one spelling: R2 keys and cache keys derive from it. */
export const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;

/** A SHA-256 digest as 64 lowercase hex characters, under the given field name. */
export function sha256Hex(field: string): z.ZodString {
  return z
    .string({ error: typeError(field, "a string") })
    .regex(SHA256_HEX_PATTERN, { error: `${field} must be 64 lowercase hexadecimal characters (a SHA-256 digest)` });
}

/** A SHA-256 digest in the `sha256` field. */
export const sha256HexSchema = sha256Hex("sha256");
export type Sha256Hex = z.infer<typeof sha256HexSchema>;

function hasPathOrControlCharacter(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    // "/" and "\\" separate paths; C0 controls and DEL are never meant to be in a file name.
    if (code === 0x2f || code === 0x5c || code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Longest file name that every common file system stores. */
export const MAX_FILE_NAME_CHARS = 255;

/**
 * A bare file name (no directories): render nodes write inputs and artifacts under these names, so a path separator,
 * "." / ".." or a control character would let a spec escape the node's work folder.
 */
export function fileName(field: string): z.ZodString {
  return z
    .string({ error: typeError(field, "a string") })
    .min(1, { error: `${field} must be 1 to ${MAX_FILE_NAME_CHARS} characters` })
    .max(MAX_FILE_NAME_CHARS, { error: `${field} must be 1 to ${MAX_FILE_NAME_CHARS} characters` })
    .refine((name) => name !== "." && name !== ".." && !hasPathOrControlCharacter(name), {
      error: `${field} must be a bare file name: no "/", "\\", control characters, "." or ".."`,
    });
}

/** A bare file name in the `fileName` field. */
export const fileNameSchema = fileName("fileName");
export type FileName = z.infer<typeof fileNameSchema>;

/** The shape of an object schema with every top-level `.default()` unwrapped. */
export type WithoutDefaults<S extends z.core.$ZodShape> = {
  [K in keyof S]: S[K] extends z.ZodDefault<infer Inner extends z.core.$ZodType> ? Inner : S[K];
};

/**
 * The same flat object schema with its top-level defaults removed, so every defaulted key becomes required. A render
 * spec uses this where its inputs must arrive already resolved: a node never substitutes its own (possibly newer)
 * defaults into a spec whose hash was taken without them. Object-level refinements are not carried over.
 */
export function withoutDefaults<S extends z.core.$ZodShape>(schema: z.ZodObject<S>): z.ZodObject<WithoutDefaults<S>> {
  const shape: Record<string, z.core.$ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    shape[key] = field instanceof z.ZodDefault ? field.unwrap() : field;
  }
  return z.object(shape) as unknown as z.ZodObject<WithoutDefaults<S>>;
}
