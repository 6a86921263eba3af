/**
 * @module One `render-node` subcommand. Each area of the node (amp, dsp, node) exports a record of these, and
 * `main.ts` joins them into the command line. Arguments are parsed by each command with `node:util` `parseArgs`.
 */

export interface Command {
  /** One line for `render-node --help`. */
  summary: string;
  /** The synopsis, e.g. `amp --model M.nam --in IN.wav --out OUT.wav [--threads N]`. */
  usage: string;
  /** Runs the command; throw a `UsageError` for bad arguments, any other Error for a failure. */
  run(args: string[]): Promise<void>;
}

/** Bad command-line arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
