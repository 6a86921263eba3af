/** @module `roundsOfCues`: the round (0-based) of each cue, for the "Riff 2 · Round 1" label. */
import type { Cue } from "@gts/api/contract";

/** The n-th time a chain plays the same riff of the same DI is round n; the cue list itself has no round field. */
export function roundsOfCues(cues: readonly Cue[]): number[] {
  const seen = new Map<string, number>();
  return cues.map((cue) => {
    const key = `${cue.diIndex}:${cue.riffIndex ?? -1}:${cue.chainIndex}`;
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    return round;
  });
}
