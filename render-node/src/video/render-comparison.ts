/**
 * @module `renderComparison` and `renderThumbnail`: the shootout videos through Remotion with Debian's Chromium. The
 * bundle is built once per source hash; frames render silent and the program WAV is muxed in by ffmpeg.
 */
import { mkdir, rm } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { basename, dirname, join } from "node:path";
import { renderMedia, renderStill, selectComposition } from "@remotion/renderer";
import { programSeconds } from "../../../remotion/src/helpers/calculate-shootout-metadata.ts";
import { framesForSeconds } from "../../../remotion/src/helpers/frames-for-seconds.ts";
import { shortDurationSeconds } from "../../../remotion/src/helpers/short-duration-seconds.ts";
import { type ShootoutPropsInput, shootoutPropsSchema } from "../../../remotion/src/shootout-props.ts";
import { bundleCompositions } from "./bundle-compositions.ts";
import { type ChromiumChoice, findChromium } from "./find-chromium.ts";
import { muxProgramAudio } from "./mux-program-audio.ts";
import { withX264Params, YOUTUBE_ENCODING } from "./youtube-encoding.ts";

export type VideoComposition = "Shootout" | "ShootoutShort";

/** Props without `audioSrc`: the driver muxes the program WAV itself (see muxProgramAudio). */
export type ComparisonVideoProps = Omit<ShootoutPropsInput, "audioSrc">;

export interface RenderComparisonOptions {
  props: ComparisonVideoProps;
  /** The program (any WAV ffmpeg reads; 48 kHz stereo is what render-audio writes). */
  programWavPath: string;
  outPath: string;
  composition?: VideoComposition;
  /** Overall progress 0..1 (frames rendered and encoded), called often: throttle in the caller. */
  onProgress?: (fraction: number) => void;
  /** Browser tabs rendering in parallel; defaults to the available cores (Remotion refuses more). */
  concurrency?: number;
  chromium?: ChromiumChoice;
  /** Frames the browser draws per second (see the `drawFps` prop); default 15. */
  drawFps?: 30 | 15 | 10;
}

export interface RenderComparisonResult {
  outPath: string;
  composition: VideoComposition;
  widthPx: number;
  heightPx: number;
  /** Output rate, and frames in the output. */
  fps: number;
  durationInFrames: number;
  /** Frames the browser drew. */
  drawnFrames: number;
  concurrency: number;
  browserExecutable: string;
  wallSeconds: number;
}

/** ANGLE on the CPU: measured here at 2.4× the fps of "swangle" (23.0 s vs 9.5 s for the same 8 s video). */
const CHROMIUM_OPTIONS = { gl: "angle" } as const;

const DEFAULT_DRAW_FPS = 15;

/** Renders one composition to an MP4 with the {@link YOUTUBE_ENCODING} settings. */
export async function renderComparison(options: RenderComparisonOptions): Promise<RenderComparisonResult> {
  const started = performance.now();
  const serveUrl = await bundleCompositions();
  const chromium = options.chromium ?? findChromium();
  const compositionId = options.composition ?? "Shootout";
  const concurrency = options.concurrency ?? availableParallelism();
  // The browser never needs the audio: frames are rendered silent and the program is muxed afterwards.
  const inputProps = shootoutPropsSchema.parse({
    ...options.props,
    audioSrc: null,
    drawFps: options.drawFps ?? DEFAULT_DRAW_FPS,
  });
  const common = remotionOptions(serveUrl, inputProps, chromium);
  const composition = await selectComposition({ ...common, id: compositionId });
  // The video's length in whole output frames: the drawn frames, repeated, may run up to one drawn frame over it.
  const videoSeconds =
    compositionId === "Shootout"
      ? programSeconds(inputProps)
      : shortDurationSeconds(inputProps.cues, programSeconds(inputProps));
  const outputFrames = framesForSeconds(videoSeconds, YOUTUBE_ENCODING.fps);
  await mkdir(dirname(options.outPath), { recursive: true });
  const silentPath = join(dirname(options.outPath), `.${basename(options.outPath)}.video-only.mp4`);
  // Remotion's figure can step back between its phases; a progress bar must not.
  let reported = 0;
  const onProgress = options.onProgress
    ? (fraction: number) => {
        reported = Math.max(reported, Math.min(1, fraction));
        options.onProgress?.(reported);
      }
    : undefined;
  await renderMedia({
    ...common,
    composition,
    outputLocation: silentPath,
    overwrite: true,
    concurrency,
    codec: "h264",
    crf: YOUTUBE_ENCODING.crf,
    x264Preset: YOUTUBE_ENCODING.x264Preset,
    gopSize: YOUTUBE_ENCODING.gopFrames,
    pixelFormat: YOUTUBE_ENCODING.pixelFormat,
    colorSpace: YOUTUBE_ENCODING.colorSpace,
    // Audio is muxed by muxProgramAudio: see there why.
    muted: true,
    ffmpegOverride: ({ args }) => withX264Params(args),
    // The mux takes about 2 % of the time: frames and encoding are reported as 0..0.98.
    ...(onProgress ? { onProgress: ({ progress }: { progress: number }) => onProgress(progress * 0.98) } : {}),
  });
  await muxProgramAudio({
    videoPath: silentPath,
    programWavPath: options.programWavPath,
    outPath: options.outPath,
    durationSeconds: outputFrames / YOUTUBE_ENCODING.fps,
  });
  await rm(silentPath, { force: true });
  onProgress?.(1);
  return {
    outPath: options.outPath,
    composition: compositionId,
    widthPx: composition.width,
    heightPx: composition.height,
    fps: YOUTUBE_ENCODING.fps,
    durationInFrames: outputFrames,
    drawnFrames: composition.durationInFrames,
    concurrency,
    browserExecutable: chromium.executable,
    wallSeconds: (performance.now() - started) / 1000,
  };
}

/** Renders the 1280×720 `Thumbnail` still as a PNG. */
export async function renderThumbnail(options: {
  props: ComparisonVideoProps;
  outPath: string;
  chromium?: ChromiumChoice;
}): Promise<void> {
  const serveUrl = await bundleCompositions();
  const chromium = options.chromium ?? findChromium();
  const inputProps = shootoutPropsSchema.parse({ ...options.props, audioSrc: null });
  const common = remotionOptions(serveUrl, inputProps, chromium);
  const composition = await selectComposition({ ...common, id: "Thumbnail" });
  await renderStill({ ...common, composition, output: options.outPath, imageFormat: "png", overwrite: true });
}

/** What every Remotion call here shares: the bundle, the props, Debian's Chromium with ANGLE, quiet logs. */
function remotionOptions(serveUrl: string, inputProps: Record<string, unknown>, chromium: ChromiumChoice) {
  return {
    serveUrl,
    inputProps,
    browserExecutable: chromium.executable,
    chromeMode: chromium.chromeMode,
    chromiumOptions: CHROMIUM_OPTIONS,
    logLevel: "error",
  } as const;
}
