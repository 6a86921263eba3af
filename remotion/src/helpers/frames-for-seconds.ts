/** @module `framesForSeconds`: a duration in whole frames, rounded up so no audio falls off the end. */

/** A thousandth of a frame of slack keeps 6.0000001 s from becoming an extra frame at 30 fps. */
export function framesForSeconds(seconds: number, fps: number): number {
  return Math.max(1, Math.ceil(seconds * fps - 1e-3));
}
