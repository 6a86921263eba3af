/**
 * @module What an upload may be, per asset kind. Every refusal quotes the limit it broke.
 */
import type { AssetKind } from "../contract/index.ts";

export interface AssetLimits {
  maxBytes: number;
  /** Longest audio accepted (null for captures). */
  maxDurationSeconds: number | null;
  /** Container formats accepted, by the name used in errors. */
  formats: readonly string[];
}

const MB = 1024 * 1024;

export const ASSET_LIMITS: Record<AssetKind, AssetLimits> = {
  di: { maxBytes: 200 * MB, maxDurationSeconds: 20 * 60, formats: ["WAV", "FLAC", "AIFF"] },
  capture: { maxBytes: 20 * MB, maxDurationSeconds: null, formats: [".nam"] },
  ir: { maxBytes: 20 * MB, maxDurationSeconds: 10, formats: ["WAV", "FLAC", "AIFF"] },
};

export const MAX_AUDIO_CHANNELS = 8;
export const MIN_SAMPLE_RATE_HZ = 8_000;
export const MAX_SAMPLE_RATE_HZ = 384_000;

export function formatBytes(bytes: number): string {
  return bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${bytes} bytes`;
}
