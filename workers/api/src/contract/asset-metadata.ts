/**
 * @module What the api records about an asset's content when it is uploaded: audio facts for DIs and IRs, the
 * validated `.nam` facts for captures. Stored in `assets.metadata` and shown in the library.
 */
import { z } from "zod";
import { namModelFactsSchema } from "./nam/index.ts";

export const AUDIO_FORMATS = ["wav-pcm", "wav-float", "flac", "aiff", "mp3"] as const;

/** Buckets in the waveform summary the api computes for PCM WAV and AIFF uploads. */
export const WAVEFORM_BUCKETS = 120;
/** The most buckets a stored waveform summary may hold (room to change {@link WAVEFORM_BUCKETS} later). */
export const MAX_WAVEFORM_BUCKETS = 256;

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
  /**
   * A thumbnail of the audio: the file's frames split evenly in time into {@link WAVEFORM_BUCKETS} buckets, each the
   * largest absolute sample over all its frames and channels, linear, full scale = 1 (float samples over full scale
   * are clipped to 1), rounded to 3 decimals. Absent for FLAC (the api does not decode FLAC frames) and for assets
   * uploaded before it existed.
   */
  waveform: z.array(z.number().min(0).max(1)).min(1).max(MAX_WAVEFORM_BUCKETS).optional(),
});
export type AudioMetadata = z.infer<typeof audioMetadataSchema>;

export const captureMetadataSchema = z.object({
  kind: z.literal("capture"),
  facts: namModelFactsSchema,
});
export type CaptureMetadata = z.infer<typeof captureMetadataSchema>;

export const assetMetadataSchema = z.discriminatedUnion("kind", [audioMetadataSchema, captureMetadataSchema]);
export type AssetMetadata = z.infer<typeof assetMetadataSchema>;
