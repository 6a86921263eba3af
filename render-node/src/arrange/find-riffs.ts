/** @module Finds riff regions in a DI when the creator marked none: phrase starts after silences, else consecutive windows. */
import type { Riff } from "@gts/api/contract";

/** Analysis frame: 10 ms, fine enough for a pick attack, coarse enough to ignore a single cycle of a low E. */
const FRAME_SECONDS = 0.01;
/** A frame is "playing" above peak − 40 dB: DI hiss sits lower, a palm-muted chug well above. */
const ACTIVITY_BELOW_PEAK_DB = 40;
/** Silence this long before a note makes it a phrase start. */
const PHRASE_GAP_SECONDS = 0.15;
/** Start this early before the onset, so the attack is not cut (and the crossfade lands before it). */
const PRE_ROLL_SECONDS = 0.03;

/** Most riffs found automatically per DI: riffs × rounds × chains × riffSeconds is the program length. */
export const MAX_AUTO_RIFFS = 3;

/**
 * Returns up to `maxRiffs` non-overlapping regions of `riffSeconds` (shorter only at the DI's end) in a mono DI.
 * Phrase starts (a note after ≥ 150 ms of silence) are preferred; when the DI never pauses, windows are laid back to
 * back from the first note. A silent DI yields no riffs.
 */
export function findRiffs(
  di: Float32Array,
  sampleRateHz: number,
  riffSeconds: number,
  maxRiffs = MAX_AUTO_RIFFS,
): Riff[] {
  const frame = Math.max(1, Math.round(FRAME_SECONDS * sampleRateHz));
  const frames = Math.floor(di.length / frame);
  const levels = new Float64Array(frames);
  let peak = 0;
  for (let f = 0; f < frames; f++) {
    let max = 0;
    for (let i = f * frame; i < (f + 1) * frame; i++) max = Math.max(max, Math.abs(di[i] as number));
    levels[f] = max;
    peak = Math.max(peak, max);
  }
  if (peak === 0) return [];
  const threshold = peak * 10 ** (-ACTIVITY_BELOW_PEAK_DB / 20);
  const gapFrames = Math.round(PHRASE_GAP_SECONDS / FRAME_SECONDS);
  const durationSeconds = di.length / sampleRateHz;
  const onsets: number[] = [];
  let quietFrames = gapFrames;
  for (let f = 0; f < frames; f++) {
    if ((levels[f] as number) >= threshold) {
      if (quietFrames >= gapFrames) onsets.push(Math.max(0, f * FRAME_SECONDS - PRE_ROLL_SECONDS));
      quietFrames = 0;
    } else {
      quietFrames++;
    }
  }
  const riffs: Riff[] = [];
  const take = (startSeconds: number) => {
    const endSeconds = Math.min(durationSeconds, startSeconds + riffSeconds);
    if (endSeconds - startSeconds >= Math.min(1, riffSeconds)) riffs.push({ startSeconds, endSeconds });
  };
  for (const onset of onsets) {
    if (riffs.length >= maxRiffs) break;
    const last = riffs.at(-1);
    if (last === undefined || onset >= last.endSeconds) take(onset);
  }
  // No pauses at all (one phrase): fill back to back from the first note.
  while (onsets.length === 1 && riffs.length > 0 && riffs.length < maxRiffs) {
    const last = riffs.at(-1) as Riff;
    if (durationSeconds - last.endSeconds < riffSeconds) break;
    take(last.endSeconds);
  }
  return riffs;
}
