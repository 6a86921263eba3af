import type { DiChannel } from "@gts/api/contract";
import {
  type KeyboardEvent as ReactKeyboardEvent,
  type PointerEvent as ReactPointerEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { auditions, PLAY_FROM_HERE_SECONDS } from "../lib/di-audio";
import type { EditorRiff } from "../lib/di-tracks";
import { formatSeconds } from "../lib/format";
import { BASE_BUCKET_FRAMES, type ColumnPeaks, columnPeaks, samplePeaks } from "../lib/peak-pyramid";
import {
  describeSpan,
  draftSpan,
  edgeRange,
  formatTime,
  gapAt,
  moveEdge,
  moveSpan,
  rowSpans,
  type Span,
  spanAt,
} from "../lib/riff-editor";
import { useAudition, useDiAudio } from "../lib/use-di-audio";
import {
  clampView,
  ensureVisible,
  fitView,
  formatTick,
  scrollView,
  tickStep,
  ticksIn,
  timeAt,
  type WaveformView,
  wheelScrollSeconds,
  wheelZoomFactor,
  xAt,
  ZOOM_STEP,
  zoomAround,
  zoomCentre,
} from "../lib/waveform-view";

export interface RiffWaveformProps {
  /** Track index, for labels. */
  track: number;
  /** The track's key: who an audition belongs to. */
  owner: string;
  assetId: string;
  diName: string;
  durationSeconds: number | null;
  sampleRateHz: number | null;
  channels: number | null;
  /** Sample peak of the DI, to scale quiet DIs up to a readable height. */
  peakDbfs: number | null;
  channel: DiChannel;
  riffs: readonly EditorRiff[];
  canAdd: boolean;
  onAdd: (span: Span) => void;
  onSet: (riff: number, values: { start?: string; end?: string }) => void;
  onRemove: (riff: number) => void;
  announce: (message: string) => void;
}

const HEIGHT = 132;
const RULER = 18;
/** Pointer travel (px) before a press becomes a drag rather than a click. */
const DRAG_PX = 4;
const KEY_STEP = 0.01;
const KEY_STEP_LARGE = 0.1;
const KEY_STEP_PAGE = 1;

const COLOURS = {
  background: "#0e0e10",
  ruler: "#1a1a1e",
  tick: "#55555f",
  tickText: "#a0a0ab",
  centre: "#2c2c33",
  wave: "#b8b8c4",
  waveInRiff: "#ffd28a",
  riff: "rgb(245 165 36 / 0.16)",
  riffEdge: "#f5a524",
  riffLabel: "#f5a524",
  draft: "rgb(59 130 246 / 0.28)",
  draftEdge: "#3b82f6",
  playhead: "#4ade80",
};

type Gesture =
  | { kind: "press"; pointerId: number; x0: number; t0: number; riff: number; grab: number }
  | { kind: "create"; pointerId: number; anchor: number }
  | { kind: "move"; pointerId: number; riff: number; grab: number }
  | { kind: "edge"; pointerId: number; riff: number; edge: "start" | "end" }
  | { kind: "pinch"; distance: number; view: WaveformView; anchor: number };

/**
 * A DI's waveform with its riffs, on a canvas: zoom with the buttons, Ctrl/⌘+wheel or a pinch, scroll with the
 * scrollbar or a horizontal wheel/swipe; drag across free waveform to mark a riff, drag a riff to move it, drag its
 * edge handles to trim it; click to audition from that point (inside a riff: to its end). Each edge handle is also a
 * focusable slider moved with the arrow keys (Shift: larger steps, Page Up/Down: a second, Home/End: as far as it
 * goes) and Delete removes its riff. Riffs never overlap or leave the DI. The number fields beside it stay the form's
 * truth: every edit here goes through them.
 */
export function RiffWaveform(props: RiffWaveformProps) {
  const { track, owner, assetId, riffs, channel } = props;
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [visible, setVisible] = useState(false);
  const [width, setWidth] = useState(0);
  const { state, peaks } = useDiAudio(
    assetId,
    { sampleRateHz: props.sampleRateHz, channels: props.channels },
    channel,
    visible,
  );
  const source = state.phase === "ready" ? state.source : null;
  const duration = source ? source.frames / source.sampleRateHz : (props.durationSeconds ?? 0);
  const [view, setView] = useState<WaveformView>(() => fitView(duration));
  const [draft, setDraft] = useState<Span | null>(null);
  const gesture = useRef<Gesture | null>(null);
  const touches = useRef(new Map<number, number>());
  const audition = useAudition();
  const mine = audition?.owner === owner ? audition : null;
  const spans = rowSpans(riffs);

  // A new DI (or its real length once loaded): show all of it.
  useEffect(() => setView(fitView(duration)), [duration]);
  const shown = clampView(view, duration);

  // Load when the waveform first comes near the view (a closed panel's does not).
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setVisible(true);
          observer.disconnect();
        }
      },
      // Starts a little before it scrolls into view.
      { rootMargin: "400px 0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(Math.floor(element.clientWidth)));
    observer.observe(element);
    setWidth(Math.floor(element.clientWidth));
    return () => observer.disconnect();
  }, []);

  // Everything the drawing needs, read at paint time (the playhead repaints every frame without React).
  const latest = useRef({ shown, width, spans, draft, peaks, source, channel, mine, peakDbfs: props.peakDbfs });
  latest.current = { shown, width, spans, draft, peaks, source, channel, mine, peakDbfs: props.peakDbfs };
  const frame = useRef(0);
  const requestDraw = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const element = canvas.current;
      if (element) drawWaveform(element, latest.current);
      if (latest.current.mine) requestDraw();
    });
  }, []);
  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    },
    [],
  );
  useEffect(requestDraw);

  const timeOf = (clientX: number) => {
    const rect = canvas.current?.getBoundingClientRect();
    return timeAt(shown, rect?.width ?? width, clientX - (rect?.left ?? 0));
  };
  const xOf = (clientX: number) => clientX - (canvas.current?.getBoundingClientRect().left ?? 0);
  const clampTime = (t: number) => Math.min(duration, Math.max(0, t));

  const play = (from: number, to: number) => {
    if (!source) return;
    void auditions.play(owner, source, channel, from, to);
  };
  const playRiff = (i: number) => {
    const span = spans[i];
    if (span) play(span.start, Math.min(span.end, duration));
  };

  // Ctrl/⌘+wheel (and a trackpad pinch, which Chrome and Safari send as one) zooms at the pointer; a horizontal
  // wheel or swipe scrolls. A plain vertical wheel is left to the page.
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      const rect = element.getBoundingClientRect();
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        const anchor = timeAt(latest.current.shown, rect.width, event.clientX - rect.left);
        setView((v) =>
          zoomAround(clampView(v, duration), duration, wheelZoomFactor(event.deltaY, event.deltaMode), anchor),
        );
      } else if (Math.abs(event.deltaX) > Math.abs(event.deltaY) || event.shiftKey) {
        event.preventDefault();
        const delta = event.shiftKey && !event.deltaX ? event.deltaY : event.deltaX;
        setView((v) => scrollView(clampView(v, duration), duration, wheelScrollSeconds(v, rect.width, delta)));
      }
    };
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => element.removeEventListener("wheel", onWheel);
  }, [duration]);

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (!source || event.button !== 0) return;
    if (event.pointerType === "touch") {
      touches.current.set(event.pointerId, event.clientX);
      if (touches.current.size === 2) {
        const [a, b] = [...touches.current.values()] as [number, number];
        gesture.current = {
          kind: "pinch",
          distance: Math.max(8, Math.abs(a - b)),
          view: shown,
          anchor: timeOf((a + b) / 2),
        };
        setDraft(null);
        return;
      }
    }
    event.currentTarget.setPointerCapture(event.pointerId);
    const t = timeOf(event.clientX);
    const riff = spanAt(spans, t);
    gesture.current = {
      kind: "press",
      pointerId: event.pointerId,
      x0: event.clientX,
      t0: t,
      riff,
      grab: riff >= 0 ? t - (spans[riff] as Span).start : 0,
    };
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const g = gesture.current;
    if (!g) {
      const t = timeOf(event.clientX);
      event.currentTarget.style.cursor = !source ? "default" : spanAt(spans, t) >= 0 ? "grab" : "crosshair";
      return;
    }
    if (g.kind === "pinch") {
      touches.current.set(event.pointerId, event.clientX);
      const [a, b] = [...touches.current.values()] as [number, number];
      const factor = Math.max(8, Math.abs(a - b)) / g.distance;
      setView(zoomAround(g.view, duration, factor, g.anchor));
      return;
    }
    if (event.pointerId !== g.pointerId) return;
    // Dragging past either end scrolls the view along.
    const x = xOf(event.clientX);
    if (x < 0 || x > width) {
      const over = x < 0 ? x : x - width;
      setView((v) => scrollView(clampView(v, duration), duration, (over / Math.max(1, width)) * v.span * 0.2));
    }
    const t = clampTime(timeOf(event.clientX));
    if (g.kind === "press") {
      if (Math.abs(event.clientX - g.x0) < DRAG_PX) return;
      gesture.current =
        g.riff >= 0
          ? { kind: "move", pointerId: g.pointerId, riff: g.riff, grab: g.grab }
          : { kind: "create", pointerId: g.pointerId, anchor: g.t0 };
      event.currentTarget.style.cursor = g.riff >= 0 ? "grabbing" : "crosshair";
    }
    const current = gesture.current;
    if (current?.kind === "create") {
      setDraft(props.canAdd ? draftSpan(spans, current.anchor, t, duration) : null);
    } else if (current?.kind === "move") {
      const moved = moveSpan(spans, current.riff, t - current.grab, duration);
      const was = spans[current.riff];
      if (moved && was && moved.start !== was.start) {
        props.onSet(current.riff, { start: formatTime(moved.start), end: formatTime(moved.end) });
      }
    }
  };

  const finish = (event: ReactPointerEvent<HTMLCanvasElement>, cancelled: boolean) => {
    touches.current.delete(event.pointerId);
    const g = gesture.current;
    if (!g || (g.kind !== "pinch" && g.pointerId !== event.pointerId)) return;
    if (g.kind === "pinch") {
      if (touches.current.size === 0) gesture.current = null;
      return;
    }
    gesture.current = null;
    setDraft(null);
    if (cancelled) return;
    if (g.kind === "press") {
      // A click: audition from here, to the end of the riff it is in (or a few seconds, outside riffs).
      const span = g.riff >= 0 ? spans[g.riff] : null;
      const gap = gapAt(spans, g.t0, duration);
      const to = span ? span.end : Math.min(gap?.end ?? duration, g.t0 + PLAY_FROM_HERE_SECONDS);
      play(g.t0, Math.min(to, duration));
    } else if (g.kind === "create") {
      const span = draftSpan(spans, g.anchor, clampTime(timeOf(event.clientX)), duration);
      if (span && props.canAdd) {
        props.onAdd(span);
        props.announce(`Marked a riff from ${describeSpan(span)}`);
      }
    } else if (g.kind === "move") {
      const span = spans[g.riff];
      if (span) props.announce(`Moved riff ${g.riff + 1} to ${describeSpan(span)}`);
    }
  };

  const onEdgeKey = (event: ReactKeyboardEvent<HTMLElement>, riff: number, edge: "start" | "end") => {
    const span = spans[riff];
    const range = edgeRange(spans, riff, edge, duration);
    if (!span || !range) return;
    const value = span[edge];
    const step = event.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
    let to: number | null = null;
    if (event.key === "ArrowLeft" || event.key === "ArrowDown") to = value - step;
    else if (event.key === "ArrowRight" || event.key === "ArrowUp") to = value + step;
    else if (event.key === "PageDown") to = value - KEY_STEP_PAGE;
    else if (event.key === "PageUp") to = value + KEY_STEP_PAGE;
    else if (event.key === "Home") to = range.start;
    else if (event.key === "End") to = range.end;
    else if (event.key === "Delete") {
      event.preventDefault();
      props.onRemove(riff);
      return;
    } else if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      playRiff(riff);
      return;
    }
    if (to === null) return;
    event.preventDefault();
    const moved = moveEdge(spans, riff, edge, to, duration);
    if (moved === null) return;
    props.onSet(riff, { [edge]: formatTime(moved) });
    setView((v) => ensureVisible(clampView(v, duration), duration, moved));
  };

  const onEdgePointerDown = (event: ReactPointerEvent<HTMLElement>, riff: number, edge: "start" | "end") => {
    if (event.button !== 0) return;
    event.stopPropagation();
    event.preventDefault();
    (event.currentTarget as HTMLElement).focus();
    event.currentTarget.setPointerCapture(event.pointerId);
    gesture.current = { kind: "edge", pointerId: event.pointerId, riff, edge };
  };
  const onEdgePointerMove = (event: ReactPointerEvent<HTMLElement>) => {
    const g = gesture.current;
    if (g?.kind !== "edge" || g.pointerId !== event.pointerId) return;
    const x = xOf(event.clientX);
    if (x < 0 || x > width) {
      const over = x < 0 ? x : x - width;
      setView((v) => scrollView(clampView(v, duration), duration, (over / Math.max(1, width)) * v.span * 0.2));
    }
    const moved = moveEdge(spans, g.riff, g.edge, clampTime(timeOf(event.clientX)), duration);
    if (moved !== null && moved !== spans[g.riff]?.[g.edge]) props.onSet(g.riff, { [g.edge]: formatTime(moved) });
  };
  const onEdgePointerUp = (event: ReactPointerEvent<HTMLElement>) => {
    const g = gesture.current;
    if (g?.kind !== "edge" || g.pointerId !== event.pointerId) return;
    gesture.current = null;
    const span = spans[g.riff];
    if (span) props.announce(`Riff ${g.riff + 1} ${g.edge} at ${formatTime(span[g.edge])} s`);
  };

  const zoom = (factor: number) => setView(zoomCentre(shown, duration, factor));
  const maxScroll = Math.max(0, duration - shown.span);
  const loading =
    state.phase === "idle" || state.phase === "loading"
      ? `Loading the DI…${state.phase === "loading" && state.total ? ` ${Math.round((100 * state.received) / state.total)}%` : ""}`
      : state.phase === "decoding"
        ? "Decoding the DI…"
        : state.phase === "ready" && !peaks.pyramid?.finished
          ? `Drawing the waveform…${peaks.pyramid ? ` ${Math.round((100 * peaks.pyramid.framesDone) / Math.max(1, peaks.pyramid.frames))}%` : ""}`
          : null;
  const statusId = `di-${track}-waveform-status`;
  const helpId = `di-${track}-waveform-help`;
  const dataState = state.phase === "ready" ? (peaks.pyramid?.finished ? "ready" : "analysing") : state.phase;

  return (
    <div className="riff-waveform" data-testid="riff-waveform" data-state={dataState}>
      <div className="waveform-toolbar">
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => zoom(ZOOM_STEP)}
          disabled={!source || shown.span <= 0.2501}
        >
          Zoom in
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => zoom(1 / ZOOM_STEP)}
          disabled={!source || shown.span >= duration}
        >
          Zoom out
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => setView(fitView(duration))}
          disabled={!source || shown.span >= duration}
        >
          Show all
        </button>
        {mine ? (
          <button type="button" className="button button-small" onClick={() => auditions.stop()}>
            Stop
          </button>
        ) : (
          <button
            type="button"
            className="button button-quiet button-small"
            disabled={!source}
            onClick={() =>
              play(shown.start, Math.min(duration, shown.start + Math.min(shown.span, PLAY_FROM_HERE_SECONDS)))
            }
          >
            Play view
          </button>
        )}
        <span className="hint waveform-range" id={statusId}>
          {state.phase === "error"
            ? null
            : (loading ??
              `${formatTime(shown.start)}–${formatTime(shown.start + shown.span)} s of ${formatSeconds(duration)}${mine ? " · playing" : ""}`)}
        </span>
      </div>
      {state.phase === "error" && (
        <p className="field-error" role="alert">
          Waveform unavailable: {state.message}
        </p>
      )}
      <div className="waveform-stage" ref={container} style={{ height: HEIGHT }}>
        <canvas
          ref={canvas}
          data-testid="waveform"
          data-view-start={shown.start}
          data-view-span={shown.span}
          data-playing={mine ? "true" : undefined}
          role="img"
          aria-label={`Waveform of ${props.diName}: ${spans.filter(Boolean).length} riffs marked`}
          aria-describedby={`${statusId} ${helpId}`}
          style={{ width: "100%", height: HEIGHT }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={(event) => finish(event, false)}
          onPointerCancel={(event) => finish(event, true)}
          onLostPointerCapture={(event) => {
            if (gesture.current && gesture.current.kind !== "pinch" && gesture.current.pointerId === event.pointerId) {
              gesture.current = null;
              setDraft(null);
            }
          }}
        />
        {source &&
          width > 0 &&
          spans.map((span, i) => {
            if (!span) return null;
            const key = riffs[i]?.key ?? String(i);
            return (["start", "end"] as const).map((edge) => {
              const x = xAt(shown, width, span[edge]);
              const range = edgeRange(spans, i, edge, duration) as Span;
              const off = x < 0 || x > width;
              return (
                <div
                  key={`${key}-${edge}`}
                  role="slider"
                  tabIndex={0}
                  className={`riff-handle riff-handle-${edge}${off ? " riff-handle-off" : ""}`}
                  style={{ left: Math.min(width, Math.max(0, x)) }}
                  aria-label={`Riff ${i + 1} ${edge}`}
                  aria-valuemin={range.start}
                  aria-valuemax={Math.min(range.end, duration)}
                  aria-valuenow={span[edge]}
                  aria-valuetext={`${formatTime(span[edge])} seconds`}
                  aria-describedby={helpId}
                  data-testid={`riff-${i}-${edge}-handle`}
                  onKeyDown={(event) => onEdgeKey(event, i, edge)}
                  onFocus={() => setView((v) => ensureVisible(clampView(v, duration), duration, span[edge]))}
                  onPointerDown={(event) => onEdgePointerDown(event, i, edge)}
                  onPointerMove={onEdgePointerMove}
                  onPointerUp={onEdgePointerUp}
                  onPointerCancel={() => {
                    gesture.current = null;
                  }}
                />
              );
            });
          })}
      </div>
      <label className="waveform-scroll">
        <span className="visually-hidden">Scroll the waveform of {props.diName}</span>
        <input
          type="range"
          min={0}
          max={maxScroll || 0}
          step="any"
          value={Math.min(shown.start, maxScroll)}
          disabled={!source || maxScroll <= 0}
          onChange={(event) => setView(clampView({ start: Number(event.target.value), span: shown.span }, duration))}
        />
      </label>
      <p className="hint" id={helpId}>
        Drag across the waveform to mark a riff, drag a riff to move it, drag its edges to trim it; click to listen from
        there. Ctrl/⌘ + wheel or pinch zooms. Edge handles: arrow keys move 10 ms (Shift: 100 ms, Page Up/Down: 1 s),
        Space plays the riff, Delete removes it.
      </p>
    </div>
  );
}

