/**
 * @module The program waveform from precomputed peaks, each cue's span in its chain's colour, riff markers and a
 * playhead. The SVG paths are memoised: per frame only the playhead's transform and one cue's opacity change.
 */
import type { Cue } from "@gts/api/contract";
import { useMemo } from "react";
import type { RiffStart } from "../helpers/riff-starts.ts";
import { COLOURS } from "./constants.ts";

interface WaveformProps {
  peaks: readonly number[];
  cues: readonly Cue[];
  colours: readonly string[];
  riffs: readonly RiffStart[];
  durationSeconds: number;
  activeCueIndex: number;
  timeSeconds: number;
  widthPx: number;
  heightPx: number;
  basePx: number;
}

/** One path of vertical bars per cue, so a cue can be coloured and dimmed as a whole. */
function cuePaths(
  peaks: readonly number[],
  cues: readonly Cue[],
  durationSeconds: number,
  widthPx: number,
  heightPx: number,
) {
  const middle = heightPx / 2;
  const step = widthPx / peaks.length;
  return cues.map((cue) => {
    const first = Math.floor((cue.startSeconds / durationSeconds) * peaks.length);
    const last = Math.min(peaks.length, Math.ceil((cue.endSeconds / durationSeconds) * peaks.length));
    let d = "";
    for (let i = first; i < last; i++) {
      const half = Math.max(1, (peaks[i] ?? 0) * middle * 0.95);
      const x = (i + 0.5) * step;
      d += `M${x.toFixed(1)} ${(middle - half).toFixed(1)}V${(middle + half).toFixed(1)}`;
    }
    return d;
  });
}

export const Waveform: React.FC<WaveformProps> = (props) => {
  const { peaks, cues, durationSeconds, widthPx, heightPx, basePx } = props;
  const paths = useMemo(
    () => cuePaths(peaks, cues, durationSeconds, widthPx, heightPx),
    [peaks, cues, durationSeconds, widthPx, heightPx],
  );
  const barWidth = Math.max(1, (widthPx / peaks.length) * 0.7);
  const toX = (seconds: number) => (seconds / durationSeconds) * widthPx;
  return (
    <div style={{ position: "relative", width: widthPx, height: heightPx + basePx }}>
      <svg width={widthPx} height={heightPx} style={{ position: "absolute", top: basePx }} aria-hidden="true">
        {paths.map((d, index) => (
          <path
            // biome-ignore lint/suspicious/noArrayIndexKey: cues are fixed for the whole render
            key={index}
            d={d}
            stroke={props.colours[cues[index]?.chainIndex ?? 0]}
            strokeWidth={barWidth}
            opacity={index === props.activeCueIndex ? 1 : 0.35}
          />
        ))}
      </svg>
      {props.riffs.map((riff) => (
        <div
          key={riff.startSeconds}
          style={{
            position: "absolute",
            left: toX(riff.startSeconds),
            top: 0,
            height: heightPx + basePx,
            borderLeft: `2px dashed ${COLOURS.muted}`,
            paddingLeft: basePx * 0.25,
            fontSize: basePx * 0.6,
            color: COLOURS.muted,
            whiteSpace: "nowrap",
          }}
        >
          {riff.label}
        </div>
      ))}
      <div
        style={{
          position: "absolute",
          left: 0,
          top: basePx * 0.5,
          width: 4,
          height: heightPx + basePx * 0.5,
          backgroundColor: COLOURS.target,
          transform: `translateX(${toX(props.timeSeconds) - 2}px)`,
        }}
      />
    </div>
  );
};
