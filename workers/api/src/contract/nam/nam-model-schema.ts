/** @module `namModelSchema`: the structure of one `.nam` model object (spec §1), for every architecture. */
import { z } from "zod";
import { type ConvNetConfig, convNetConfigSchema } from "./convnet-config.ts";
import { type LinearConfig, linearConfigSchema } from "./linear-config.ts";
import { type LstmConfig, lstmConfigSchema } from "./lstm-config.ts";
import { NAM_MAX_SAMPLE_RATE_HZ, NAM_MIN_SAMPLE_RATE_HZ } from "./nam-limits.ts";
import { type NamMetadata, namMetadataSchema } from "./nam-metadata.ts";
import { namVersionSchema } from "./nam-version.ts";
import { namWeightsSchema } from "./nam-weights.ts";
import { describeNamValue } from "./nam-zod-issues.ts";
import { type SlimmableContainerConfig, slimmableContainerConfigSchema } from "./slimmable-container-config.ts";
import { type WaveNetConfig, waveNetConfigSchema } from "./wavenet-config.ts";

/** The architectures the core registers (spec §1.3), case-sensitive. */
export const NAM_ARCHITECTURES = ["WaveNet", "LSTM", "ConvNet", "Linear", "SlimmableContainer"] as const;
export type NamArchitecture = (typeof NAM_ARCHITECTURES)[number];

/** `sample_rate` in hertz: a number when present (`null` is a type error in the core, spec §9). */
const sampleRateHzSchema = z
  .number()
  .min(NAM_MIN_SAMPLE_RATE_HZ, {
    error: (issue) =>
      `${describeNamValue(issue.input)} Hz is below the lowest accepted sample rate of ${NAM_MIN_SAMPLE_RATE_HZ} Hz (NAM_MIN_SAMPLE_RATE_HZ)`,
  })
  .max(NAM_MAX_SAMPLE_RATE_HZ, {
    error: (issue) =>
      `${describeNamValue(issue.input)} Hz exceeds the limit of ${NAM_MAX_SAMPLE_RATE_HZ} Hz (NAM_MAX_SAMPLE_RATE_HZ)`,
  });

/** Keys every model object has besides `architecture` and `config`. */
export interface NamFileEnvelope {
  /** File-format version, `"MAJOR.MINOR.PATCH"` in 0.5.0 … 0.7.x. */
  version: string;
  /** Flat parameter vector (float32 values); `[]` for containers. */
  weights: number[];
  /** Training sample rate in hertz; absent = unknown. */
  sample_rate?: number | undefined;
  metadata?: NamMetadata | null | undefined;
}

export interface WaveNetNamFile extends NamFileEnvelope {
  architecture: "WaveNet";
  config: WaveNetConfig;
}
export interface LstmNamFile extends NamFileEnvelope {
  architecture: "LSTM";
  config: LstmConfig;
}
export interface ConvNetNamFile extends NamFileEnvelope {
  architecture: "ConvNet";
  config: ConvNetConfig;
}
export interface LinearNamFile extends NamFileEnvelope {
  architecture: "Linear";
  config: LinearConfig;
}
export interface SlimmableContainerNamFile extends NamFileEnvelope {
  architecture: "SlimmableContainer";
  config: SlimmableContainerConfig;
}

/** A parsed `.nam` model (any architecture) with defaults filled. Unknown top-level keys (e.g. `notes`) are dropped. */
export type NamFile = WaveNetNamFile | LstmNamFile | ConvNetNamFile | LinearNamFile | SlimmableContainerNamFile;

function modelOption<const A extends NamArchitecture, C extends z.ZodType>(architecture: A, config: C) {
  // Key order = the order problems are reported in.
  return z.object({
    version: namVersionSchema,
    architecture: z.literal(architecture),
    config,
    weights: namWeightsSchema,
    sample_rate: sampleRateHzSchema.optional(),
    metadata: namMetadataSchema.nullable().optional(),
  });
}

/** Message for a model that is not an object, or whose `architecture` is missing or unknown. */
function unknownArchitecture(input: unknown): string {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return `expected a JSON object, got ${describeNamValue(input)}`;
  }
  const architecture = (input as { architecture?: unknown }).architecture;
  const known = NAM_ARCHITECTURES.join(", ");
  return architecture === undefined
    ? `is required (one of ${known})`
    : `unknown architecture ${describeNamValue(architecture)} (expected one of ${known})`;
}

/**
 * One model object, dispatched on `architecture`: types, ranges and defaults only (`namFileSchema` adds the rules
 * between fields). Also used for nested models (`condition_dsp`, container submodels), hence lazy: WaveNet and
 * SlimmableContainer configs contain models themselves.
 */
export const namModelSchema: z.ZodType<NamFile> = z.lazy(() =>
  z.discriminatedUnion(
    "architecture",
    [
      modelOption("WaveNet", waveNetConfigSchema),
      modelOption("LSTM", lstmConfigSchema),
      modelOption("ConvNet", convNetConfigSchema),
      modelOption("Linear", linearConfigSchema),
      modelOption("SlimmableContainer", slimmableContainerConfigSchema),
    ],
    { error: (issue) => unknownArchitecture(issue.input) },
  ),
);
