/**
 * @module Video benchmark (`node render-node/bench/bench-video.ts`): renders a 60 s, three-chain A/B program's 16:9
 * video (1920×1080, 30 fps) with renderComparison, then in the same run the lower bound the seed used: one still card
 * per segment (cue), muxed with the same audio by ffmpeg. Prints each figure; the last line is one JSON object.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { renderStill, selectComposition } from "@remotion/renderer";
import { shootoutPropsSchema } from "../../remotion/src/shootout-props.ts";
import { encodeWav } from "../src/dsp/encode-wav.ts";
import { bundleCompositions } from "../src/video/bundle-compositions.ts";
import { findChromium } from "../src/video/find-chromium.ts";
import { findFfmpeg } from "../src/video/find-ffmpeg.ts";
import { renderComparison } from "../src/video/render-comparison.ts";
import { runTool } from "../src/video/run-tool.ts";
import { makeTestShootout } from "../src/video/test-support/make-test-shootout.ts";
import { YOUTUBE_ENCODING } from "../src/video/youtube-encoding.ts";

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;
const seconds = (since: number) => (performance.now() - since) / 1000;

const dir = mkdtempSync(join(tmpdir(), "gts-bench-video-"));
try {
  const shootout = makeTestShootout({ chainCount: 3, cueSeconds: 4, cueCount: 15 });
  const programPath = join(dir, "program.wav");
  writeFileSync(programPath, encodeWav(shootout.program, shootout.sampleRateHz));
  const loadBefore = loadavg()[0] ?? 0;

  let t0 = performance.now();
  const serveUrl = await bundleCompositions();
  const bundleSeconds = seconds(t0);
  console.log(`bundle (cached per source hash): ${bundleSeconds.toFixed(1)} s`);

  t0 = performance.now();
  const video = await renderComparison({
    props: shootout.props,
    programWavPath: programPath,
    outPath: join(dir, "video.mp4"),
  });
  const videoWallSeconds = seconds(t0);
  const videoFps = video.durationInFrames / videoWallSeconds;
  console.log(
    `video: ${video.durationInFrames} frames (${video.drawnFrames} drawn) of ${shootout.durationSeconds} s in ` +
      `${videoWallSeconds.toFixed(1)} s = ${videoFps.toFixed(1)} fps, ${(videoWallSeconds / shootout.durationSeconds).toFixed(2)}× the duration`,
  );

  // Lower bound: the seed's slideshow, one still per segment (drawn by the same compositions) and ffmpeg.
  t0 = performance.now();
  const chromium = findChromium();
  const inputProps = shootoutPropsSchema.parse({ ...shootout.props, audioSrc: null });
  const common = {
    serveUrl,
    inputProps,
    browserExecutable: chromium.executable,
    chromeMode: chromium.chromeMode,
    chromiumOptions: { gl: "angle" },
    logLevel: "error",
  } as const;
  const composition = await selectComposition({ ...common, id: "Shootout" });
  const lines: string[] = [];
  for (const [index, cue] of shootout.props.cues.entries()) {
    const still = join(dir, `still-${index}.png`);
    const frame = Math.round(((cue.startSeconds + cue.endSeconds) / 2) * composition.fps);
    await renderStill({ ...common, composition, frame, output: still, imageFormat: "png" });
    lines.push(`file '${still}'`, `duration ${cue.endSeconds - cue.startSeconds}`);
  }
  const stillsSeconds = seconds(t0);
  writeFileSync(join(dir, "stills.txt"), `${lines.join("\n")}\n`);
  const e = YOUTUBE_ENCODING;
  const t1 = performance.now();
  await runTool(findFfmpeg("ffmpeg"), [
    ...["-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", join(dir, "stills.txt"), "-i", programPath],
    ...[
      "-map",
      "0:v",
      "-map",
      "1:a",
      "-r",
      String(e.fps),
      "-c:v",
      "libx264",
      "-preset",
      e.x264Preset,
      "-crf",
      String(e.crf),
    ],
    ...["-profile:v", "high", "-pix_fmt", "yuv420p", "-g", String(e.gopFrames)],
    ...["-c:a", "aac", "-b:a", e.audioBitrate, "-ar", String(e.audioSampleRateHz), "-shortest"],
    ...["-movflags", "+faststart", join(dir, "slideshow.mp4")],
  ]);
  const muxSeconds = seconds(t1);
  const lowerBoundWallSeconds = stillsSeconds + muxSeconds;
  console.log(
    `lower bound (${shootout.props.cues.length} stills + ffmpeg): ${lowerBoundWallSeconds.toFixed(1)} s ` +
      `(stills ${stillsSeconds.toFixed(1)} s, mux ${muxSeconds.toFixed(1)} s) = ` +
      `${(lowerBoundWallSeconds / shootout.durationSeconds).toFixed(2)}× the duration`,
  );
  console.log(`ratio video / lower bound: ${(videoWallSeconds / lowerBoundWallSeconds).toFixed(2)}`);
  console.log(
    JSON.stringify({
      programSeconds: shootout.durationSeconds,
      widthPx: video.widthPx,
      heightPx: video.heightPx,
      outputFps: video.fps,
      drawFps: video.drawnFrames / shootout.durationSeconds,
      outputFrames: video.durationInFrames,
      drawnFrames: video.drawnFrames,
      concurrency: video.concurrency,
      browserExecutable: video.browserExecutable,
      bundleSeconds: round(bundleSeconds),
      videoWallSeconds: round(videoWallSeconds),
      videoRenderFps: round(videoFps, 2),
      videoWallPerDuration: round(videoWallSeconds / shootout.durationSeconds),
      lowerBoundStillsSeconds: round(stillsSeconds),
      lowerBoundMuxSeconds: round(muxSeconds),
      lowerBoundWallSeconds: round(lowerBoundWallSeconds),
      lowerBoundWallPerDuration: round(lowerBoundWallSeconds / shootout.durationSeconds),
      videoPerLowerBound: round(videoWallSeconds / lowerBoundWallSeconds),
      cpuCores: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? "unknown",
      loadAverage1mBefore: round(loadBefore, 2),
      loadAverage1mAfter: round(loadavg()[0] ?? 0, 2),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
