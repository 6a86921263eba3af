/** @module Every chain as a card; the active one filled with its colour and labelled, the others dimmed. */
import type { ChainCard } from "../shootout-props.ts";
import { COLOURS, type Layout } from "./constants.ts";

export const ChainList: React.FC<{ chains: readonly ChainCard[]; activeIndex: number; layout: Layout }> = ({
  chains,
  activeIndex,
  layout,
}) => {
  const b = layout.basePx;
  const row = layout.chainListDirection === "row";
  return (
    <div
      style={{
        display: "grid",
        gridTemplateColumns: row ? "1fr 1fr" : "1fr",
        gap: b * 0.5,
        alignContent: "start",
        ...(row ? { height: layout.chainListSizePx } : { width: layout.chainListSizePx }),
      }}
    >
      {chains.map((chain, index) => {
        const active = index === activeIndex;
        return (
          <div
            key={chain.name}
            style={{
              display: "flex",
              alignItems: "center",
              gap: b * 0.6,
              padding: `${b * 0.5}px ${b * 0.7}px`,
              borderRadius: b * 0.4,
              backgroundColor: active ? chain.colour : COLOURS.panel,
              border: `3px solid ${active ? chain.colour : COLOURS.panelEdge}`,
              opacity: active ? 1 : 0.6,
            }}
          >
            <div
              style={{
                width: b * 1.4,
                height: b * 1.4,
                flexShrink: 0,
                borderRadius: "50%",
                display: "flex",
                alignItems: "center",
                justifyContent: "center",
                fontWeight: 800,
                fontSize: b * 0.8,
                backgroundColor: active ? COLOURS.background : chain.colour,
                color: active ? chain.colour : COLOURS.background,
              }}
            >
              {String.fromCharCode(65 + index)}
            </div>
            <div
              style={{
                fontSize: b * 0.95,
                fontWeight: active ? 800 : 600,
                color: active ? COLOURS.background : COLOURS.text,
                whiteSpace: "nowrap",
                overflow: "hidden",
                textOverflow: "ellipsis",
              }}
            >
              {chain.name}
            </div>
          </div>
        );
      })}
    </div>
  );
};
