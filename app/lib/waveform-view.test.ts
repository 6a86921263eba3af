import { describe, expect, it } from "vitest";
import {
  clampView,
  ensureVisible,
  fitView,
  formatTick,
  MIN_SPAN_SECONDS,
  scrollView,
  tickStep,
  ticksIn,
  timeAt,
  viewOf,
  wheelScrollSeconds,
  wheelZoomFactor,
  xAt,
  zoomAround,
  zoomCentre,
} from "./waveform-view";

describe("the waveform's view", () => {
  it("maps pixels to seconds and back", () => {
    const view = { start: 2, span: 4 };
    expect(timeAt(view, 800, 0)).toBe(2);
    expect(timeAt(view, 800, 400)).toBe(4);
    expect(timeAt(view, 800, 800)).toBe(6);
    expect(xAt(view, 800, 5)).toBe(600);
    expect(xAt(view, 800, timeAt(view, 800, 123))).toBeCloseTo(123, 9);
    // Out of view: outside 0..width.
    expect(xAt(view, 800, 1)).toBe(-200);
  });

  it("starts showing the whole DI and keeps every window inside it", () => {
    expect(fitView(8)).toEqual({ start: 0, span: 8 });
    expect(clampView({ start: -3, span: 2 }, 8)).toEqual({ start: 0, span: 2 });
    expect(clampView({ start: 7, span: 2 }, 8)).toEqual({ start: 6, span: 2 });
    expect(clampView({ start: 1, span: 20 }, 8)).toEqual({ start: 0, span: 8 });
    expect(clampView({ start: 1, span: 0.01 }, 8).span).toBe(MIN_SPAN_SECONDS);
    const same = { start: 1, span: 2 };
    expect(clampView(same, 8)).toBe(same);
  });

  it("zooms around a point that stays under the same pixel", () => {
    const view = { start: 0, span: 8 };
    const zoomed = zoomAround(view, 8, 2, 6);
    expect(zoomed.span).toBe(4);
    // 6 s was 3/4 across; it still is.
    expect((6 - zoomed.start) / zoomed.span).toBeCloseTo(0.75, 9);
    expect(zoomCentre(view, 8, 4)).toEqual({ start: 3, span: 2 });
    // Never past the narrowest window, never wider than the DI, never outside it.
    expect(zoomAround(view, 8, 1e6, 4).span).toBe(MIN_SPAN_SECONDS);
    expect(zoomAround({ start: 6, span: 2 }, 8, 1 / 16, 7)).toEqual({ start: 0, span: 8 });
    expect(zoomAround(view, 8, Number.NaN, 4)).toBe(view);
  });

  it("scrolls, follows a moving edge and frames a riff", () => {
    expect(scrollView({ start: 2, span: 2 }, 8, 1.5)).toEqual({ start: 3.5, span: 2 });
    expect(scrollView({ start: 2, span: 2 }, 8, 100)).toEqual({ start: 6, span: 2 });
    const view = { start: 2, span: 2 };
    expect(ensureVisible(view, 8, 3)).toBe(view);
    expect(ensureVisible(view, 8, 5).start).toBeCloseTo(5 + 0.1 - 2, 9);
    expect(ensureVisible(view, 8, 0.5).start).toBe(0.4);
    const framed = viewOf(3, 5, 20);
    expect(framed.start).toBeLessThan(3);
    expect(framed.start + framed.span).toBeGreaterThan(5);
  });

  it("turns wheel and swipe deltas into zoom factors and seconds", () => {
    // A mouse notch (100 px) zooms by 2; the other way by 1/2; line and page modes are scaled to pixels.
    expect(wheelZoomFactor(-100)).toBeCloseTo(2, 9);
    expect(wheelZoomFactor(100)).toBeCloseTo(0.5, 9);
    expect(wheelZoomFactor(-3, 1)).toBeCloseTo(2 ** 0.99, 9);
    expect(wheelZoomFactor(-10_000)).toBeCloseTo(8, 9);
    expect(wheelScrollSeconds({ start: 0, span: 4 }, 800, 200)).toBe(1);
  });

  it("spaces ruler ticks on round numbers at least so many pixels apart", () => {
    expect(tickStep({ start: 0, span: 8 }, 800)).toBe(1);
    expect(tickStep({ start: 0, span: 1200 }, 800)).toBe(120);
    expect(tickStep({ start: 0, span: 0.25 }, 800)).toBe(0.05);
    expect(ticksIn({ start: 0.5, span: 3 }, 1)).toEqual([1, 2, 3]);
    expect(ticksIn({ start: 0, span: 0.3 }, 0.1)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(formatTick(2, 1)).toBe("2 s");
    expect(formatTick(0.25, 0.05)).toBe("0.25 s");
    expect(formatTick(125, 5)).toBe("2:05");
  });
});