interface DrawInput {
  shown: WaveformView;
  width: number;
  spans: (Span | null)[];
  draft: Span | null;
  peaks: ReturnType<typeof useDiAudio>["peaks"];
  source: import("../lib/pcm-audio").AudioSource | null;
  channel: DiChannel;
  mine: { from: number; to: number; startedAt: number } | null;
  peakDbfs: number | null;
}

let scratch = new Float32Array(0);

/** The columns to draw: from the samples when zoomed in past the pyramid's finest level, else from the pyramid. */
function peaksFor(input: DrawInput, columns: number): ColumnPeaks | null {
  const { source, shown, peaks } = input;
  if (!source) return null;
  const rate = source.sampleRateHz;
  const framesPerColumn = (shown.span * rate) / columns;
  const startFrame = shown.start * rate;
  if (framesPerColumn < BASE_BUCKET_FRAMES) {
    const first = Math.max(0, Math.floor(startFrame));
    const count = Math.ceil(framesPerColumn * columns) + 2;
    if (scratch.length < count) scratch = new Float32Array(count);
    const read = source.read(input.channel, first, count, scratch);
    return samplePeaks(scratch, first, read, startFrame, framesPerColumn, columns);
  }
  return peaks.pyramid ? columnPeaks(peaks.pyramid, startFrame, framesPerColumn, columns) : null;
}

