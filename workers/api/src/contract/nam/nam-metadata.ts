/** @module `namMetadataSchema`: the optional `metadata` object of a `.nam` file (spec §1.2). */
import { z } from "zod";

/** A number or `null` (= absent), as the core reads `loudness` and the levels (spec §1.2). */
const nullableNumber = z.number().nullable().optional();

/**
 * `metadata`: the three keys the core reads must be numbers when present (`null` = absent). Everything else
 * (`name`, `modeled_by`, `gear_*`, `tone_type`, `gain`, `date`, `training` …) is informational, ignored by the core,
 * and kept as it is; `describeNamModel` reads the strings it knows and warns about ones of the wrong type.
 */
export const namMetadataSchema = z.looseObject({
  /** dB (20·log10 RMS, full scale 1.0) of the model's output for the trainer's standard signal. */
  loudness: nullableNumber,
  /** dBu (RMS) of a 1 kHz sine that peaks at 0 dBFS at the model input. */
  input_level_dbu: nullableNumber,
  /** dBu (RMS) of the same for the model output. */
  output_level_dbu: nullableNumber,
});

export type NamMetadata = z.output<typeof namMetadataSchema>;
