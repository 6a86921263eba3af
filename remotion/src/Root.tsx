/** @module The compositions: the 16:9 video, the vertical short and the thumbnail, all from one props schema. */
import { Composition, Still } from "remotion";
import { DEMO_PROPS } from "./demo-props.ts";
import { calculateShootoutMetadata, calculateShortMetadata } from "./helpers/calculate-shootout-metadata.ts";
import { FPS, LANDSCAPE, PORTRAIT, THUMBNAIL } from "./Shootout/constants.ts";
import { Shootout } from "./Shootout/Shootout.tsx";
import { ShootoutShort } from "./Shootout/ShootoutShort.tsx";
import { Thumbnail } from "./Shootout/Thumbnail.tsx";
import { shootoutPropsSchema } from "./shootout-props.ts";

export const RemotionRoot: React.FC = () => (
  <>
    <Composition
      id="Shootout"
      component={Shootout}
      schema={shootoutPropsSchema}
      defaultProps={DEMO_PROPS}
      calculateMetadata={calculateShootoutMetadata}
      width={LANDSCAPE.widthPx}
      height={LANDSCAPE.heightPx}
      fps={FPS}
      durationInFrames={FPS}
    />
    <Composition
      id="ShootoutShort"
      component={ShootoutShort}
      schema={shootoutPropsSchema}
      defaultProps={DEMO_PROPS}
      calculateMetadata={calculateShortMetadata}
      width={PORTRAIT.widthPx}
      height={PORTRAIT.heightPx}
      fps={FPS}
      durationInFrames={FPS}
    />
    <Still
      id="Thumbnail"
      component={Thumbnail}
      schema={shootoutPropsSchema}
      defaultProps={DEMO_PROPS}
      width={THUMBNAIL.widthPx}
      height={THUMBNAIL.heightPx}
    />
  </>
);
