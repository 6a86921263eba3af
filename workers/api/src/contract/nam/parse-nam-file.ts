/** @module `parseNamFile` / `safeParseNamFile`: validate an uploaded `.nam` file and derive its facts. */
import { collectNamWarnings } from "./collect-nam-warnings.ts";
import { describeNamModel } from "./describe-nam-model.ts";
import { namFileSchema } from "./nam-file.ts";
import type { NamModelFacts } from "./nam-model-facts.ts";
import type { NamFile } from "./nam-model-schema.ts";
import { NAM_ROOT_FIELD, type NamProblem, NamValidationError } from "./nam-validation-error.ts";
import { namProblemFromZodIssue, namZodErrorMap } from "./nam-zod-issues.ts";

export interface ParseNamFileOptions {
  /** Prefixed to error messages (`my.nam: config.layers[0]…`). */
  readonly fileName?: string;
}

/** A validated `.nam` file. */
export interface ParsedNam {
  /** The file, typed, with defaults filled (spec §3.2 etc.); unknown top-level keys dropped, metadata kept whole. */
  readonly file: NamFile;
  /** Valid but noteworthy (e.g. a 0.7.x>0 version), each `<field>: <sentence>`. */
  readonly warnings: string[];
  readonly facts: NamModelFacts;
}

export type SafeParseNamResult =
  | { readonly ok: true; readonly value: ParsedNam }
  | { readonly ok: false; readonly error: NamValidationError };

function rootProblem(problem: string, fileName: string | undefined): SafeParseNamResult {
  return { ok: false, error: new NamValidationError([{ field: NAM_ROOT_FIELD, problem }], fileName) };
}

/** JSON text from a string or bytes (UTF-8, BOM allowed), or a problem. */
function toJsonValue(input: unknown): { value: unknown } | { problem: string } {
  let text: string;
  if (typeof input === "string") {
    text = input;
  } else if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
    try {
      // fatal: invalid UTF-8 is an error rather than U+FFFD; the decoder drops a BOM.
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(input);
    } catch {
      return { problem: "invalid JSON: the file is not UTF-8 text" };
    }
  } else {
    return { value: input };
  }
  try {
    return { value: JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text) };
  } catch (error) {
    return { problem: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Validates a `.nam` file — its parsed JSON value, its JSON text, or its bytes — against spec §1–§7 and §9, our limits
 * and the exact weight count, and derives its facts. Never throws: see `parseNamFile` for the throwing form.
 */
export function safeParseNamFile(input: unknown, options: ParseNamFileOptions = {}): SafeParseNamResult {
  const { fileName } = options;
  const json = toJsonValue(input);
  if ("problem" in json) return rootProblem(json.problem, fileName);

  let result: ReturnType<typeof namFileSchema.safeParse>;
  try {
    result = namFileSchema.safeParse(json.value, { error: namZodErrorMap, reportInput: true });
  } catch (error) {
    // Only a pathologically deep document gets here (zod recurses per level); NAM_MAX_NESTING_DEPTH is far below that.
    if (error instanceof RangeError) return rootProblem("the document is nested too deeply to validate", fileName);
    throw error;
  }
  if (!result.success) {
    const problems = result.error.issues.map((issue) => namProblemFromZodIssue(issue));
    const [first, ...rest] = problems;
    const list: [NamProblem, ...NamProblem[]] =
      first === undefined ? [{ field: NAM_ROOT_FIELD, problem: "is invalid" }] : [first, ...rest];
    return { ok: false, error: new NamValidationError(list, fileName) };
  }
  const file = result.data;
  return { ok: true, value: { file, warnings: collectNamWarnings(file), facts: describeNamModel(file) } };
}

/**
 * Like `safeParseNamFile`, but throws `NamValidationError` (message `<file name>: <field>: <problem>`, `field` a dotted
 * path such as `config.layers[0].kernel_sizes`; unparsable JSON → field `(root)`).
 */
export function parseNamFile(input: unknown, options?: ParseNamFileOptions): ParsedNam {
  const result = safeParseNamFile(input, options);
  if (!result.ok) throw result.error;
  return result.value;
}
