/** @module `calculateMetadata` of both videos: the length comes from the program audio (and the short's 60 s cap). */
import type { CalculateMetadataFunction } from "remotion";
import { FPS } from "../Shootout/constants.ts";
import type { ShootoutProps } from "../shootout-props.ts";
import { framesForSeconds } from "./frames-for-seconds.ts";
import { shortDurationSeconds } from "./short-duration-seconds.ts";

/** The program's length: the measured audio duration, never shorter than the last cue. */
export function programSeconds(props: ShootoutProps): number {
  return Math.max(props.durationSeconds, props.cues.at(-1)?.endSeconds ?? 0);
}

/** Drawn at `drawFps` (the output is always {@link FPS}; see the prop). */
export const calculateShootoutMetadata: CalculateMetadataFunction<ShootoutProps> = ({ props }) => ({
  fps: props.drawFps ?? FPS,
  durationInFrames: framesForSeconds(programSeconds(props), props.drawFps ?? FPS),
});

export const calculateShortMetadata: CalculateMetadataFunction<ShootoutProps> = ({ props }) => ({
  fps: props.drawFps ?? FPS,
  durationInFrames: framesForSeconds(shortDurationSeconds(props.cues, programSeconds(props)), props.drawFps ?? FPS),
});
