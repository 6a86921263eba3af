/** @module The vertical short (1080×1920, 30 fps, at most 60 s: its length comes from `shortDurationSeconds`). */
import type { ShootoutProps } from "../shootout-props.ts";
import { PORTRAIT_LAYOUT } from "./constants.ts";
import { ShootoutView } from "./ShootoutView.tsx";

export const ShootoutShort: React.FC<ShootoutProps> = (props) => (
  <ShootoutView props={props} layout={PORTRAIT_LAYOUT} />
);
