/** @module The OCR-free active-chain marker (see `MARKER` in constants.ts). */
import { MARKER } from "./constants.ts";

export const ActiveMarker: React.FC<{ colour: string }> = ({ colour }) => (
  <div
    style={{
      position: "absolute",
      top: MARKER.insetPx,
      right: MARKER.insetPx,
      width: MARKER.sizePx,
      height: MARKER.sizePx,
      backgroundColor: colour,
      borderRadius: 0,
    }}
  />
);
