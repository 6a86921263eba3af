/** @module `AmpConversionError`: a validated `.nam` the converter or runner cannot turn into a graph or render. */

/**
 * A capture that passed `parseNamFile` but that this engine does not support or cannot render (unsupported feature
 * combination, wrong input rate, weights that run out while reading). Names the file and the field or limit.
 */
export class AmpConversionError extends Error {
  override readonly name = "AmpConversionError";
  readonly fileName: string;
  readonly field: string;

  constructor(fileName: string, field: string, problem: string) {
    super(`${fileName}: ${field}: ${problem}`);
    this.fileName = fileName;
    this.field = field;
  }
}
