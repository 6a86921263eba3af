/**
 * @module Writes planar float audio as 24-bit FLAC with libFLAC, the reference encoder (libflacjs: libFLAC 1.3.4
 * compiled to JavaScript, MIT). The listening copies of the stems: the share page's player fetches these instead of
 * the float WAVs. FLAC has no encoder delay or priming, so the file decodes to exactly as many frames as the WAV, in
 * every browser's `decodeAudioData`, and the stems stay sample-aligned.
 *
 * Why 24 bits: the program is float; 24-bit integers hold it to -144 dBFS, far under any DI's own noise, so no dither
 * or noise-shaping decision is needed (16 bits would need one, and would no longer be the download's audio), and a
 * 24-bit FLAC is still about half the size of the float WAV. Quantisation: round to nearest (`Math.round` of the
 * sample times 2^23; exact in float, since scaling by a power of two loses nothing), clamped to the 24-bit range.
 *
 * Why not ffmpeg: the ffmpeg the node ships with (Remotion's compositor) has no FLAC encoder, and a render node needs
 * nothing but Node (an audio-only node no Chromium and no system ffmpeg either).
 */
import { createRequire } from "node:module";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { checkChannels, checkSampleRate, DspInputError } from "./dsp-error.ts";

export const FLAC_BITS_PER_SAMPLE = 24;
const FULL_SCALE = 2 ** (FLAC_BITS_PER_SAMPLE - 1);
const MAX_INT = FULL_SCALE - 1;
const MIN_INT = -FULL_SCALE;
/** libFLAC's default (`flac -5`): within 1 % of level 8's size at a fifth of its time. */
const COMPRESSION_LEVEL = 5;
/** Frames handed to libFLAC per call; between calls the event loop runs (the daemon's heartbeat must not starve). */
const CHUNK_FRAMES = 1 << 15;

/** A float sample (full scale = 1.0) as the 24-bit integer the FLAC stores: rounded to nearest, clamped. */
export function quantizeToInt24(sample: number): number {
  const scaled = Math.round(sample * FULL_SCALE);
  // `| 0`: -0 (from rounding -0.4 LSB) as 0.
  return Math.min(Math.max(scaled, MIN_INT), MAX_INT) | 0;
}

/** What the encoder reports at the end: STREAMINFO as it should be, which a non-seekable stream cannot go back and write. */
interface StreamInfo {
  min_framesize: number;
  max_framesize: number;
  total_samples: number;
  md5sum: string;
}

/** The part of libflacjs's API used here (its own typings model the browser build; this is the Node one). */
interface LibFlac {
  isReady(): boolean;
  on(event: "ready", listener: () => void): void;
  create_libflac_encoder(
    sampleRate: number,
    channels: number,
    bitsPerSample: number,
    compressionLevel: number,
    totalSamples: number,
    verify: boolean,
    blockSize: number,
  ): number;
  init_encoder_stream(
    encoder: number,
    write: (data: Uint8Array) => void,
    metadata: (metadata: StreamInfo | undefined) => void,
  ): number;
  FLAC__stream_encoder_process_interleaved(encoder: number, samples: Int32Array, frames: number): boolean;
  FLAC__stream_encoder_finish(encoder: number): boolean;
  FLAC__stream_encoder_get_state(encoder: number): number;
  FLAC__stream_encoder_delete(encoder: number): void;
}

let libFlac: Promise<LibFlac> | undefined;

/** The asm.js build: it loads synchronously from the package (the wasm build fetches its binary by URL, which Node cannot). */
function loadLibFlac(): Promise<LibFlac> {
  libFlac ??= new Promise<LibFlac>((resolve) => {
    const flac = createRequire(import.meta.url)("libflacjs/dist/libflac.js") as LibFlac;
    if (flac.isReady()) resolve(flac);
    else flac.on("ready", () => resolve(flac));
  });
  return libFlac;
}

/**
 * Encodes `channels` (planar, full scale = 1.0) at `sampleRateHz` as 24-bit FLAC: STREAMINFO (with the exact frame
 * count and the MD5 of the samples), libFLAC's vendor comment, then the frames. Decoding gives back
 * {@link quantizeToInt24} of every sample, and exactly `channels[0].length` frames.
 */
