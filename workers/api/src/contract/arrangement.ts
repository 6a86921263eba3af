/** @module How segments are arranged into the program (`ab` riff rounds or `full` takes) and the loudness every segment is matched to. */
import { z } from "zod";
import { defaultedNumber, rangedInt, withoutDefaults } from "./units.ts";

/** The arrangement modes: `ab` plays the same riff chain after chain; `full` plays each segment whole. */
export const ARRANGEMENT_MODES = ["ab", "full"] as const;
export type ArrangementMode = (typeof ARRANGEMENT_MODES)[number];

/** Limits and defaults, as data for the app's controls. */
export const ARRANGEMENT_LIMITS = {
  // -14 LUFS integrated is YouTube's reference; BS.1770 measurement, so matching is fair between chains.
  loudnessTargetLufs: { min: -30, max: -6, default: -14 },
  truePeakCeilingDbtp: { min: -6, max: 0, default: -1 },
  // Long enough to hear the tone, short enough that the ear still remembers the previous chain.
  riffSeconds: { min: 3, max: 5, default: 4 },
  rounds: { min: 1, max: 4, default: 2 },
  // Short equal-power crossfades hide the edit without smearing two chains together.
  crossfadeMs: { min: 0, max: 50, default: 10 },
  gapSeconds: { min: 0, max: 5, default: 1 },
} as const;

const L = ARRANGEMENT_LIMITS;

/** Loudness settings shared by both modes (kept in the same object so one parse resolves them all). */
const loudnessShape = {
  loudnessTargetLufs: defaultedNumber("loudnessTargetLufs", L.loudnessTargetLufs, "LUFS"),
  truePeakCeilingDbtp: defaultedNumber("truePeakCeilingDbtp", L.truePeakCeilingDbtp, "dBTP"),
};

/** Same riff, chain after chain, sample-aligned, repeated for `rounds`. */
export const abArrangementSchema = z.object({
  mode: z.literal("ab"),
  riffSeconds: defaultedNumber("riffSeconds", L.riffSeconds, "s"),
  rounds: rangedInt("rounds", L.rounds.min, L.rounds.max).default(L.rounds.default),
  crossfadeMs: defaultedNumber("crossfadeMs", L.crossfadeMs, "ms"),
  ...loudnessShape,
});
export type AbArrangement = z.infer<typeof abArrangementSchema>;

/** Each segment whole, separated by `gapSeconds` of silence. */
export const fullArrangementSchema = z.object({
  mode: z.literal("full"),
  gapSeconds: defaultedNumber("gapSeconds", L.gapSeconds, "s"),
  ...loudnessShape,
});
export type FullArrangement = z.infer<typeof fullArrangementSchema>;

/** Either mode, chosen by `mode`; `parse({ mode: "ab" })` fills every default. */
export const arrangementSchema = z.discriminatedUnion("mode", [abArrangementSchema, fullArrangementSchema], {
  error: `mode must be one of: ${ARRANGEMENT_MODES.join(", ")}`,
});
export type Arrangement = z.infer<typeof arrangementSchema>;
export type ArrangementInput = z.input<typeof arrangementSchema>;

/** What a shootout gets when it names no arrangement. */
export const DEFAULT_ARRANGEMENT_INPUT = { mode: "ab" } as const satisfies ArrangementInput;

/** An arrangement with every default already resolved: what a render spec carries, so a node never fills its own defaults. */
export const resolvedArrangementSchema = z.discriminatedUnion(
  "mode",
  [withoutDefaults(abArrangementSchema), withoutDefaults(fullArrangementSchema)],
  { error: `mode must be one of: ${ARRANGEMENT_MODES.join(", ")}` },
);
export type ResolvedArrangement = z.infer<typeof resolvedArrangementSchema>;
