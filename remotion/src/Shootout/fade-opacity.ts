/** @module `fadeOpacity`: a card's opacity over its window, fading in and out over `FADE_SECONDS`. */
import { interpolate } from "remotion";
import { FADE_SECONDS } from "./constants.ts";

/** Windows shorter than two fades (a short program, or few drawn frames) fade over half their length each way. */
export function fadeOpacity(frame: number, durationInFrames: number, fps: number, fadeIn = true): number {
  if (durationInFrames < 3) return 1;
  const fade = Math.max(1, Math.min(Math.round(FADE_SECONDS * fps), Math.floor((durationInFrames - 1) / 2)));
  const clamp = { extrapolateLeft: "clamp", extrapolateRight: "clamp" } as const;
  return fadeIn
    ? interpolate(frame, [0, fade, durationInFrames - fade, durationInFrames], [0, 1, 1, 0], clamp)
    : interpolate(frame, [durationInFrames - fade, durationInFrames], [1, 0], clamp);
}
