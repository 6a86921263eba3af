/** @module `waveNetLayerArrayConfigSchema`: one entry of a WaveNet's `config.layers` (spec §3.2). */
import { z } from "zod";
import { namActivationSchema } from "./nam-activation.ts";
import { namCountSchema } from "./nam-count-schema.ts";
import { NAM_MAX_CHANNELS, NAM_MAX_DILATION, NAM_MAX_KERNEL_SIZE, NAM_MAX_LAYERS_PER_ARRAY } from "./nam-limits.ts";
import { describeNamValue } from "./nam-zod-issues.ts";
import { waveNetFilmConfigSchema } from "./wavenet-film-config.ts";

/** A width (channels, bottleneck, head size, condition size …), bounded by `NAM_MAX_CHANNELS`. */
export const namChannelCountSchema = namCountSchema(1, {
  max: NAM_MAX_CHANNELS,
  name: "NAM_MAX_CHANNELS",
  what: "channels per layer",
});

/** A convolution kernel size, bounded by `NAM_MAX_KERNEL_SIZE`. */
export const namKernelSizeSchema = namCountSchema(1, {
  max: NAM_MAX_KERNEL_SIZE,
  name: "NAM_MAX_KERNEL_SIZE",
  what: "taps per kernel",
});

/** A convolution dilation, bounded by `NAM_MAX_DILATION`. */
export const namDilationSchema = namCountSchema(1, {
  max: NAM_MAX_DILATION,
  name: "NAM_MAX_DILATION",
  what: "samples of dilation",
});

/** A convolution `groups` count; divisibility by it is checked against the widths it splits. */
export const namGroupsSchema = namCountSchema(1, { max: NAM_MAX_CHANNELS, name: "NAM_MAX_CHANNELS", what: "groups" });

/** The gating modes of spec §2.2. */
export const WAVENET_GATING_MODES = ["none", "gated", "blended"] as const;
export type WaveNetGatingMode = (typeof WAVENET_GATING_MODES)[number];

const gatingModeSchema = z.enum(WAVENET_GATING_MODES, {
  error: (issue) => `unknown gating mode ${describeNamValue(issue.input)} (expected "none", "gated" or "blended")`,
});

/**
 * A secondary activation entry. Only gated/blended layers read it (spec §3.2); exporters write `null` or `""` for the
 * others (A2 and the core's all-features model do), so those are accepted here and required-ness is checked per layer.
 */
const secondaryActivationEntrySchema = z.union([namActivationSchema, z.null(), z.literal("")]);
export type WaveNetSecondaryActivationEntry = z.output<typeof secondaryActivationEntrySchema>;

/** New-style layer-array head `{out_channels, kernel_size, bias, head_dilation}` (0.7). */
const layerArrayHeadSchema = z.object({
  out_channels: namChannelCountSchema,
  kernel_size: namKernelSizeSchema,
  bias: z.boolean(),
  /** Core-only key (spec §3.8.5). */
  head_dilation: namDilationSchema.default(1),
});

/** Slimmable layer array (spec §3.10); `allowed_channels` is checked against `channels` with the rest of the config. */
const slimmableSchema = z.object({
  method: z.literal("slice_channels_uniform", {
    error: (issue) =>
      `unsupported slimmable method ${describeNamValue(issue.input)} (expected "slice_channels_uniform")`,
  }),
  kwargs: z
    .object({
      allowed_channels: z.array(namChannelCountSchema).min(1).optional(),
    })
    .optional(),
});