export async function encodeFlac(channels: readonly Float32Array[], sampleRateHz: number): Promise<Uint8Array> {
  const frames = checkChannels(channels);
  checkSampleRate(sampleRateHz);
  if (channels.length > 8) throw new DspInputError(`encodeFlac: ${channels.length} channels (FLAC holds at most 8)`);
  if (frames === 0) throw new DspInputError("encodeFlac: no samples (FLAC needs at least one frame)");
  const flac = await loadLibFlac();
  const channelCount = channels.length;
  const encoder = flac.create_libflac_encoder(
    sampleRateHz,
    channelCount,
    FLAC_BITS_PER_SAMPLE,
    COMPRESSION_LEVEL,
    frames,
    false,
    0,
  );
  if (!encoder) throw new Error("encodeFlac: libFLAC could not create an encoder");
  try {
    const written: Uint8Array[] = [];
    let streamInfo: StreamInfo | undefined;
    const status = flac.init_encoder_stream(
      encoder,
      (data) => void written.push(data),
      (metadata) => {
        if (metadata) streamInfo = metadata;
      },
    );
    if (status !== 0) throw new Error(`encodeFlac: libFLAC refused to start (init status ${status})`);
    const interleaved = new Int32Array(Math.min(CHUNK_FRAMES, frames) * channelCount);
    for (let start = 0; start < frames; start += CHUNK_FRAMES) {
      const count = Math.min(CHUNK_FRAMES, frames - start);
      for (let c = 0; c < channelCount; c++) {
        const channel = channels[c] as Float32Array;
        for (let i = 0; i < count; i++)
          interleaved[i * channelCount + c] = quantizeToInt24(channel[start + i] as number);
      }
      if (
        !flac.FLAC__stream_encoder_process_interleaved(encoder, interleaved.subarray(0, count * channelCount), count)
      ) {
        throw new Error(
          `encodeFlac: libFLAC failed at frame ${start} (state ${flac.FLAC__stream_encoder_get_state(encoder)})`,
        );
      }
      if (start + count < frames) await yieldToEventLoop();
    }
    if (!flac.FLAC__stream_encoder_finish(encoder)) {
      throw new Error(`encodeFlac: libFLAC failed to finish (state ${flac.FLAC__stream_encoder_get_state(encoder)})`);
    }
    const bytes = new Uint8Array(written.reduce((sum, chunk) => sum + chunk.length, 0));
    let offset = 0;
    for (const chunk of written) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    if (!streamInfo) throw new Error("encodeFlac: libFLAC reported no STREAMINFO");
    if (streamInfo.total_samples !== frames) {
      throw new Error(`encodeFlac: libFLAC encoded ${streamInfo.total_samples} frames of ${frames}`);
    }
    completeStreamInfo(bytes, streamInfo);
    return bytes;
  } finally {
    flac.FLAC__stream_encoder_delete(encoder);
  }
}

/**
 * Writes the frame sizes and MD5 that libFLAC knows only at the end into the STREAMINFO it wrote first (the total
 * sample count is already there: it was given up front). Layout (FLAC format, METADATA_BLOCK_STREAMINFO): "fLaC",
 * a 4-byte block header, then min/max block size (16 bits each), min/max frame size (24 bits each) at byte 12,
 * rate, channels, depth and total samples (64 bits), and the MD5 at byte 26.
 */
function completeStreamInfo(bytes: Uint8Array, info: StreamInfo): void {
  const isFlac = bytes[0] === 0x66 && bytes[1] === 0x4c && bytes[2] === 0x61 && bytes[3] === 0x43;
  if (!isFlac || ((bytes[4] as number) & 0x7f) !== 0 || !/^[0-9a-f]{32}$/.test(info.md5sum)) {
    throw new Error("encodeFlac: libFLAC's output does not start with fLaC and STREAMINFO");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint8(12, info.min_framesize >>> 16);
  view.setUint16(13, info.min_framesize & 0xffff);
  view.setUint8(15, info.max_framesize >>> 16);
  view.setUint16(16, info.max_framesize & 0xffff);
  for (let i = 0; i < 16; i++) bytes[26 + i] = Number.parseInt(info.md5sum.slice(2 * i, 2 * i + 2), 16);
}
