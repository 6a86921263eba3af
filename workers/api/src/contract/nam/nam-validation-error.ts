/** @module `NamValidationError`: why a `.nam` file was rejected, as a dotted field path plus a sentence. */

/** One problem found in a `.nam` file. `field` is a dotted path such as `config.layers[0].kernel_sizes`. */
export interface NamProblem {
  readonly field: string;
  readonly problem: string;
}

/** Field name used for problems with the file as a whole (unparsable JSON, not an object). */
export const NAM_ROOT_FIELD = "(root)";

/**
 * Turns a zod-style path (`["config", "layers", 0, "kernel_sizes"]`) into the dotted form users see
 * (`config.layers[0].kernel_sizes`); the empty path is `(root)`.
 */
export function formatNamFieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out === "" ? NAM_ROOT_FIELD : out;
}

/**
 * Thrown by `parseNamFile`. The message reads `<file name>: <field>: <problem>` (the file name only when one was
 * given), e.g. `my.nam: config.layers[0].activation: unknown activation "Foo" (expected one of Tanh, …)`.
 * `problems` lists every problem found (the first one is the one in `message`); most rejections have exactly one,
 * because rules that depend on a well-formed config only run once the structure is valid.
 */
export class NamValidationError extends Error {
  override readonly name = "NamValidationError";
  /** Dotted path of the first offending field, or `(root)`. */
  readonly field: string;
  /** The first problem, without the file name and field prefix. */
  readonly problem: string;
  /** File name given to the parser, if any. */
  readonly fileName: string | undefined;
  /** Every problem found, first one first. */
  readonly problems: readonly NamProblem[];

  constructor(problems: readonly [NamProblem, ...NamProblem[]], fileName?: string) {
    const [first] = problems;
    super(`${fileName === undefined ? "" : `${fileName}: `}${first.field}: ${first.problem}`);
    this.field = first.field;
    this.problem = first.problem;
    this.fileName = fileName;
    this.problems = problems;
  }
}
