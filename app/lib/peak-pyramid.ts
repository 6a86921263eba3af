/**
 * @module A min/max peak pyramid of one DI channel, for drawing its waveform at any zoom without touching every
 * sample on every frame. Level 0 holds the min and max of each {@link BASE_BUCKET_FRAMES}-frame bucket (a 20-minute
 * DI at 48 kHz: 450,000 buckets, 3.6 MB); each level above merges pairs of the one below, so a column of the
 * waveform reads a handful of buckets at any zoom. Level 0 fills as samples are pushed, so a waveform can be drawn
 * while the rest is still being analysed; the levels above are built by {@link PeakPyramidBuilder.finish}.
 * Zoomed in past level 0 (fewer frames per pixel than a bucket holds), {@link samplePeaks} reads the samples.
 */

/** Frames per level-0 bucket: fine enough for millisecond-level riff edges at 48 kHz (2.7 ms), small in memory. */
export const BASE_BUCKET_FRAMES = 128;

export interface PeakLevel {
  /** Frames each bucket covers. */
  bucketFrames: number;
  min: Float32Array;
  max: Float32Array;
}

export interface PeakPyramid {
  frames: number;
  /** Finest first. Only level 0 while the pyramid is being built. */
  levels: PeakLevel[];
  /** Frames analysed so far (all of them once finished). */
  framesDone: number;
  finished: boolean;
}

/** Builds a {@link PeakPyramid} from consecutive sample blocks of one channel. */
export class PeakPyramidBuilder {
  readonly pyramid: PeakPyramid;
  private readonly base: PeakLevel;

  constructor(frames: number, bucketFrames = BASE_BUCKET_FRAMES) {
    const buckets = Math.ceil(Math.max(0, frames) / bucketFrames);
    this.base = { bucketFrames, min: new Float32Array(buckets), max: new Float32Array(buckets) };
    this.pyramid = { frames: Math.max(0, frames), levels: [this.base], framesDone: 0, finished: frames <= 0 };
  }

  /** Takes the next `count` frames (the first `count` values of `samples`); frames past the declared length are ignored. */
  push(samples: ArrayLike<number>, count = samples.length): void {
    const { bucketFrames, min, max } = this.base;
    const pyramid = this.pyramid;
    const n = Math.min(count, samples.length, pyramid.frames - pyramid.framesDone);
    if (n <= 0) return;
    let bucket = Math.floor(pyramid.framesDone / bucketFrames);
    let inBucket = pyramid.framesDone - bucket * bucketFrames;
    let lo = inBucket === 0 ? Number.POSITIVE_INFINITY : (min[bucket] as number);
    let hi = inBucket === 0 ? Number.NEGATIVE_INFINITY : (max[bucket] as number);
    for (let i = 0; i < n; i++) {
      const v = samples[i] as number;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      if (++inBucket === bucketFrames) {
        min[bucket] = lo;
        max[bucket] = hi;
        bucket++;
        inBucket = 0;
        lo = Number.POSITIVE_INFINITY;
        hi = Number.NEGATIVE_INFINITY;
      }
    }
    if (inBucket > 0) {
      min[bucket] = lo;
      max[bucket] = hi;
    }
    pyramid.framesDone += n;
  }

  /** Builds every coarser level (each bucket merges two of the level below) until one bucket covers the DI. */
  finish(): PeakPyramid {
    const pyramid = this.pyramid;
    if (pyramid.levels.length > 1) return pyramid;
    let level = this.base;
    while (level.min.length > 1) {
      const buckets = Math.ceil(level.min.length / 2);
      const next: PeakLevel = {
        bucketFrames: level.bucketFrames * 2,
        min: new Float32Array(buckets),
        max: new Float32Array(buckets),
      };
      for (let i = 0; i < buckets; i++) {
        const a = 2 * i;
        const b = Math.min(a + 1, level.min.length - 1);
        next.min[i] = Math.min(level.min[a] as number, level.min[b] as number);
        next.max[i] = Math.max(level.max[a] as number, level.max[b] as number);
      }
      pyramid.levels.push(next);
      level = next;
    }
    pyramid.framesDone = pyramid.frames;
    pyramid.finished = true;
    return pyramid;
  }
}

/** The coarsest level whose buckets are no wider than `framesPerColumn` (level 0 when zoomed in past it). */
export function levelFor(pyramid: PeakPyramid, framesPerColumn: number): PeakLevel {
  let chosen = pyramid.levels[0] as PeakLevel;
  for (const level of pyramid.levels) if (level.bucketFrames <= framesPerColumn) chosen = level;
  return chosen;
}

/** Min and max per column; NaN where a column has no analysed frames (before 0, past the end, not analysed yet). */
export interface ColumnPeaks {
  min: Float32Array;
  max: Float32Array;
}

/**
 * The waveform's columns from the pyramid: column `c` covers frames `[start + c·fpc, start + (c+1)·fpc)`, and shows
 * the min and max of every bucket that overlaps them at the level {@link levelFor} picks.
 */
export function columnPeaks(
  pyramid: PeakPyramid,
  startFrame: number,
  framesPerColumn: number,
  columns: number,
): ColumnPeaks {
  const out = { min: new Float32Array(columns).fill(Number.NaN), max: new Float32Array(columns).fill(Number.NaN) };
  if (!(framesPerColumn > 0) || pyramid.framesDone <= 0) return out;
  const level = levelFor(pyramid, framesPerColumn);
  const size = level.bucketFrames;
  const filled = Math.min(level.min.length, Math.ceil(pyramid.framesDone / size));
  const end = Math.min(pyramid.frames, pyramid.framesDone);
  for (let c = 0; c < columns; c++) {
    const from = startFrame + c * framesPerColumn;
    const to = from + framesPerColumn;
    if (to <= 0 || from >= end) continue;
    const first = Math.max(0, Math.floor(from / size));
    const last = Math.min(filled, Math.max(first + 1, Math.ceil(to / size)));
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let b = first; b < last; b++) {
      const bMin = level.min[b] as number;
      const bMax = level.max[b] as number;
      if (bMin < lo) lo = bMin;
      if (bMax > hi) hi = bMax;
    }
    if (lo <= hi) {
      out.min[c] = lo;
      out.max[c] = hi;
    }
  }
  return out;
}

/**
 * Min and max per column straight from the samples, for views zoomed in past level 0: `samples[0]` is frame
 * `firstFrame`, and column `c` covers frames `[start + c·fpc, start + (c+1)·fpc)` (at least the one frame it starts in).
 */
export function samplePeaks(
  samples: ArrayLike<number>,
  firstFrame: number,
  sampleCount: number,
  startFrame: number,
  framesPerColumn: number,
  columns: number,
): ColumnPeaks {
  const out = { min: new Float32Array(columns).fill(Number.NaN), max: new Float32Array(columns).fill(Number.NaN) };
  for (let c = 0; c < columns; c++) {
    const from = startFrame + c * framesPerColumn;
    const first = Math.max(0, Math.floor(from) - firstFrame);
    const last = Math.min(sampleCount, Math.max(first + 1, Math.ceil(from + framesPerColumn) - firstFrame));
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = first; i < last; i++) {
      const v = samples[i] as number;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo <= hi) {
      out.min[c] = lo;
      out.max[c] = hi;
    }
  }
  return out;
}
