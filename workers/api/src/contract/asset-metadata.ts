/**
 * @module What the api records about an asset's content when it is uploaded: audio facts for DIs and IRs, the
 * validated `.nam` facts for captures. Stored in `assets.metadata` and shown in the library.
 */
import { z } from "zod";
import { namModelFactsSchema } from "./nam/index.ts";

export const AUDIO_FORMATS = ["wav-pcm", "wav-float", "flac", "aiff", "mp3"] as const;

export const audioMetadataSchema = z.object({
  kind: z.literal("audio"),
  format: z.enum(AUDIO_FORMATS),
  /** Bits per sample of the stored file (null for MP3). */
  bitDepth: z.number().int().positive().nullable(),
  sampleRateHz: z.number().int().positive(),
  channels: z.number().int().positive(),
  durationSeconds: z.number().nonnegative(),
  /** Sample peak over all channels; null for digital silence. */
  peakDbfs: z.number().nullable(),
});
export type AudioMetadata = z.infer<typeof audioMetadataSchema>;

export const captureMetadataSchema = z.object({
  kind: z.literal("capture"),
  facts: namModelFactsSchema,
});
export type CaptureMetadata = z.infer<typeof captureMetadataSchema>;

export const assetMetadataSchema = z.discriminatedUnion("kind", [audioMetadataSchema, captureMetadataSchema]);
export type AssetMetadata = z.infer<typeof assetMetadataSchema>;
