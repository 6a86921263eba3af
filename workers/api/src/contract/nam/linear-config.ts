/** @module `linearConfigSchema`: the `config` of a `"Linear"` file — an FIR impulse response (spec §6). */
import { z } from "zod";
import { namCountSchema } from "./nam-count-schema.ts";
import { NAM_MAX_LINEAR_RECEPTIVE_FIELD } from "./nam-limits.ts";
import { namChannelCountSchema } from "./wavenet-layer-array-config.ts";

/** Values of `implementation`; they choose direct or FFT convolution and never change the result (spec §6). */
export const LINEAR_IMPLEMENTATIONS = [
  "auto",
  "direct",
  "legacy",
  "old",
  "fft",
  "partitioned_fft",
  "partitioned-fft",
] as const;

/** Linear: `receptive_field` R taps (h[0] multiplies the current sample), optional bias. */
export const linearConfigSchema = z.object({
  receptive_field: namCountSchema(1, {
    max: NAM_MAX_LINEAR_RECEPTIVE_FIELD,
    name: "NAM_MAX_LINEAR_RECEPTIVE_FIELD",
    what: "taps",
  }),
  bias: z.boolean(),
  in_channels: namChannelCountSchema.default(1),
  out_channels: namChannelCountSchema.default(1),
  implementation: z.enum(LINEAR_IMPLEMENTATIONS).default("auto"),
});

export type LinearConfig = z.output<typeof linearConfigSchema>;
