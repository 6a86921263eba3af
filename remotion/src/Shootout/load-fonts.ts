/**
 * @module Inter from `@fontsource/inter`: the bundler copies the woff2 files into the bundle, so fonts load from the
 * local render server with no network. Rendering waits until the weights used are ready, so no frame shows a fallback.
 */
import "@fontsource/inter/400.css";
import "@fontsource/inter/600.css";
import "@fontsource/inter/800.css";
import { continueRender, delayRender } from "remotion";

export const FONT_FAMILY = "Inter, sans-serif";

const handle = delayRender("Loading the Inter font");
Promise.all(["400", "600", "800"].map((weight) => document.fonts.load(`${weight} 32px Inter`)))
  .then(() => continueRender(handle))
  .catch((error: unknown) => {
    // A missing font must fail the render, not silently fall back.
    throw error instanceof Error ? error : new Error(String(error));
  });
