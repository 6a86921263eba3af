/** @module Test helpers that read an MP4 back: ffprobe JSON, top-level box order, one decoded frame, decoded audio. */
import { readFile } from "node:fs/promises";
import { findFfmpeg } from "../find-ffmpeg.ts";
import { runTool } from "../run-tool.ts";

const SYSTEM = { prefer: "system" } as const;

export interface ProbedStream {
  codec_type: string;
  codec_name: string;
  profile?: string;
  pix_fmt?: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  sample_rate?: string;
  channels?: number;
  duration?: string;
  nb_frames?: string;
}

export async function probeVideo(path: string): Promise<{ streams: ProbedStream[]; format: { duration: string } }> {
  const json = await runTool(findFfmpeg("ffprobe", SYSTEM), [
    ...["-v", "error", "-print_format", "json", "-show_streams", "-show_format", path],
  ]);
  return JSON.parse(json.toString());
}

/** The MP4's top-level box types in file order (e.g. ftyp, moov, free, mdat): faststart means moov before mdat. */
export async function topLevelBoxes(path: string): Promise<string[]> {
  const bytes = await readFile(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const types: string[] = [];
  let offset = 0;
  while (offset + 8 <= bytes.length) {
    let size = view.getUint32(offset);
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    if (size === 1) size = Number(view.getBigUint64(offset + 8));
    if (size === 0) size = bytes.length - offset;
    types.push(type);
    if (size < 8) break;
    offset += size;
  }
  return types;
}

/** One decoded frame at `timeSeconds` as packed RGB24 (width × height × 3 bytes). */
export async function frameRgbAt(path: string, timeSeconds: number): Promise<Buffer> {
  return runTool(findFfmpeg("ffmpeg", SYSTEM), [
    ...["-v", "error", "-ss", timeSeconds.toFixed(3), "-i", path, "-frames:v", "1"],
    ...["-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
  ]);
}

/** Saves one frame as a PNG (the screenshots a person looks at). */
export async function saveFramePng(path: string, timeSeconds: number, pngPath: string): Promise<void> {
  await runTool(findFfmpeg("ffmpeg", SYSTEM), [
    ...["-v", "error", "-y", "-ss", timeSeconds.toFixed(3), "-i", path, "-frames:v", "1", pngPath],
  ]);
}

/** The audio decoded to mono float32 at 48 kHz (ffmpeg honours the MP4 edit list, so encoder delay is removed). */
export async function decodeAudioMono(path: string): Promise<Float32Array> {
  const raw = await runTool(findFfmpeg("ffmpeg", SYSTEM), [
    ...["-v", "error", "-i", path, "-vn", "-ac", "1", "-ar", "48000", "-f", "f32le", "-"],
  ]);
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

/** The lag (samples) in ±maxLag at which `b` best matches `a` over `[start, start + length)`, and the normalised peak. */
export function crossCorrelationPeak(
  a: Float32Array,
  b: Float32Array,
  options: { start: number; length: number; maxLag: number },
): { lag: number; correlation: number } {
  let best = Number.NEGATIVE_INFINITY;
  let bestLag = 0;
  for (let lag = -options.maxLag; lag <= options.maxLag; lag++) {
    let sum = 0;
    for (let i = options.start; i < options.start + options.length; i++) sum += (a[i] ?? 0) * (b[i + lag] ?? 0);
    if (sum > best) {
      best = sum;
      bestLag = lag;
    }
  }
  let energyA = 0;
  let energyB = 0;
  for (let i = options.start; i < options.start + options.length; i++) {
    energyA += (a[i] ?? 0) ** 2;
    energyB += (b[i + bestLag] ?? 0) ** 2;
  }
  return { lag: bestLag, correlation: best / Math.sqrt(energyA * energyB) };
}
