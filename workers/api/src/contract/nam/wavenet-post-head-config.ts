/** @module `waveNetPostHeadConfigSchema`: the optional post-stack `head` of a WaveNet config (spec §3.1, §3.3). */
import { z } from "zod";
import { namActivationSchema } from "./nam-activation.ts";
import { NAM_MAX_HEAD_BLOCKS } from "./nam-limits.ts";
import { namChannelCountSchema, namKernelSizeSchema } from "./wavenet-layer-array-config.ts";

/**
 * Post-stack head: M = `kernel_sizes.length` blocks of activation → causal conv (dilation 1, with bias); every block
 * outputs `channels` except the last (`out_channels`). `in_channels` is a legacy key that must equal the last layer
 * array's head size (checked with the whole config).
 */
export const waveNetPostHeadConfigSchema = z.object({
  in_channels: namChannelCountSchema.nullable().optional(),
  channels: namChannelCountSchema,
  out_channels: namChannelCountSchema,
  kernel_sizes: z
    .array(namKernelSizeSchema)
    .min(1)
    .max(NAM_MAX_HEAD_BLOCKS, {
      error: (issue) =>
        `${Array.isArray(issue.input) ? issue.input.length : "too many"} blocks exceed the limit of ${NAM_MAX_HEAD_BLOCKS} post-stack head blocks (NAM_MAX_HEAD_BLOCKS)`,
    }),
  activation: namActivationSchema,
});

export type WaveNetPostHeadConfig = z.output<typeof waveNetPostHeadConfigSchema>;
