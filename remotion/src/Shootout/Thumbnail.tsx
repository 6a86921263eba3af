/** @module The 1280×720 thumbnail still: title and the chains in their colours, readable at YouTube's small sizes. */
import { AbsoluteFill } from "remotion";
import { formatLevel } from "../helpers/format-level.ts";
import type { ShootoutProps } from "../shootout-props.ts";
import { COLOURS } from "./constants.ts";
import { FONT_FAMILY } from "./load-fonts.ts";

export const Thumbnail: React.FC<ShootoutProps> = (props) => (
  <AbsoluteFill
    style={{
      backgroundColor: COLOURS.background,
      fontFamily: FONT_FAMILY,
      padding: 64,
      justifyContent: "center",
      gap: 36,
    }}
  >
    <div style={{ fontSize: 72, fontWeight: 800, color: COLOURS.text, lineHeight: 1.05 }}>{props.title}</div>
    <div style={{ display: "flex", flexWrap: "wrap", gap: 20, alignItems: "center" }}>
      {props.chains.map((chain, index) => (
        <div key={chain.name} style={{ display: "flex", alignItems: "center", gap: 20 }}>
          {index > 0 ? <div style={{ fontSize: 40, fontWeight: 800, color: COLOURS.muted }}>vs</div> : null}
          <div
            style={{
              fontSize: 44,
              fontWeight: 800,
              color: COLOURS.background,
              backgroundColor: chain.colour,
              borderRadius: 14,
              padding: "10px 26px",
            }}
          >
            {chain.name}
          </div>
        </div>
      ))}
    </div>
    <div style={{ fontSize: 30, fontWeight: 600, color: COLOURS.muted }}>
      Loudness-matched to {formatLevel(props.achievedLufs, "LUFS")}
      {props.creator ? ` · by ${props.creator}` : ""}
    </div>
  </AbsoluteFill>
);
