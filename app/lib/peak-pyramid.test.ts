import { describe, expect, it } from "vitest";
import { BASE_BUCKET_FRAMES, columnPeaks, levelFor, PeakPyramidBuilder, samplePeaks } from "./peak-pyramid";

/** A deterministic test signal: a slow sine with one spike per 1000 frames. */
function signal(frames: number): Float32Array {
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) out[i] = 0.5 * Math.sin(i / 300) + (i % 1000 === 999 ? 0.4 : 0);
  return out;
}

function bruteForce(samples: Float32Array, from: number, to: number) {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = Math.max(0, from); i < Math.min(samples.length, to); i++) {
    min = Math.min(min, samples[i] as number);
    max = Math.max(max, samples[i] as number);
  }
  return { min, max };
}

describe("the peak pyramid", () => {
  const frames = 100_003;
  const samples = signal(frames);

  it("gives the same pyramid however the samples are cut into blocks", () => {
    const whole = new PeakPyramidBuilder(frames);
    whole.push(samples);
    const pieces = new PeakPyramidBuilder(frames);
    for (let at = 0; at < frames; at += 777) pieces.push(samples.subarray(at, at + 777));
    expect(pieces.pyramid.framesDone).toBe(frames);
    expect(pieces.pyramid.levels[0]?.min).toEqual(whole.pyramid.levels[0]?.min);
    expect(pieces.pyramid.levels[0]?.max).toEqual(whole.pyramid.levels[0]?.max);
    // Samples past the declared length are ignored.
    pieces.push(new Float32Array([5, 5, 5]));
    expect(pieces.pyramid.framesDone).toBe(frames);
    expect(Math.max(...(pieces.pyramid.levels[0]?.max ?? []))).toBeLessThan(1);
  });

  it("holds each bucket's min and max, level by level, up to one bucket for the whole DI", () => {
    const builder = new PeakPyramidBuilder(frames);
    builder.push(samples);
    const pyramid = builder.finish();
    expect(pyramid.finished).toBe(true);
    expect(pyramid.levels[0]?.min.length).toBe(Math.ceil(frames / BASE_BUCKET_FRAMES));
    expect(pyramid.levels.at(-1)?.min.length).toBe(1);
    const all = bruteForce(samples, 0, frames);
    expect(pyramid.levels.at(-1)?.min[0]).toBeCloseTo(all.min, 6);
    expect(pyramid.levels.at(-1)?.max[0]).toBeCloseTo(all.max, 6);
    for (const level of pyramid.levels) {
      for (const b of [0, Math.floor(level.min.length / 2), level.min.length - 1]) {
        const expected = bruteForce(samples, b * level.bucketFrames, (b + 1) * level.bucketFrames);
        expect(level.min[b]).toBeCloseTo(expected.min, 6);
        expect(level.max[b]).toBeCloseTo(expected.max, 6);
      }
    }
  });

  it("picks the coarsest level no wider than a column", () => {
    const builder = new PeakPyramidBuilder(frames);
    builder.push(samples);
    const pyramid = builder.finish();
    expect(levelFor(pyramid, 10).bucketFrames).toBe(128);
    expect(levelFor(pyramid, 1000).bucketFrames).toBe(512);
    expect(levelFor(pyramid, 1024).bucketFrames).toBe(1024);
  });

  it("draws columns that cover every peak in them (a spike never disappears when zoomed out)", () => {
    const builder = new PeakPyramidBuilder(frames);
    builder.push(samples);
    const pyramid = builder.finish();
    const columns = 300;
    const perColumn = frames / columns;
    const peaks = columnPeaks(pyramid, 0, perColumn, columns);
    for (let c = 0; c < columns; c++) {
      const exact = bruteForce(samples, Math.floor(c * perColumn), Math.ceil((c + 1) * perColumn));
      // Buckets overlapping a column's edges may widen it a little, never narrow it.
      expect(peaks.max[c]).toBeGreaterThanOrEqual((exact.max as number) - 1e-6);
      expect(peaks.min[c]).toBeLessThanOrEqual((exact.min as number) + 1e-6);
    }
    // Columns before the start or past the end have nothing to draw.
    const shifted = columnPeaks(pyramid, -perColumn * 10, perColumn, columns);
    expect(Number.isNaN(shifted.max[0] as number)).toBe(true);
    expect(Number.isNaN(shifted.max[20] as number)).toBe(false);
    const past = columnPeaks(pyramid, frames - perColumn, perColumn, 3);
    expect(Number.isNaN(past.max[2] as number)).toBe(true);
  });

  it("can be drawn while it is being built: only what has been analysed", () => {
    const builder = new PeakPyramidBuilder(frames);
    builder.push(samples.subarray(0, 50_000));
    const partial = columnPeaks(builder.pyramid, 0, 1000, 100);
    expect(Number.isNaN(partial.max[10] as number)).toBe(false);
    expect(Number.isNaN(partial.max[49] as number)).toBe(false);
    expect(Number.isNaN(partial.max[51] as number)).toBe(true);
    expect(builder.pyramid.finished).toBe(false);
  });

  it("reads columns straight from the samples when zoomed in past the finest level", () => {
    const peaks = samplePeaks(samples.subarray(1000), 1000, 2000, 1500.5, 4, 10);
    for (let c = 0; c < 10; c++) {
      const from = Math.floor(1500.5 + 4 * c);
      const exact = bruteForce(samples.subarray(1000), from - 1000, Math.ceil(1500.5 + 4 * (c + 1)) - 1000);
      expect(peaks.min[c]).toBe(exact.min);
      expect(peaks.max[c]).toBe(exact.max);
    }
    // Fewer than one frame per column still shows the frame each column is in.
    const dense = samplePeaks(samples, 0, 100, 10, 0.25, 8);
    expect(dense.max[0]).toBe(samples[10]);
    expect(dense.max[4]).toBe(samples[11]);
  });

  it("handles an empty DI", () => {
    const builder = new PeakPyramidBuilder(0);
    expect(builder.pyramid.finished).toBe(true);
    expect(columnPeaks(builder.finish(), 0, 10, 4).max.every(Number.isNaN)).toBe(true);
  });
});
