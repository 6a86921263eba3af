/** @module The active chain's blocks as a left-to-right signal-flow diagram (wrapping when it runs out of width). */
import type { BlockCard } from "../shootout-props.ts";
import { COLOURS } from "./constants.ts";

const TYPE_LABELS: Record<BlockCard["type"], string> = {
  gain: "GAIN",
  gate: "GATE",
  eq: "EQ",
  capture: "AMP",
  ir: "CAB IR",
  delay: "DELAY",
  reverb: "REVERB",
};

export const SignalFlow: React.FC<{ blocks: readonly BlockCard[]; colour: string; basePx: number }> = ({
  blocks,
  colour,
  basePx,
}) => (
  <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", rowGap: basePx * 0.6 }}>
    {blocks.map((block, index) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no id and never reorder within a render
      <div key={index} style={{ display: "flex", alignItems: "center" }}>
        {index > 0 ? (
          <div style={{ color: COLOURS.muted, fontSize: basePx * 1.2, padding: `0 ${basePx * 0.4}px` }}>→</div>
        ) : null}
        <div
          style={{
            border: `3px solid ${block.enabled ? colour : COLOURS.panelEdge}`,
            borderRadius: basePx * 0.4,
            padding: `${basePx * 0.4}px ${basePx * 0.7}px`,
            backgroundColor: COLOURS.panel,
            opacity: block.enabled ? 1 : 0.45,
            maxWidth: basePx * 14,
          }}
        >
          <div style={{ fontSize: basePx * 0.55, fontWeight: 800, color: colour, letterSpacing: 1 }}>
            {TYPE_LABELS[block.type]}
            {block.enabled ? "" : " · OFF"}
          </div>
          <div
            style={{
              fontSize: basePx * 0.85,
              fontWeight: 600,
              color: COLOURS.text,
              whiteSpace: "nowrap",
              overflow: "hidden",
              textOverflow: "ellipsis",
            }}
          >
            {block.label}
          </div>
        </div>
      </div>
    ))}
  </div>
);
