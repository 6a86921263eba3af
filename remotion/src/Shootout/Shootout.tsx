/** @module The 16:9 shootout video (1920×1080, 30 fps). */
import type { ShootoutProps } from "../shootout-props.ts";
import { LANDSCAPE_LAYOUT } from "./constants.ts";
import { ShootoutView } from "./ShootoutView.tsx";

export const Shootout: React.FC<ShootoutProps> = (props) => <ShootoutView props={props} layout={LANDSCAPE_LAYOUT} />;
