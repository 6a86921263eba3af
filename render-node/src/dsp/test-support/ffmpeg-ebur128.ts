/** @module Test helper: runs Debian ffmpeg's `ebur128` filter on a file and parses its summary (the loudness reference). */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** The ffmpeg that CI installs; tests that need it skip where it is absent. */
export const FFMPEG_PATH = "/usr/bin/ffmpeg";
export const hasFfmpeg: boolean = existsSync(FFMPEG_PATH);

/** ffmpeg's summary figures (it prints one decimal). */
export interface FfmpegLoudness {
  integratedLufs: number;
  lraLu: number;
  truePeakDbtp: number;
}

function field(summary: string, label: string, path: string): number {
  const match = new RegExp(`${label}:\\s+(-?(?:\\d+\\.\\d+|inf))`).exec(summary);
  if (match?.[1] === undefined) throw new Error(`ffmpeg ebur128 on ${path}: no "${label}" in its summary`);
  return match[1] === "-inf" ? Number.NEGATIVE_INFINITY : Number(match[1]);
}

/** `ffmpeg -nostats -i FILE -af ebur128=peak=true -f null -` (per-frame log off), summary parsed. */
export function ffmpegEbur128(path: string): FfmpegLoudness {
  const result = spawnSync(
    FFMPEG_PATH,
    ["-hide_banner", "-nostats", "-i", path, "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-"],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`ffmpeg ebur128 on ${path} failed: ${result.stderr.slice(-500)}`);
  const summary = result.stderr.slice(result.stderr.lastIndexOf("Summary:"));
  return {
    integratedLufs: field(summary, "I", path),
    lraLu: field(summary, "LRA", path),
    truePeakDbtp: field(summary, "Peak", path),
  };
}
