/**
 * The Remotion Player with one of the shootout compositions (loaded lazily by VideoPreview.tsx, in the browser only:
 * this module and everything it imports make up the preview's own chunk). Its size and length are the ones the
 * render node's calculateMetadata gives the same props.
 */
import { COMPOSITIONS, type CompositionId } from "@gts/remotion/compositions";
import type { ShootoutProps } from "@gts/remotion/props";
import { Player } from "@remotion/player";

export default function VideoPreviewPlayer({
  composition,
  props,
}: {
  composition: CompositionId;
  props: ShootoutProps;
}) {
  const { component, widthPx, heightPx, timing } = COMPOSITIONS[composition];
  const { fps, durationInFrames } = timing(props);
  return (
    <Player
      // An edit that changes the length starts the player afresh rather than leaving it past the new end.
      key={durationInFrames}
      component={component}
      inputProps={props}
      compositionWidth={widthPx}
      compositionHeight={heightPx}
      fps={fps}
      durationInFrames={durationInFrames}
      controls
      // Silent until a render exists: no volume control for a soundtrack there is not.
      showVolumeControls={props.audioSrc !== null}
      // When on, the player focuses its play button on mount and on every play/pause, pulling focus from the page.
      spaceKeyToPlayOrPause={false}
      // Drawn inside the composition's frame, which is scaled down to the page: hence the large type.
      errorFallback={({ error }) => (
        <p role="alert" className="form-message form-error" style={{ margin: "3rem", fontSize: "3rem" }}>
          The preview stopped: {error.message}
        </p>
      )}
      style={{ width: "100%", height: "100%" }}
    />
  );
}
