import { formatDb } from "../lib/format";
import { thumbnailPath } from "../lib/waveform-thumbnail";

/**
 * A small picture of a DI or IR from the waveform summary the api stored at upload (one value per time bucket, the
 * largest absolute sample, full scale = 1): a filled envelope mirrored about a centre line, on a linear scale so a
 * quiet recording looks quiet. Drawn from the metadata alone (no audio is fetched), so it also shows without
 * JavaScript. Nothing when there is no summary (FLAC, or an asset uploaded before summaries existed).
 */
export function WaveformThumbnail({
  name,
  waveform,
  peakDbfs,
  width = 120,
  height = 28,
}: {
  name: string;
  waveform: readonly number[] | undefined;
  peakDbfs: number | null;
  width?: number;
  height?: number;
}) {
  if (!waveform || waveform.length === 0) return null;
  // Screen readers say "minus" for U+2212, not always for a hyphen.
  const peak = peakDbfs === null ? "digital silence" : `peak ${formatDb(peakDbfs, "dBFS").replace("-", "−")}`;
  return (
    <svg
      className="waveform-thumbnail"
      data-testid="waveform-thumbnail"
      role="img"
      aria-label={`Waveform of ${name}, ${peak}`}
      width={width}
      height={height}
      viewBox={`0 0 ${waveform.length} 2`}
      preserveAspectRatio="none"
    >
      <line className="waveform-thumbnail-axis" x1={0} x2={waveform.length} y1={1} y2={1} />
      <path className="waveform-thumbnail-envelope" d={thumbnailPath(waveform)} />
    </svg>
  );
}