function drawWaveform(canvas: HTMLCanvasElement, input: DrawInput) {
  const { shown, width, spans, draft, mine } = input;
  if (width <= 0) return;
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(HEIGHT * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(HEIGHT * ratio);
  }
  const g = canvas.getContext("2d");
  if (!g) return;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.fillStyle = COLOURS.background;
  g.fillRect(0, 0, width, HEIGHT);

  // Ruler.
  g.fillStyle = COLOURS.ruler;
  g.fillRect(0, 0, width, RULER);
  const step = tickStep(shown, width);
  g.font = "11px system-ui, sans-serif";
  g.textBaseline = "middle";
  for (const t of ticksIn(shown, step)) {
    const x = Math.round(xAt(shown, width, t)) + 0.5;
    g.fillStyle = COLOURS.tick;
    g.fillRect(x, RULER - 6, 1, 6);
    g.fillStyle = COLOURS.tickText;
    g.fillText(formatTick(t, step), x + 3, RULER / 2 - 1);
  }

  const top = RULER;
  const height = HEIGHT - RULER;
  const middle = top + height / 2;
  // Riffs behind the waveform.
  for (const [i, span] of spans.entries()) {
    if (!span) continue;
    const x0 = xAt(shown, width, span.start);
    const x1 = xAt(shown, width, span.end);
    if (x1 < 0 || x0 > width) continue;
    g.fillStyle = COLOURS.riff;
    g.fillRect(x0, top, x1 - x0, height);
    g.fillStyle = COLOURS.riffEdge;
    g.fillRect(Math.round(x0), top, 2, height);
    g.fillRect(Math.round(x1) - 2, top, 2, height);
    g.fillStyle = COLOURS.riffLabel;
    g.font = "bold 12px system-ui, sans-serif";
    g.textBaseline = "top";
    g.fillText(String(i + 1), Math.max(x0, 0) + 6, top + 4);
  }
  if (draft) {
    const x0 = xAt(shown, width, draft.start);
    const x1 = xAt(shown, width, draft.end);
    g.fillStyle = COLOURS.draft;
    g.fillRect(x0, top, x1 - x0, height);
    g.fillStyle = COLOURS.draftEdge;
    g.fillRect(Math.round(x0), top, 1, height);
    g.fillRect(Math.round(x1) - 1, top, 1, height);
  }

  g.fillStyle = COLOURS.centre;
  g.fillRect(0, Math.round(middle), width, 1);
  const columns = Math.max(1, Math.floor(width));
  const peaks = peaksFor(input, columns);
  if (peaks) {
    const peak = input.peakDbfs !== null ? 10 ** (input.peakDbfs / 20) : 1;
    // Quiet DIs are scaled up to fill most of the height (at most 8×, so noise stays noise).
    const scale = ((height / 2) * 0.92) / Math.min(1, Math.max(peak, 1 / 8));
    for (let c = 0; c < columns; c++) {
      const lo = peaks.min[c] as number;
      const hi = peaks.max[c] as number;
      if (Number.isNaN(lo) || Number.isNaN(hi)) continue;
      const t = timeAt(shown, width, c + 0.5);
      g.fillStyle = spanAt(spans, t) >= 0 ? COLOURS.waveInRiff : COLOURS.wave;
      const y0 = Math.max(top, middle - hi * scale);
      const y1 = Math.min(top + height, middle - lo * scale);
      g.fillRect(c, y0, 1, Math.max(1, y1 - y0));
    }
  }

  if (mine) {
    const position = auditions.position();
    if (position !== null) {
      const x = xAt(shown, width, position);
      if (x >= 0 && x <= width) {
        g.fillStyle = COLOURS.playhead;
        g.fillRect(Math.round(x), 0, 2, HEIGHT);
      }
    }
  }
}
