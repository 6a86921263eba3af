/** @module The manifest of a finished render: its artifacts, the cue list (time → chain, DI, riff) and per-segment loudness. */
import { z } from "zod";
import { artifactKindSchema, PER_CHAIN_ARTIFACT_KINDS } from "./artifact-kind.ts";
import { segmentLoudnessSchema } from "./segment-loudness.ts";
import {
  fileName,
  formatNumber,
  isoDateTimeSchema,
  rangedInt,
  rangedNumber,
  renderIdSchema,
  sha256Hex,
  sha256HexSchema,
  typeError,
} from "./units.ts";

/** Artifact names become object keys (render id + name), so they are bare file names, e.g. "video.mp4", "stem-2.wav". */
export const artifactNameSchema = fileName("name");
export type ArtifactName = z.infer<typeof artifactNameSchema>;

/** A MIME type such as "video/mp4" or "audio/wav", without parameters. */
export const contentTypeSchema = z
  .string({ error: typeError("contentType", "a string") })
  .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i, {
    error: 'contentType must be a MIME type such as "video/mp4"',
  })
  .toLowerCase();
export type ContentType = z.infer<typeof contentTypeSchema>;

/** One uploaded file of a render; `chainIndex` says which chain a per-chain file (a stem, a listening stem) belongs to. */
export const artifactSchema = z
  .object({
    name: artifactNameSchema,
    kind: artifactKindSchema,
    contentType: contentTypeSchema,
    bytes: rangedInt("bytes", 0),
    sha256: sha256HexSchema,
    chainIndex: rangedInt("chainIndex", 0).optional(),
  })
  .superRefine((artifact, ctx) => {
    if (PER_CHAIN_ARTIFACT_KINDS.includes(artifact.kind) && artifact.chainIndex === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["chainIndex"],
        message: `chainIndex is required for a ${artifact.kind === "stem" ? "stem" : "listening stem"}`,
        input: artifact,
      });
    }
  });
export type Artifact = z.infer<typeof artifactSchema>;

/** One span of the program: which DI (and riff) through which chain is playing. Times are program seconds. */
export const cueSchema = z
  .object({
    startSeconds: rangedNumber("startSeconds", 0, Number.POSITIVE_INFINITY, "s"),
    endSeconds: rangedNumber("endSeconds", 0, Number.POSITIVE_INFINITY, "s"),
    chainIndex: rangedInt("chainIndex", 0),
    diIndex: rangedInt("diIndex", 0),
    riffIndex: rangedInt("riffIndex", 0).optional(),
  })
  .superRefine((cue, ctx) => {
    if (cue.endSeconds <= cue.startSeconds) {
      ctx.addIssue({
        code: "custom",
        path: ["endSeconds"],
        message: `endSeconds must be after startSeconds (${formatNumber(cue.startSeconds)} s)`,
        input: cue.endSeconds,
      });
    }
  });
export type Cue = z.infer<typeof cueSchema>;

/** Cues in time order without overlap, so the video and the player find "what plays at t" with one binary search. */
export const cueListSchema = z.array(cueSchema, { error: typeError("cues", "an array") }).superRefine((cues, ctx) => {
  for (let i = 1; i < cues.length; i++) {
    const previous = cues[i - 1];
    const current = cues[i];
    if (previous === undefined || current === undefined) continue;
    if (current.startSeconds < previous.endSeconds) {
      ctx.addIssue({
        code: "custom",
        path: [i, "startSeconds"],
        message:
          `cues[${i}] starts at ${formatNumber(current.startSeconds)} s, before cues[${i - 1}] ends at ` +
          `${formatNumber(previous.endSeconds)} s: cues must be sorted and must not overlap`,
        input: current.startSeconds,
      });
    }
  }
});
export type CueList = z.infer<typeof cueListSchema>;

/** Everything a finished render produced. Names are unique because each names one stored object. */
export const artifactManifestSchema = z.object({
  renderId: renderIdSchema,
  specHash: sha256Hex("specHash"),
  createdAt: isoDateTimeSchema("createdAt"),
  artifacts: z.array(artifactSchema, { error: typeError("artifacts", "an array") }).superRefine((artifacts, ctx) => {
    const seen = new Map<string, number>();
    for (const [index, artifact] of artifacts.entries()) {
      const first = seen.get(artifact.name);
      if (first === undefined) {
        seen.set(artifact.name, index);
        continue;
      }
      ctx.addIssue({
        code: "custom",
        path: [index, "name"],
        message: `artifacts[${index}].name "${artifact.name}" repeats artifacts[${first}].name: names must be unique`,
        input: artifact.name,
      });
    }
  }),
  cues: cueListSchema,
  /** One entry per (DI, chain) segment. */
  loudness: z.array(segmentLoudnessSchema, { error: typeError("loudness", "an array") }).superRefine((entries, ctx) => {
    const seen = new Set<string>();
    for (const [index, entry] of entries.entries()) {
      const key = `${entry.diIndex}:${entry.chainIndex}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: [index],
          message: `loudness[${index}] repeats diIndex ${entry.diIndex} with chainIndex ${entry.chainIndex}: one entry per segment`,
          input: entry,
        });
      }
      seen.add(key);
    }
  }),
});
export type ArtifactManifest = z.infer<typeof artifactManifestSchema>;
