/** @module `renderStillFrame`: one frame of a shootout composition as a PNG, for a person to look at after a change. */
import { renderStill, selectComposition } from "@remotion/renderer";
import { shootoutPropsSchema } from "../../../../remotion/src/shootout-props.ts";
import { bundleCompositions } from "../bundle-compositions.ts";
import { findChromium } from "../find-chromium.ts";
import type { ComparisonVideoProps, VideoComposition } from "../render-comparison.ts";

/** Renders the frame at `atSeconds`, or `secondsFromEnd` before the end (the end card sits in the last seconds). */
export async function renderStillFrame(options: {
  props: ComparisonVideoProps;
  composition: VideoComposition;
  at: { seconds: number } | { secondsFromEnd: number };
  outPath: string;
}): Promise<{ widthPx: number; heightPx: number }> {
  const chromium = findChromium();
  const common = {
    serveUrl: await bundleCompositions(),
    inputProps: shootoutPropsSchema.parse({ ...options.props, audioSrc: null }),
    browserExecutable: chromium.executable,
    chromeMode: chromium.chromeMode,
    chromiumOptions: { gl: "angle" },
    logLevel: "error",
  } as const;
  const composition = await selectComposition({ ...common, id: options.composition });
  const last = composition.durationInFrames - 1;
  const frame =
    "seconds" in options.at
      ? Math.min(last, Math.round(options.at.seconds * composition.fps))
      : Math.max(0, last - Math.round(options.at.secondsFromEnd * composition.fps));
  await renderStill({ ...common, composition, frame, output: options.outPath, imageFormat: "png", overwrite: true });
  return { widthPx: composition.width, heightPx: composition.height };
}
