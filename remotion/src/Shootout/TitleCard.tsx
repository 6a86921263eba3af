/** @module The opening card: shootout title, creator, the DIs with their guitar notes, the chains to compare. */
import { AbsoluteFill, useCurrentFrame, useVideoConfig } from "remotion";
import type { ShootoutProps } from "../shootout-props.ts";
import { COLOURS, type Layout } from "./constants.ts";
import { fadeOpacity } from "./fade-opacity.ts";

export const TitleCard: React.FC<{ props: ShootoutProps; layout: Layout }> = ({ props, layout }) => {
  const frame = useCurrentFrame();
  const { durationInFrames, fps } = useVideoConfig();
  const b = layout.basePx;
  return (
    <AbsoluteFill
      style={{
        backgroundColor: COLOURS.background,
        opacity: fadeOpacity(frame, durationInFrames, fps, false),
        padding: layout.paddingPx * 2,
        justifyContent: "center",
        gap: b,
      }}
    >
      <div style={{ fontSize: b * 1, fontWeight: 800, color: COLOURS.muted, letterSpacing: 3 }}>TONE SHOOTOUT</div>
      <div style={{ fontSize: b * 3.4, fontWeight: 800, color: COLOURS.text, lineHeight: 1.1 }}>{props.title}</div>
      {props.creator ? <div style={{ fontSize: b * 1.3, color: COLOURS.muted }}>by {props.creator}</div> : null}
      <div style={{ display: "flex", gap: b * 0.6, flexWrap: "wrap", marginTop: b }}>
        {props.chains.map((chain) => (
          <div
            key={chain.name}
            style={{
              fontSize: b * 1.1,
              fontWeight: 600,
              padding: `${b * 0.3}px ${b * 0.8}px`,
              borderRadius: b * 0.3,
              border: `3px solid ${chain.colour}`,
              color: COLOURS.text,
            }}
          >
            {chain.name}
          </div>
        ))}
      </div>
      <div style={{ marginTop: b, display: "flex", flexDirection: "column", gap: b * 0.3 }}>
        {props.dis.map((di) => (
          <div key={di.name} style={{ fontSize: b * 0.9, color: COLOURS.muted }}>
            <span style={{ color: COLOURS.text, fontWeight: 600 }}>DI: {di.name}</span>
            {di.notes ? ` — ${di.notes}` : ""}
          </div>
        ))}
      </div>
    </AbsoluteFill>
  );
};
