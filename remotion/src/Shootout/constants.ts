/** @module Every layout number of the shootout videos, derived from one base size per orientation. */

export const FPS = 30;
/** YouTube Shorts are at most 60 s. */
export const SHORT_MAX_SECONDS = 60;

export const LANDSCAPE = { widthPx: 1920, heightPx: 1080 } as const;
export const PORTRAIT = { widthPx: 1080, heightPx: 1920 } as const;
export const THUMBNAIL = { widthPx: 1280, heightPx: 720 } as const;

/** Overlay lengths; each is also capped at a share of the program so a short test program still shows A/B. */
export const TITLE_SECONDS = 2.5;
export const TITLE_MAX_SHARE = 0.25;
export const INTRO_SECONDS = 1.6;
export const INTRO_MAX_SHARE_OF_CUE = 0.3;
export const END_SECONDS = 4;
export const END_MAX_SHARE = 0.2;
export const FADE_SECONDS = 0.25;

export const COLOURS = {
  background: "#0d0f14",
  panel: "#171a22",
  panelEdge: "#262b36",
  text: "#f3f4f6",
  muted: "#9aa3b2",
  target: "#ffffff",
} as const;

/**
 * The OCR-free marker: a solid square of the active chain's colour at a fixed place (top right, away from text and
 * antialiased edges), drawn above every overlay, so a test reads the active chain from one pixel of a decoded frame.
 */
export const MARKER = { sizePx: 48, insetPx: 16 } as const;

/** One orientation's layout, all in pixels. */
export interface Layout {
  widthPx: number;
  heightPx: number;
  basePx: number;
  paddingPx: number;
  headerHeightPx: number;
  /** Chain list: beside the stage (landscape) or above it (portrait). */
  chainListDirection: "column" | "row";
  chainListSizePx: number;
  waveformHeightPx: number;
}

const LANDSCAPE_BASE_PX = 24;
export const LANDSCAPE_LAYOUT: Layout = {
  ...LANDSCAPE,
  basePx: LANDSCAPE_BASE_PX,
  paddingPx: LANDSCAPE_BASE_PX * 2,
  headerHeightPx: LANDSCAPE_BASE_PX * 5,
  chainListDirection: "column",
  chainListSizePx: LANDSCAPE_BASE_PX * 20,
  waveformHeightPx: LANDSCAPE_BASE_PX * 8,
};

const PORTRAIT_BASE_PX = 26;
export const PORTRAIT_LAYOUT: Layout = {
  ...PORTRAIT,
  basePx: PORTRAIT_BASE_PX,
  paddingPx: PORTRAIT_BASE_PX * 2,
  headerHeightPx: PORTRAIT_BASE_PX * 9,
  chainListDirection: "row",
  chainListSizePx: PORTRAIT_BASE_PX * 9,
  waveformHeightPx: PORTRAIT_BASE_PX * 9,
};
