/** @module `waveNetFilmConfigSchema`: one FiLM switch of a WaveNet layer array (spec §2.3, §3.2). */
import { z } from "zod";
import { namCountSchema } from "./nam-count-schema.ts";
import { NAM_MAX_CHANNELS } from "./nam-limits.ts";

/** The eight FiLM keys of a layer array, in the order their weights are stored (spec §3.4). */
export const WAVENET_FILM_KEYS = [
  "conv_pre_film",
  "conv_post_film",
  "input_mixin_pre_film",
  "input_mixin_post_film",
  "activation_pre_film",
  "activation_post_film",
  "layer1x1_post_film",
  "head1x1_post_film",
] as const;

export type WaveNetFilmKey = (typeof WAVENET_FILM_KEYS)[number];

const filmObjectSchema = z.object({
  // Note the core's default: an object without "active" is ON (spec §3.2).
  active: z.boolean().default(true),
  shift: z.boolean().default(true),
  groups: namCountSchema(1, { max: NAM_MAX_CHANNELS, name: "NAM_MAX_CHANNELS", what: "groups" }).default(1),
});

/**
 * A FiLM switch: absent or `false` = off, or `{active (default true), shift (default true), groups (default 1)}`.
 * Always parsed to the object form, so `false` and absent become `{active: false, shift: true, groups: 1}`.
 * `true` and `null` are rejected (the core cannot read them: spec §9, JSON type errors).
 */
export const waveNetFilmConfigSchema = z
  .union([z.literal(false), filmObjectSchema])
  .optional()
  .transform((film) => (film === undefined || film === false ? { active: false, shift: true, groups: 1 } : film));

export type WaveNetFilmConfig = z.output<typeof waveNetFilmConfigSchema>;
