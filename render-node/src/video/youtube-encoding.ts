/**
 * @module The encoding settings of every video we render: YouTube's recommended upload settings (MP4, H.264 High,
 * yuv420p, closed GOP of half the frame rate, AAC-LC 48 kHz stereo 384 kb/s, moov atom first). Recorded in the manifest.
 */

export const YOUTUBE_ENCODING = {
  container: "mp4",
  videoCodec: "h264",
  profile: "high",
  pixelFormat: "yuv420p",
  /** BT.709 limited range: Remotion's default leaves JPEG-range frames tagged yuvj420p, which YouTube may misread. */
  colorSpace: "bt709",
  fps: 30,
  gopFrames: 15,
  /** x264 quality (lower is better): 18 is visually lossless for flat UI graphics like ours. */
  crf: 18,
  /** Keeps the encoder, which shares the cores with Chromium, from being the bottleneck; YouTube re-encodes anyway. */
  x264Preset: "superfast",
  audioCodec: "aac",
  audioProfile: "LC",
  audioSampleRateHz: 48_000,
  audioChannels: 2,
  audioBitrate: "384k",
  fastStart: true,
} as const;

/**
 * Adds what renderMedia has no option for to its x264 command line (Remotion's `ffmpegOverride`): High profile, a
 * closed GOP of exactly `gopFrames` (no scene-cut keyframes, no open GOP) so every chapter seek lands on a keyframe,
 * and the output rate, which repeats frames when the browser drew fewer (`drawFps`). Other commands pass unchanged.
 */
export function withX264Params(args: string[]): string[] {
  const codecAt = args.indexOf("libx264");
  const outputAt = args.lastIndexOf("-y");
  if (codecAt === -1 || outputAt < codecAt) return args;
  const g = YOUTUBE_ENCODING.gopFrames;
  return [
    ...args.slice(0, codecAt + 1),
    ...["-profile:v", YOUTUBE_ENCODING.profile],
    ...["-x264-params", `keyint=${g}:min-keyint=${g}:scenecut=0:open-gop=0`],
    ...args.slice(codecAt + 1, outputAt),
    ...["-r", String(YOUTUBE_ENCODING.fps)],
    ...args.slice(outputAt),
  ];
}
