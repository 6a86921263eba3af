/**
 * @module The outline of a waveform thumbnail: one step per bucket of the api's waveform summary, mirrored about the
 * centre line, in a box `buckets` wide and 2 tall (centre at y = 1, full scale at the edges). No React here.
 */

/** An SVG path `d` for the filled, mirrored envelope of `waveform` (values clamped to 0..1). */
export function thumbnailPath(waveform: readonly number[]): string {
  const n = waveform.length;
  if (n === 0) return "";
  const level = (i: number) => Math.min(1, Math.max(0, waveform[i] ?? 0));
  const y = (value: number) => Number(value.toFixed(3));
  const top: string[] = [];
  const bottom: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = level(i);
    top.push(`L${i} ${y(1 - v)}H${i + 1}`);
    bottom.push(`L${i + 1} ${y(1 + v)}H${i}`);
  }
  return `M0 1${top.join("")}L${n} 1${bottom.reverse().join("")}Z`;
}
