/** @module `convNetConfigSchema`: the `config` of a `"ConvNet"` file (spec §5). */
import { z } from "zod";
import { namActivationSchema } from "./nam-activation.ts";
import { NAM_MAX_CONVNET_BLOCKS } from "./nam-limits.ts";
import { namChannelCountSchema, namDilationSchema, namGroupsSchema } from "./wavenet-layer-array-config.ts";

/**
 * ConvNet: one block per dilation (causal conv with kernel 2, then batch norm or a bias, then the activation), then a
 * 1×1 head. `batchnorm` has no default in the core, so it is required.
 */
export const convNetConfigSchema = z.object({
  channels: namChannelCountSchema,
  dilations: z
    .array(namDilationSchema)
    .min(1)
    .max(NAM_MAX_CONVNET_BLOCKS, {
      error: (issue) =>
        `${Array.isArray(issue.input) ? issue.input.length : "too many"} blocks exceed the limit of ${NAM_MAX_CONVNET_BLOCKS} ConvNet blocks (NAM_MAX_CONVNET_BLOCKS)`,
    }),
  batchnorm: z.boolean(),
  activation: namActivationSchema,
  groups: namGroupsSchema.default(1),
  in_channels: namChannelCountSchema.default(1),
  out_channels: namChannelCountSchema.default(1),
});

export type ConvNetConfig = z.output<typeof convNetConfigSchema>;
