/** @module What a creator defines for a shootout: title, description, visibility, DI tracks, chains and arrangement. */
import { z } from "zod";
import { arrangementSchema, DEFAULT_ARRANGEMENT_INPUT } from "./arrangement.ts";
import { chainSchema } from "./chain.ts";
import { diTrackSchema } from "./di-track.ts";
import { boundedArray, boundedText, enumOf } from "./units.ts";

/** `unlisted` pages open for anyone with the link but are never listed or indexed. */
export const VISIBILITIES = ["private", "unlisted", "public"] as const;
export const visibilitySchema = enumOf("visibility", VISIBILITIES);
export type Visibility = z.infer<typeof visibilitySchema>;

export const MAX_TITLE_CHARS = 120;
export const MAX_DESCRIPTION_CHARS = 2000;
export const MAX_DI_TRACKS = 8;
/** A comparison needs at least two chains. */
export const MIN_CHAINS = 2;
/** Beyond eight chains the A/B video gets too long to compare by ear, and render cost grows with DIs × chains. */
export const MAX_CHAINS = 8;

export const shootoutTitleSchema = boundedText("title", 1, MAX_TITLE_CHARS);
export type ShootoutTitle = z.infer<typeof shootoutTitleSchema>;
export const shootoutDescriptionSchema = boundedText("description", 0, MAX_DESCRIPTION_CHARS).default("");
export type ShootoutDescription = z.infer<typeof shootoutDescriptionSchema>;

/** Chain names label the player's buttons and the video's cards, so two chains with one name could not be told apart. */
export const shootoutChainsSchema = boundedArray("chains", chainSchema, MIN_CHAINS, MAX_CHAINS, "chains").superRefine(
  (chains, ctx) => {
    const seen = new Map<string, number>();
    for (const [index, chain] of chains.entries()) {
      const key = chain.name.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [index, "name"],
          message: `chains[${index}].name "${chain.name}" repeats chains[${first}].name: chain names must be unique`,
          input: chain.name,
        });
      } else {
        seen.set(key, index);
      }
    }
  },
);
export type ShootoutChains = z.infer<typeof shootoutChainsSchema>;

/** A shootout as the creator defines it; `parse` fills every default (arrangement defaults to `ab`). */
export const shootoutSpecSchema = z.object({
  title: shootoutTitleSchema,
  description: shootoutDescriptionSchema,
  visibility: visibilitySchema.default("private"),
  diTracks: boundedArray("diTracks", diTrackSchema, 1, MAX_DI_TRACKS, "DI tracks"),
  chains: shootoutChainsSchema,
  arrangement: arrangementSchema.prefault(DEFAULT_ARRANGEMENT_INPUT),
});
export type ShootoutSpec = z.infer<typeof shootoutSpecSchema>;
/** What a client may send: defaulted fields are optional. */
export type ShootoutSpecInput = z.input<typeof shootoutSpecSchema>;
