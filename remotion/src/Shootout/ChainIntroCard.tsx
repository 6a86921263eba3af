/**
 * @module A chain's intro card, shown when it first plays: name, then each block with its gear, author and licence;
 * a block using a TONE3000 model gets a line of its own naming the model's creator and licence.
 */
import { AbsoluteFill, useCurrentFrame, useVideoConfig } from "remotion";
import { tone3000ByLine } from "../helpers/tone3000-credits.ts";
import type { ChainCard } from "../shootout-props.ts";
import { COLOURS, type Layout } from "./constants.ts";
import { fadeOpacity } from "./fade-opacity.ts";

export const ChainIntroCard: React.FC<{ chain: ChainCard; chainIndex: number; layout: Layout }> = ({
  chain,
  chainIndex,
  layout,
}) => {
  const frame = useCurrentFrame();
  const { durationInFrames, fps } = useVideoConfig();
  const b = layout.basePx;
  return (
    <AbsoluteFill
      style={{
        backgroundColor: "rgba(13, 15, 20, 0.92)",
        opacity: fadeOpacity(frame, durationInFrames, fps),
        justifyContent: "center",
        alignItems: "center",
      }}
    >
      <div
        style={{
          width: layout.widthPx - layout.paddingPx * 4,
          backgroundColor: COLOURS.panel,
          borderLeft: `${b * 0.6}px solid ${chain.colour}`,
          borderRadius: b * 0.5,
          padding: b * 1.5,
          display: "flex",
          flexDirection: "column",
          gap: b * 0.5,
        }}
      >
        <div style={{ fontSize: b * 0.9, fontWeight: 800, color: chain.colour, letterSpacing: 2 }}>
          CHAIN {String.fromCharCode(65 + chainIndex)}
        </div>
        <div style={{ fontSize: b * 2.6, fontWeight: 800, color: COLOURS.text }}>{chain.name}</div>
        {chain.blocks.map((block, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no id and never reorder within a render
          <div key={index} style={{ fontSize: b * 0.95, color: COLOURS.muted, opacity: block.enabled ? 1 : 0.5 }}>
            <span style={{ color: COLOURS.text, fontWeight: 600 }}>{block.label}</span>
            {block.detail ? ` — ${block.detail}` : ""}
            {block.enabled ? "" : " (bypassed)"}
            {block.tone3000 ? (
              <div style={{ fontSize: b * 0.85, color: COLOURS.text, paddingLeft: b, marginTop: b * 0.1 }}>
                <span style={{ color: chain.colour, fontWeight: 800, letterSpacing: 1 }}>TONE3000</span>
                {` ${tone3000ByLine(block.tone3000)}`}
              </div>
            ) : null}
          </div>
        ))}
      </div>
    </AbsoluteFill>
  );
};
