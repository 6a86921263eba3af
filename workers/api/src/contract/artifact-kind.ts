/** @module The kinds of file a render produces (shared by the artifact manifest and the `artifact` progress event). */
import type { z } from "zod";
import { enumOf } from "./units.ts";

/** 16:9 MP4, optional 9:16 short, thumbnail, program WAV, per-chain stems, loudness report, manifest and cue list. */
export const ARTIFACT_KINDS = [
  "video",
  "video-short",
  "thumbnail",
  "program-wav",
  "stem",
  "loudness-report",
  "manifest",
  "cue-list",
] as const;

export const artifactKindSchema = enumOf("kind", ARTIFACT_KINDS);
export type ArtifactKind = z.infer<typeof artifactKindSchema>;
