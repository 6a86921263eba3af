/**
 * @module The waveform's visible window and the mapping between its pixels and the DI's seconds: zooming around a
 * point (buttons zoom around the middle, Ctrl/⌘+wheel and pinch around the pointer), scrolling, following a handle
 * that moves out of view, and the ruler's tick spacing. No DOM here: the component measures, these functions map.
 */

/** The part of the DI on screen: from `start` for `span` seconds. */
export interface WaveformView {
  start: number;
  span: number;
}

/** The narrowest window: a quarter of a second still shows a few cycles of a low E, and edges to the millisecond. */
export const MIN_SPAN_SECONDS = 0.25;
/** Each zoom button press (and each notch of a mouse wheel, roughly) halves or doubles the span. */
export const ZOOM_STEP = 2;

/** The whole DI in view. */
export function fitView(duration: number): WaveformView {
  return { start: 0, span: duration > 0 ? duration : MIN_SPAN_SECONDS };
}

/** A window with a span between {@link MIN_SPAN_SECONDS} and the duration, inside [0, duration]. */
export function clampView(view: WaveformView, duration: number): WaveformView {
  const full = fitView(duration);
  const span = Math.min(full.span, Math.max(Math.min(MIN_SPAN_SECONDS, full.span), view.span));
  const start = Math.min(Math.max(0, view.start), Math.max(0, full.span - span));
  return start === view.start && span === view.span ? view : { start, span };
}

/** The time under pixel `x` of a waveform `width` pixels wide. */
export function timeAt(view: WaveformView, width: number, x: number): number {
  return width > 0 ? view.start + (x / width) * view.span : view.start;
}

/** The pixel of time `t` (may be outside 0..width when `t` is out of view). */
export function xAt(view: WaveformView, width: number, t: number): number {
  return ((t - view.start) / view.span) * width;
}

/** Zooms in (`factor` > 1) or out (`factor` < 1), keeping `anchor` (a time) under the same pixel. */
export function zoomAround(view: WaveformView, duration: number, factor: number, anchor: number): WaveformView {
  if (!(factor > 0) || !Number.isFinite(factor)) return view;
  const target = clampView({ start: 0, span: view.span / factor }, duration).span;
  const fraction = view.span > 0 ? (anchor - view.start) / view.span : 0;
  return clampView({ start: anchor - fraction * target, span: target }, duration);
}

/** Zooms around the middle of the view (the zoom buttons). */
export function zoomCentre(view: WaveformView, duration: number, factor: number): WaveformView {
  return zoomAround(view, duration, factor, view.start + view.span / 2);
}

/** Moves the window by `seconds` (negative: towards the start). */
export function scrollView(view: WaveformView, duration: number, seconds: number): WaveformView {
  return clampView({ start: view.start + seconds, span: view.span }, duration);
}

/** The window moved (not zoomed) just enough that `t` is in view with `margin` (a fraction of the span) to spare. */
export function ensureVisible(view: WaveformView, duration: number, t: number, margin = 0.05): WaveformView {
  const pad = view.span * margin;
  if (t < view.start + pad) return clampView({ start: t - pad, span: view.span }, duration);
  if (t > view.start + view.span - pad) return clampView({ start: t + pad - view.span, span: view.span }, duration);
  return view;
}

/** A window showing [from, to] with a little room on each side (e.g. "zoom to this riff"). */
export function viewOf(from: number, to: number, duration: number): WaveformView {
  const span = Math.max(MIN_SPAN_SECONDS, (to - from) * 1.2);
  return clampView({ start: (from + to) / 2 - span / 2, span }, duration);
}

/**
 * How much one wheel event zooms: `deltaY` in pixels (`deltaMode` 0), lines (1) or pages (2); a mouse notch
 * (≈ 100 px) zooms by about {@link ZOOM_STEP}, a trackpad pinch (Chrome sends small Ctrl+wheel deltas) smoothly.
 */
export function wheelZoomFactor(deltaY: number, deltaMode = 0): number {
  const pixels = deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 800 : deltaY;
  const clamped = Math.max(-300, Math.min(300, pixels));
  return ZOOM_STEP ** (-clamped / 100);
}

/** Seconds a horizontal wheel or trackpad swipe of `deltaPx` pixels scrolls a waveform `width` pixels wide. */
export function wheelScrollSeconds(view: WaveformView, width: number, deltaPx: number): number {
  return width > 0 ? (deltaPx / width) * view.span : 0;
}

const TICK_STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600];

/** The ruler's tick spacing in seconds: the smallest round step that leaves at least `minPx` between ticks. */
export function tickStep(view: WaveformView, width: number, minPx = 72): number {
  const secondsPerPx = width > 0 ? view.span / width : view.span;
  return TICK_STEPS.find((step) => step / secondsPerPx >= minPx) ?? (TICK_STEPS.at(-1) as number);
}

/** The ticks in view, as times (multiples of `step`). */
export function ticksIn(view: WaveformView, step: number): number[] {
  const out: number[] = [];
  const first = Math.ceil(view.start / step - 1e-9);
  for (let i = first; i * step <= view.start + view.span + 1e-9 && out.length < 1000; i++) {
    out.push(Number((i * step).toFixed(3)));
  }
  return out;
}

/** A tick's label: `m:ss` from a minute up, else seconds with as many decimals as the step needs. */
export function formatTick(t: number, step: number): string {
  const decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
  if (t >= 60 && step >= 1) {
    const minutes = Math.floor(t / 60);
    return `${minutes}:${String(Math.round(t - minutes * 60)).padStart(2, "0")}`;
  }
  return `${t.toFixed(decimals)} s`;
}