const layerArrayObjectSchema = z.object({
  /** Rows of this array's input: `in_channels` for array 0, `channels` of the previous array otherwise. */
  input_size: namChannelCountSchema,
  /** Rows of the condition: `in_channels`, or the condition DSP's output channels. */
  condition_size: namChannelCountSchema,
  /** Residual width C. */
  channels: namChannelCountSchema,
  /** Activation width B (default C). */
  bottleneck: namChannelCountSchema.optional(),
  /** One kernel size for every layer — exclusive with `kernel_sizes`. */
  kernel_size: namKernelSizeSchema.optional(),
  /** One kernel size per layer — exclusive with `kernel_size`. */
  kernel_sizes: z.array(namKernelSizeSchema).optional(),
  /** One dilation per layer; its length is the layer count N. */
  dilations: z
    .array(namDilationSchema)
    .min(1)
    .max(NAM_MAX_LAYERS_PER_ARRAY, {
      error: (issue) =>
        `${Array.isArray(issue.input) ? issue.input.length : "too many"} layers exceed the limit of ${NAM_MAX_LAYERS_PER_ARRAY} layers per array (NAM_MAX_LAYERS_PER_ARRAY)`,
    }),
  /** One activation for every layer, or a list of N. */
  activation: z.union([namActivationSchema, z.array(namActivationSchema)]),
  /** `"none" | "gated" | "blended"` or a list of N; absent → legacy `gated`. */
  gating_mode: z.union([gatingModeSchema, z.array(gatingModeSchema)]).optional(),
  /** Secondary activation of gated/blended layers (default `Sigmoid`), or a list of N. */
  secondary_activation: z.union([secondaryActivationEntrySchema, z.array(secondaryActivationEntrySchema)]).optional(),
  /** Legacy 0.5 switch: true = gated with a `Sigmoid` secondary. */
  gated: z.boolean().optional(),
  /** New-style head; wins over `head_size`/`head_bias` when both are present (as in the core). */
  head: layerArrayHeadSchema.nullable().optional(),
  /** Legacy head size (kernel 1). */
  head_size: namChannelCountSchema.optional(),
  /** Legacy head bias; required together with `head_size`. */
  head_bias: z.boolean().optional(),
  groups_input: namGroupsSchema.default(1),
  groups_input_mixin: namGroupsSchema.default(1),
  /** Residual 1×1; when the object is present both keys are required (spec §3.2). */
  layer1x1: z.object({ active: z.boolean(), groups: namGroupsSchema }).default({ active: true, groups: 1 }),
  /** Skip-path 1×1; when the object is present all three keys are required (spec §3.2). */
  head1x1: z.object({ active: z.boolean(), out_channels: namChannelCountSchema, groups: namGroupsSchema }).optional(),
  conv_pre_film: waveNetFilmConfigSchema,
  conv_post_film: waveNetFilmConfigSchema,
  input_mixin_pre_film: waveNetFilmConfigSchema,
  input_mixin_post_film: waveNetFilmConfigSchema,
  activation_pre_film: waveNetFilmConfigSchema,
  activation_post_film: waveNetFilmConfigSchema,
  layer1x1_post_film: waveNetFilmConfigSchema,
  head1x1_post_film: waveNetFilmConfigSchema,
  slimmable: slimmableSchema.nullable().default(null),
});

/**
 * One WaveNet layer array, with the defaults of spec §3.2 filled in: `bottleneck` = `channels`, `groups_*` = 1,
 * `layer1x1` active, `head1x1` inactive (`out_channels` = `channels`, as the core defaults it), every FiLM switch as an
 * object, `slimmable` = null or with `allowed_channels` (default 1…channels). Legacy keys (`gated`, `head_size`,
 * `head_bias`) are kept as written; `resolveWaveNetLayerArray` gives the per-layer view the core builds from them.
 * Rules between keys (exclusive kernel keys, list lengths, divisibility …) are checked with the whole file.
 */
export const waveNetLayerArrayConfigSchema = layerArrayObjectSchema.transform((layer) => ({
  ...layer,
  bottleneck: layer.bottleneck ?? layer.channels,
  head1x1: layer.head1x1 ?? { active: false, out_channels: layer.channels, groups: 1 },
  slimmable:
    layer.slimmable === null
      ? null
      : {
          method: layer.slimmable.method,
          kwargs: {
            // Missing list = every width 1…channels (spec §3.10).
            allowed_channels:
              layer.slimmable.kwargs?.allowed_channels ?? Array.from({ length: layer.channels }, (_, i) => i + 1),
          },
        },
}));

export type WaveNetLayerArrayConfig = z.output<typeof waveNetLayerArrayConfigSchema>;
