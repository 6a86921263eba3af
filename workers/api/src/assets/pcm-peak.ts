/**
 * @module The sample peak and a waveform summary of interleaved PCM or float bytes, scanned block by block from a
 * stream in one pass: the file is never held whole, only one block and the bucket maxima.
 */
import { type PcmSampleEncoding, pcmSampleReader, WAVEFORM_BUCKETS } from "../contract/index.ts";
import { AssetUploadError } from "./asset-upload-error.ts";
import type { ByteStreamReader } from "./byte-stream-reader.ts";

export type SampleEncoding = PcmSampleEncoding;

/** Frames scanned per read: big enough to keep per-call overhead low, small enough for a Worker's memory. */
const FRAMES_PER_BLOCK = 16_384;

/** What one pass over the samples gives: the sample peak and the waveform summary, both full scale = 1.0. */
export interface SampleScan {
  /** Largest absolute sample value (over 1 for float samples beyond full scale). */
  peak: number;
  /** Per time bucket, the largest absolute sample (see {@link scanSamples}); unrounded, unclipped. */
  buckets: Float64Array;
}

/**
 * Reads exactly `frames` interleaved frames once, keeping only the peak and one maximum per bucket: frame `f` (known
 * from the header before any sample) falls in bucket `floor(f * WAVEFORM_BUCKETS / frames)`, so each bucket holds an
 * even share of the frames (±1). With fewer frames than buckets, a bucket no frame starts in shows the frame sounding
 * over it (the one before). Refuses a short read (the data ends before the header's frame count) and any sample that
 * is not a finite number.
 */
export async function scanSamples(
  reader: ByteStreamReader,
  options: { frames: number; channels: number; encoding: SampleEncoding; fileName: string },
): Promise<SampleScan> {
  const { frames, channels, encoding, fileName } = options;
  const bucketCount = WAVEFORM_BUCKETS;
  const bytesPerSample = encoding.bitsPerSample / 8;
  const frameBytes = bytesPerSample * channels;
  const read = pcmSampleReader(encoding);
  const maxima = new Float64Array(bucketCount);
  const touched = new Uint8Array(bucketCount);
  // The first frame of bucket b is ceil(b * frames / buckets); integers stay exact (frames < 2^32, buckets ≤ 256).
  const firstFrameOf = (bucket: number) => Math.ceil((bucket * frames) / bucketCount);
  let bucket = 0;
  let nextBucketStart = firstFrameOf(1);
  let peak = 0;
  for (let frame = 0; frame < frames; frame += FRAMES_PER_BLOCK) {
    const blockFrames = Math.min(FRAMES_PER_BLOCK, frames - frame);
    const block = await reader.read(blockFrames * frameBytes);
    if (block.length < blockFrames * frameBytes) {
      throw new AssetUploadError(
        "UNPROCESSABLE_CONTENT",
        `${fileName}: the audio data ends after ${frame + Math.floor(block.length / frameBytes)} of ${frames} frames (truncated file)`,
      );
    }
    const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
    // Runs of frames in one bucket, scanned sample by sample with no per-frame work.
    const blockEnd = frame + blockFrames;
    let offset = 0;
    for (let f = frame; f < blockEnd; ) {
      while (f >= nextBucketStart) {
        bucket++;
        nextBucketStart = firstFrameOf(bucket + 1);
      }
      const runEnd = Math.min(blockEnd, nextBucketStart);
      const runEndOffset = offset + (runEnd - f) * frameBytes;
      let bucketMax = maxima[bucket] ?? 0;
      for (; offset < runEndOffset; offset += bytesPerSample) {
        const value = read(view, offset);
        if (!Number.isFinite(value)) {
          throw new AssetUploadError(
            "UNPROCESSABLE_CONTENT",
            `${fileName}: sample ${frame * channels + offset / bytesPerSample} is ${value} (not a finite number)`,
          );
        }
        const magnitude = Math.abs(value);
        if (magnitude > bucketMax) bucketMax = magnitude;
      }
      maxima[bucket] = bucketMax;
      touched[bucket] = 1;
      if (bucketMax > peak) peak = bucketMax;
      f = runEnd;
    }
  }
  if (frames > 0) {
    for (let b = 1; b < bucketCount; b++) if (!touched[b]) maxima[b] = maxima[b - 1] ?? 0;
  }
  return { peak, buckets: maxima };
}

/** The metadata fields a scan gives: the peak in dBFS (null for digital silence) and the stored waveform summary. */
export function scanFields(scan: SampleScan): { peakDbfs: number | null; waveform?: number[] } {
  return {
    peakDbfs: scan.peak > 0 ? 20 * Math.log10(scan.peak) : null,
    ...(scan.buckets.length > 0 ? { waveform: waveformSummary(scan.buckets) } : {}),
  };
}

/** Bucket maxima as stored: clipped to full scale and rounded to 3 decimals (a 120-bucket summary is < 1 KB of JSON). */
export function waveformSummary(maxima: ArrayLike<number>): number[] {
  return Array.from(maxima, (value) => Math.round(Math.min(1, value) * 1000) / 1000);
}
