/** @module `cueIndexAt`: which cue plays at a time, by binary search over the sorted, non-overlapping cue list. */
import type { Cue } from "@gts/api/contract";

/**
 * Index of the cue playing at `timeSeconds` (start inclusive, end exclusive). In a gap between cues, or after the
 * last, the previous cue stays active so the highlight never blinks off; before the first cue, the first.
 */
export function cueIndexAt(cues: readonly Pick<Cue, "startSeconds">[], timeSeconds: number): number {
  let low = 0;
  let high = cues.length - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((cues[middle]?.startSeconds ?? 0) <= timeSeconds) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
