/** @module `namModelFactsSchema`: what we derive from a validated `.nam` file (stored in the DB, sent by the API). */
import { z } from "zod";
import { NAM_ARCHITECTURES } from "./nam-model-schema.ts";

/** How the core runs the model (spec §1.3): WaveNet family, or the other architectures. */
export const NAM_MODEL_VARIANTS = [
  "wavenet",
  "a2",
  "slimmable-wavenet",
  "lstm",
  "convnet",
  "linear",
  "slimmable-container",
] as const;
export type NamModelVariant = (typeof NAM_MODEL_VARIANTS)[number];

/**
 * Known WaveNet sizes: the trainer presets (spec §3.6, matched on shape, any activation), the two A2 sizes (spec §3.9),
 * or `custom` for any other WaveNet. `null` for LSTM, ConvNet and Linear.
 */
export const NAM_SIZE_PRESETS = ["standard", "lite", "feather", "nano", "a2-lite", "a2-full", "custom"] as const;
export type NamSizePreset = (typeof NAM_SIZE_PRESETS)[number];

const nullableText = z.string().nullable();
const nullableNumber = z.number().nullable();

export const namModelFactsSchema = z.object({
  architecture: z.enum(NAM_ARCHITECTURES),
  variant: z.enum(NAM_MODEL_VARIANTS),
  /** For a container: the default (last) submodel's preset. */
  sizePreset: z.enum(NAM_SIZE_PRESETS).nullable(),
  /** P (spec §3.5); a container's default submodel's. */
  receptiveFieldSamples: z.number().int().positive(),
  /** Parameters the default model computes with (see `namWeightCount`). */
  weightCount: z.number().int().nonnegative(),
  /** Training sample rate; `null` = unknown (the plugin then assumes 48 kHz, spec §8.3). */
  sampleRateHz: z.number().positive().nullable(),
  /** `metadata.loudness`, dB. */
  loudnessDb: nullableNumber,
  inputLevelDbu: nullableNumber,
  outputLevelDbu: nullableNumber,
  /** `metadata.training.validation_esr` (error-to-signal ratio on the validation split). */
  validationEsr: nullableNumber,
  modeledBy: nullableText,
  gearType: nullableText,
  gearMake: nullableText,
  gearModel: nullableText,
  toneType: nullableText,
  name: nullableText,
  /**
   * Sizes a host can select: for a SlimmableContainer its `max_value`s; for a slimmable WaveNet the allowed widths of
   * each layer array (a non-slimmable array lists only its `channels`); otherwise `null`.
   */
  slimmableSizes: z.union([z.array(z.number()), z.array(z.array(z.number().int().positive()))]).nullable(),
  /** The top-level `version` string. */
  fileVersion: z.string(),
});

export type NamModelFacts = z.output<typeof namModelFactsSchema>;
