/** @module `computeWaveformPeaks`: the program's peak envelope for the video's waveform, computed once in Node. */

/** Peak absolute sample (0..1) over all channels in each of `bucketCount` equal spans. */
export function computeWaveformPeaks(channels: readonly Float32Array[], bucketCount: number): number[] {
  const length = channels[0]?.length ?? 0;
  const peaks = new Array<number>(bucketCount).fill(0);
  if (length === 0) return peaks;
  for (const channel of channels) {
    for (let bucket = 0; bucket < bucketCount; bucket++) {
      const start = Math.floor((bucket * length) / bucketCount);
      const end = Math.floor(((bucket + 1) * length) / bucketCount);
      let peak = peaks[bucket] ?? 0;
      for (let i = start; i < end; i++) {
        const value = Math.abs(channel[i] ?? 0);
        if (value > peak) peak = value;
      }
      peaks[bucket] = Math.min(1, peak);
    }
  }
  return peaks;
}
