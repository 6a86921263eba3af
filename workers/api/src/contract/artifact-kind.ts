/** @module The kinds of file a render produces (shared by the artifact manifest and the `artifact` progress event). */
import type { z } from "zod";
import { enumOf } from "./units.ts";

/**
 * 16:9 MP4, optional 9:16 short, thumbnail, program WAV, per-chain stems (float WAV, the downloads), loudness report,
 * manifest, cue list, and per-chain listening stems (the same audio as 24-bit FLAC, which the share page plays;
 * renders made before they existed have none, and the player falls back to the stems). New kinds go at the end.
 */
export const ARTIFACT_KINDS = [
  "video",
  "video-short",
  "thumbnail",
  "program-wav",
  "stem",
  "loudness-report",
  "manifest",
  "cue-list",
  "listen-stem",
] as const;

export const artifactKindSchema = enumOf("kind", ARTIFACT_KINDS);
export type ArtifactKind = z.infer<typeof artifactKindSchema>;

/** Kinds of which a render has one per chain: each such artifact names its chain (`chainIndex`). */
export const PER_CHAIN_ARTIFACT_KINDS: readonly ArtifactKind[] = ["stem", "listen-stem"];
