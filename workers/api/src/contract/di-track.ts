/** @module A DI track of a shootout: the DI asset, which channel to use, and optional riff regions (sorted, non-overlapping). */
import { z } from "zod";
import { assetIdSchema, boundedArray, enumOf, formatNumber, positiveNumber, rangedNumber } from "./units.ts";

/** Which channel of the DI file feeds the chains; `mono` sums the channels. */
export const DI_CHANNELS = ["left", "right", "mono"] as const;
export type DiChannel = (typeof DI_CHANNELS)[number];

/** Most riff regions per DI; the `ab` arrangement plays each riff through every chain, so this bounds program length. */
export const MAX_RIFFS_PER_DI = 16;

/** A region of the DI, in seconds from its start; the end is exclusive. */
export const riffSchema = z
  .object({
    startSeconds: rangedNumber("startSeconds", 0, Number.POSITIVE_INFINITY, "s"),
    endSeconds: positiveNumber("endSeconds", "s"),
  })
  .superRefine((riff, ctx) => {
    if (riff.endSeconds <= riff.startSeconds) {
      ctx.addIssue({
        code: "custom",
        path: ["endSeconds"],
        message: `endSeconds must be after startSeconds (${formatNumber(riff.startSeconds)} s)`,
        input: riff.endSeconds,
      });
    }
  });
export type Riff = z.infer<typeof riffSchema>;

/** Riffs in time order, touching allowed, overlap not: the arrangement and the cue list assume one riff at a time. */
export const riffListSchema = boundedArray("riffs", riffSchema, 0, MAX_RIFFS_PER_DI, "riffs").superRefine(
  (riffs, ctx) => {
    for (let i = 1; i < riffs.length; i++) {
      const previous = riffs[i - 1];
      const current = riffs[i];
      if (previous === undefined || current === undefined) continue;
      if (current.startSeconds < previous.endSeconds) {
        ctx.addIssue({
          code: "custom",
          path: [i, "startSeconds"],
          message:
            `riffs[${i}] starts at ${formatNumber(current.startSeconds)} s, before riffs[${i - 1}] ends at ` +
            `${formatNumber(previous.endSeconds)} s: riffs must be sorted and must not overlap`,
          input: current.startSeconds,
        });
      }
    }
  },
);
export type RiffList = z.infer<typeof riffListSchema>;

/** A DI track; no riffs means the whole DI is one segment. */
export const diTrackSchema = z.object({
  assetId: assetIdSchema,
  channel: enumOf("channel", DI_CHANNELS).default("left"),
  riffs: riffListSchema.default([]),
});
export type DiTrack = z.infer<typeof diTrackSchema>;
export type DiTrackInput = z.input<typeof diTrackSchema>;

/**
 * Checks riffs against the DI's real duration, which only the api (after decoding the asset) and the render node know.
 * Returns null when every riff ends within the DI, else a message naming the first riff that does not.
 */
export function checkRiffsWithinDuration(
  riffs: readonly Pick<Riff, "startSeconds" | "endSeconds">[],
  durationSeconds: number,
): string | null {
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) {
    return `the DI's duration must be a positive number of seconds, got ${String(durationSeconds)}`;
  }
  for (const [index, riff] of riffs.entries()) {
    if (riff.endSeconds > durationSeconds) {
      return (
        `riffs[${index}] ends at ${formatNumber(riff.endSeconds)} s, after the DI ends at ` +
        `${formatNumber(durationSeconds)} s`
      );
    }
  }
  return null;
}
