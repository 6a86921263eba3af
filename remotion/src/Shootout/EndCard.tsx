/**
 * @module The closing card: per-chain loudness table (gain applied, matched level, true peak), credits, licences. Each
 * TONE3000 model used is credited on a line of its own, followed by "Powered by TONE3000" and tone3000.com.
 */
import { useMemo } from "react";
import { AbsoluteFill, useCurrentFrame, useVideoConfig } from "remotion";
import { formatLevel } from "../helpers/format-level.ts";
import { tone3000Credits } from "../helpers/tone3000-credits.ts";
import type { ShootoutProps } from "../shootout-props.ts";
import { COLOURS, type Layout } from "./constants.ts";
import { fadeOpacity } from "./fade-opacity.ts";

export const EndCard: React.FC<{ props: ShootoutProps; layout: Layout }> = ({ props, layout }) => {
  const frame = useCurrentFrame();
  const { durationInFrames, fps } = useVideoConfig();
  const b = layout.basePx;
  const cell: React.CSSProperties = { padding: `${b * 0.3}px ${b * 0.8}px`, textAlign: "right" };
  const multipleDis = props.dis.length > 1;
  const tone3000 = useMemo(() => tone3000Credits(props.chains), [props.chains]);
  const creditLines = [...new Set([...tone3000.lines, ...props.credits])];
  // Landscape has width to spare and little height: a long list goes in two columns.
  const creditColumns = layout.chainListDirection === "column" && creditLines.length > 6 ? 2 : 1;
  return (
    <AbsoluteFill
      style={{
        backgroundColor: COLOURS.background,
        opacity: fadeOpacity(frame, durationInFrames, fps),
        padding: layout.paddingPx * 1.5,
        gap: b,
      }}
    >
      <div style={{ fontSize: b * 2, fontWeight: 800, color: COLOURS.text }}>Levels were matched</div>
      <div style={{ fontSize: b * 0.9, color: COLOURS.muted }}>
        Every segment was brought to {formatLevel(props.achievedLufs, "LUFS")} integrated (ITU-R BS.1770-4), so no chain
        wins by being louder.
      </div>
      <table style={{ borderCollapse: "collapse", fontSize: b * 1.2, color: COLOURS.text }}>
        <thead>
          <tr style={{ color: COLOURS.muted, fontWeight: 600 }}>
            <td style={{ ...cell, textAlign: "left" }}>Chain</td>
            {multipleDis ? <td style={cell}>DI</td> : null}
            <td style={cell}>Gain applied</td>
            <td style={cell}>Loudness</td>
            <td style={cell}>True peak</td>
          </tr>
        </thead>
        <tbody>
          {props.loudness.map((row) => {
            const chain = props.chains[row.chainIndex];
            return (
              <tr key={`${row.diIndex}:${row.chainIndex}`} style={{ borderTop: `1px solid ${COLOURS.panelEdge}` }}>
                <td style={{ ...cell, textAlign: "left", fontWeight: 600 }}>
                  <span style={{ color: chain?.colour }}>■ </span>
                  {chain?.name}
                </td>
                {multipleDis ? <td style={cell}>{row.diIndex + 1}</td> : null}
                <td style={cell}>{formatLevel(row.gainDb, "dB", { signed: true })}</td>
                <td style={cell}>{formatLevel(row.integratedLufs, "LUFS")}</td>
                <td style={cell}>{formatLevel(row.truePeakDbtp, "dBTP")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {creditLines.length > 0 ? (
        <div style={{ display: "flex", flexDirection: "column", gap: b * 0.3, marginTop: b * 0.5 }}>
          <div style={{ fontSize: b * 0.8, fontWeight: 800, color: COLOURS.muted, letterSpacing: 2 }}>CREDITS</div>
          <div style={{ columnCount: creditColumns, columnGap: b * 2 }}>
            {creditLines.map((line) => (
              <div
                key={line}
                style={{
                  fontSize: b * 0.8,
                  color: COLOURS.text,
                  lineHeight: 1.3,
                  marginBottom: b * 0.25,
                  breakInside: "avoid",
                  overflowWrap: "anywhere",
                }}
              >
                {line}
              </div>
            ))}
          </div>
          {tone3000.branding ? (
            <div style={{ fontSize: b * 0.9, color: COLOURS.muted, marginTop: b * 0.2 }}>
              <span style={{ color: COLOURS.text, fontWeight: 800 }}>{tone3000.branding.poweredBy}</span>
              {` · ${tone3000.branding.site}`}
            </div>
          ) : null}
        </div>
      ) : null}
    </AbsoluteFill>
  );
};
