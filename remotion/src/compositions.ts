/**
 * @module The compositions for a Remotion Player (the app's live preview): the same `Shootout` and `ShootoutShort`
 * the render node renders, with the size Root.tsx registers and the timing their calculateMetadata gives. Unlike
 * index.ts, importing this registers no root, so a page can embed it.
 */
import { shootoutTiming, shortTiming, type VideoTiming } from "./helpers/calculate-shootout-metadata.ts";
import { LANDSCAPE, PORTRAIT } from "./Shootout/constants.ts";
import { Shootout } from "./Shootout/Shootout.tsx";
import { ShootoutShort } from "./Shootout/ShootoutShort.tsx";
import type { ShootoutProps } from "./shootout-props.ts";

export type CompositionId = "Shootout" | "ShootoutShort";

export interface PlayableComposition {
  component: React.FC<ShootoutProps>;
  widthPx: number;
  heightPx: number;
  timing: (props: ShootoutProps) => VideoTiming;
}

export const COMPOSITIONS: Record<CompositionId, PlayableComposition> = {
  Shootout: { component: Shootout, ...LANDSCAPE, timing: shootoutTiming },
  ShootoutShort: { component: ShootoutShort, ...PORTRAIT, timing: shortTiming },
};
