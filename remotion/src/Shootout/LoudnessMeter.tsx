/**
 * @module A horizontal loudness meter: the active segment's matched integrated loudness against the target, the gain
 * that matching applied, and a live bar of the program's peak envelope at the playhead.
 */
import type { SegmentLoudness } from "@gts/api/contract";
import { formatLevel } from "../helpers/format-level.ts";
import { COLOURS } from "./constants.ts";

/** The meter's scale, LUFS / dBFS: a shootout matched anywhere from −30 to 0 fits. */
const FLOOR_DB = -36;
const CEILING_DB = 0;

const share = (db: number) => Math.min(1, Math.max(0, (db - FLOOR_DB) / (CEILING_DB - FLOOR_DB)));

interface LoudnessMeterProps {
  segment: SegmentLoudness | undefined;
  achievedLufs: number;
  /** The program's peak at the playhead, 0..1. */
  peak: number;
  colour: string;
  widthPx: number;
  basePx: number;
}

export const LoudnessMeter: React.FC<LoudnessMeterProps> = ({
  segment,
  achievedLufs,
  peak,
  colour,
  widthPx,
  basePx,
}) => {
  const peakDb = peak > 0 ? 20 * Math.log10(peak) : FLOOR_DB;
  const barHeight = basePx * 0.9;
  return (
    <div style={{ width: widthPx, display: "flex", flexDirection: "column", gap: basePx * 0.35 }}>
      <div style={{ fontSize: basePx * 0.6, fontWeight: 800, color: COLOURS.muted, letterSpacing: 1 }}>
        LOUDNESS (MATCHED)
      </div>
      <div
        style={{
          position: "relative",
          height: barHeight,
          backgroundColor: COLOURS.panelEdge,
          borderRadius: basePx * 0.2,
          overflow: "hidden",
        }}
      >
        <div
          style={{
            position: "absolute",
            inset: 0,
            backgroundColor: colour,
            transformOrigin: "left",
            transform: `scaleX(${share(segment?.integratedLufs ?? achievedLufs)})`,
          }}
        />
        <div
          style={{
            position: "absolute",
            top: 0,
            bottom: 0,
            left: share(achievedLufs) * widthPx - 2,
            width: 4,
            backgroundColor: COLOURS.target,
          }}
        />
      </div>
      <div
        style={{
          height: basePx * 0.3,
          backgroundColor: COLOURS.panelEdge,
          borderRadius: basePx * 0.15,
          overflow: "hidden",
        }}
      >
        <div
          style={{
            height: "100%",
            backgroundColor: COLOURS.muted,
            transformOrigin: "left",
            transform: `scaleX(${share(peakDb)})`,
          }}
        />
      </div>
      <div style={{ fontSize: basePx * 0.8, color: COLOURS.text, fontWeight: 600 }}>
        {formatLevel(segment?.integratedLufs ?? achievedLufs, "LUFS")}
        <span style={{ color: COLOURS.muted, fontWeight: 400 }}>
          {segment
            ? `  ·  gain ${formatLevel(segment.gainDb, "dB", { signed: true })}  ·  ${formatLevel(segment.truePeakDbtp, "dBTP")}`
            : ""}
        </span>
      </div>
    </div>
  );
};
