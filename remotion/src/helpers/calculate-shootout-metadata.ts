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

/** Frame rate and length of a video: drawn at `drawFps` (the output is always {@link FPS}; see the prop). */
export interface VideoTiming {
  fps: number;
  durationInFrames: number;
}

export function shootoutTiming(props: ShootoutProps): VideoTiming {
  const fps = props.drawFps ?? FPS;
  return { fps, durationInFrames: framesForSeconds(programSeconds(props), fps) };
}

export function shortTiming(props: ShootoutProps): VideoTiming {
  const fps = props.drawFps ?? FPS;
  return { fps, durationInFrames: framesForSeconds(shortDurationSeconds(props.cues, programSeconds(props)), fps) };
}

export const calculateShootoutMetadata: CalculateMetadataFunction<ShootoutProps> = ({ props }) => shootoutTiming(props);

export const calculateShortMetadata: CalculateMetadataFunction<ShootoutProps> = ({ props }) => shortTiming(props);
