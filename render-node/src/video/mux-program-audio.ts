/**
 * @module `muxProgramAudio`: puts the program WAV under a silent video as AAC-LC, moov first. We mux ourselves because
 * Remotion's AAC path (raw ADTS, copied into the MP4) carries no edit list: its audio plays 2048 samples late.
 * ffmpeg's MP4 muxer records the encoder delay, so the decoded audio lines up with the program sample for sample.
 */
import { findFfmpeg } from "./find-ffmpeg.ts";
import { runTool } from "./run-tool.ts";
import { YOUTUBE_ENCODING } from "./youtube-encoding.ts";

export async function muxProgramAudio(options: {
  videoPath: string;
  programWavPath: string;
  outPath: string;
  /** Cut the audio here (the short plays only the start of the program); absent: the whole program. */
  durationSeconds?: number;
}): Promise<void> {
  const e = YOUTUBE_ENCODING;
  await runTool(findFfmpeg("ffmpeg"), [
    ...["-v", "error", "-y", "-i", options.videoPath, "-i", options.programWavPath],
    ...["-map", "0:v:0", "-map", "1:a:0", "-c:v", "copy"],
    ...["-c:a", "aac", "-profile:a", "aac_low", "-b:a", e.audioBitrate],
    ...["-ar", String(e.audioSampleRateHz), "-ac", String(e.audioChannels)],
    ...(options.durationSeconds === undefined ? [] : ["-t", options.durationSeconds.toFixed(6)]),
    ...["-movflags", "+faststart", options.outPath],
  ]);
}
