/** @module `riffStarts`: where each riff (DI and riff index) first starts in the program: the chapter points. */
import type { Cue } from "@gts/api/contract";

export interface RiffStart {
  startSeconds: number;
  diIndex: number;
  /** Absent for a `full` arrangement, where a DI plays whole. */
  riffIndex?: number;
  /** Label such as "Riff 2" or "DI 2 · Riff 1" (the DI only named when there are several). */
  label: string;
}

export function riffStarts(cues: readonly Cue[]): RiffStart[] {
  const multipleDis = cues.some((cue) => cue.diIndex > 0);
  const starts: RiffStart[] = [];
  let previousKey = "";
  for (const cue of cues) {
    const key = `${cue.diIndex}:${cue.riffIndex ?? -1}`;
    if (key === previousKey) continue;
    previousKey = key;
    const parts = [];
    if (multipleDis || cue.riffIndex === undefined) parts.push(`DI ${cue.diIndex + 1}`);
    if (cue.riffIndex !== undefined) parts.push(`Riff ${cue.riffIndex + 1}`);
    starts.push({
      startSeconds: cue.startSeconds,
      diIndex: cue.diIndex,
      ...(cue.riffIndex === undefined ? {} : { riffIndex: cue.riffIndex }),
      label: parts.join(" · "),
    });
  }
  return starts;
}
