/** @module `waveNetConfigSchema`: the `config` of a `"WaveNet"` file (spec §3.1), including a nested condition DSP. */
import { z } from "zod";
import { NAM_MAX_LAYER_ARRAYS } from "./nam-limits.ts";
import { type NamFile, namModelSchema } from "./nam-model-schema.ts";
import { namChannelCountSchema, waveNetLayerArrayConfigSchema } from "./wavenet-layer-array-config.ts";
import { waveNetPostHeadConfigSchema } from "./wavenet-post-head-config.ts";

const waveNetConfigBaseSchema = z.object({
  layers: z
    .array(waveNetLayerArrayConfigSchema)
    .min(1, { error: "needs at least one layer array" })
    .max(NAM_MAX_LAYER_ARRAYS, {
      error: (issue) =>
        `${Array.isArray(issue.input) ? issue.input.length : "too many"} layer arrays exceed the limit of ${NAM_MAX_LAYER_ARRAYS} (NAM_MAX_LAYER_ARRAYS)`,
    }),
  /** Required, but ignored numerically: the core uses the last weight (spec §3.1, §3.8.3). */
  head_scale: z.number(),
  /** Optional post-stack head (spec §3.3). */
  head: waveNetPostHeadConfigSchema.nullable().default(null),
  /** Input (and condition) channels. */
  in_channels: namChannelCountSchema.default(1),
});

/** A WaveNet `config` with defaults filled (`head` null, `in_channels` 1, `condition_dsp` null). */
export interface WaveNetConfig extends z.output<typeof waveNetConfigBaseSchema> {
  /** A complete nested `.nam` model whose output is the condition (spec §3.7); its weights are its own. */
  condition_dsp: NamFile | null;
}

// The nested model is referenced lazily: `nam-model-schema.ts` imports this file too.
export const waveNetConfigSchema: z.ZodType<WaveNetConfig> = waveNetConfigBaseSchema.extend({
  condition_dsp: z
    .lazy(() => namModelSchema)
    .nullable()
    .default(null),
});
