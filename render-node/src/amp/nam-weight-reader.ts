/** @module `NamWeightReader`: consumes a `.nam` weight vector sequentially, in the module order of the spec (§0). */
import { AmpConversionError } from "./amp-conversion-error.ts";

/** Reads float32 slices in order; running out is an `AmpConversionError` (the core would read past the end, §3.4). */
export class NamWeightReader {
  private offset = 0;
  private readonly weights: Float32Array;
  private readonly fileName: string;
  private readonly field: string;

  constructor(weights: readonly number[], fileName: string, field = "weights") {
    // The core reads every value as float32 (spec §1).
    this.weights = Float32Array.from(weights);
    this.fileName = fileName;
    this.field = field;
  }

  /** The next `count` values (a copy). */
  take(count: number, what: string): Float32Array {
    if (this.offset + count > this.weights.length) {
      throw new AmpConversionError(
        this.fileName,
        this.field,
        `ran out of weights reading ${what} (needs ${count} at offset ${this.offset}, ${this.weights.length} given)`,
      );
    }
    const slice = this.weights.slice(this.offset, this.offset + count);
    this.offset += count;
    return slice;
  }

  /** The next single value. */
  one(what: string): number {
    return this.take(1, what)[0] ?? 0;
  }

  /** Throws unless every value was consumed (spec §3.4: too many weights is an error in the core). */
  finish(): void {
    if (this.offset !== this.weights.length) {
      throw new AmpConversionError(
        this.fileName,
        this.field,
        `${this.weights.length - this.offset} weights left over after reading the model (${this.weights.length} given, ${this.offset} used)`,
      );
    }
  }
}
