/** @module `shortDurationSeconds`: how much of the program the vertical short plays (at most 60 s). */
import type { Cue } from "@gts/api/contract";
import { SHORT_MAX_SECONDS } from "../Shootout/constants.ts";

/** The whole program if it fits; else the first riff's cues (all chains, all rounds) if they fit; else 60 s. */
export function shortDurationSeconds(cues: readonly Cue[], durationSeconds: number): number {
  if (durationSeconds <= SHORT_MAX_SECONDS) return durationSeconds;
  const first = cues[0];
  if (first === undefined) return SHORT_MAX_SECONDS;
  let end = first.endSeconds;
  for (const cue of cues) {
    if (cue.diIndex !== first.diIndex || cue.riffIndex !== first.riffIndex) break;
    end = cue.endSeconds;
  }
  return Math.min(end, SHORT_MAX_SECONDS);
}
