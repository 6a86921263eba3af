/**
 * @module Riff regions as the waveform edits them: marking a new one by dragging across free waveform, moving an
 * edge or a whole riff without crossing its neighbours or the DI's ends, and checking typed values the way the
 * contract will (numbers, end after start, in order without overlap, within the DI) so mistakes show while typing.
 * Times are seconds, rounded to the millisecond; rows are as typed (strings), spans are the rows that parse.
 */
import { formatNumber, MAX_RIFFS_PER_DI } from "@gts/api/contract";

export { MAX_RIFFS_PER_DI };

/** A riff's region, in seconds from the DI's start (end exclusive). */
export interface Span {
  start: number;
  end: number;
}

/** A riff row as typed in its start and end fields. */
export interface RiffRow {
  start: string;
  end: string;
}

/** The shortest riff the waveform makes: shorter drags are clicks (audition), not riffs. */
export const MIN_RIFF_SECONDS = 0.05;
/** A new riff from the "Add riff" button is this long (or as long as the room left), as the `ab` default plays. */
export const NEW_RIFF_SECONDS = 4;

/** A time rounded to the millisecond (riff edges are typed and stored to 3 decimals). */
export function roundTime(t: number): number {
  return Math.round(t * 1000) / 1000;
}

/** A time as a riff field shows it: at most 3 decimals, no float noise. */
export function formatTime(t: number): string {
  return formatNumber(roundTime(t));
}

/** A typed number of seconds, or NaN for empty or not a number. */
export function parseSeconds(value: string): number {
  const trimmed = value.trim();
  return trimmed === "" ? Number.NaN : Number(trimmed);
}

/** A row's start: an empty start beside a typed end is the DI's start (0), as the builder has always sent it. */
export function rowStart(row: RiffRow): number {
  return row.start.trim() === "" && row.end.trim() !== "" ? 0 : parseSeconds(row.start);
}

/** Each row's region, or null where the row is not two numbers with the end after the start. */
export function rowSpans(rows: readonly RiffRow[]): (Span | null)[] {
  return rows.map((row) => {
    const start = rowStart(row);
    const end = parseSeconds(row.end);
    return Number.isFinite(start) && Number.isFinite(end) && end > start ? { start, end } : null;
  });
}

/** The DI's end, down to the millisecond, so a limit rounded for display never lies past the real end. */
export function endLimit(duration: number | null | undefined): number {
  return duration !== null && duration !== undefined && duration > 0
    ? Math.floor(duration * 1000 + 1e-6) / 1000
    : Number.POSITIVE_INFINITY;
}

const limitOf = endLimit;

/** True when riff `j` comes before riff `i` (by start; equal starts by position). */
const before = (spans: readonly (Span | null)[], j: number, i: number) => {
  const a = spans[j];
  const b = spans[i];
  return !!a && !!b && (a.start < b.start || (a.start === b.start && j < i));
};

/** Where riff `i` may extend to: from the end of the riff before it (or 0) to the start of the one after (or the DI's end). */
export function neighbourBounds(spans: readonly (Span | null)[], i: number, duration?: number | null): Span {
  let lo = 0;
  let hi = limitOf(duration);
  for (const [j, span] of spans.entries()) {
    if (j === i || !span || !spans[i]) continue;
    if (before(spans, j, i)) lo = Math.max(lo, span.end);
    else hi = Math.min(hi, span.start);
  }
  return { start: lo, end: hi };
}

const clamp = (t: number, lo: number, hi: number) => Math.min(Math.max(t, lo), Math.max(lo, hi));

/** How far an edge of riff `i` may move: the start up to just before its end, the end from just after its start. */
export function edgeRange(
  spans: readonly (Span | null)[],
  i: number,
  edge: "start" | "end",
  duration?: number | null,
): Span | null {
  const span = spans[i];
  if (!span) return null;
  const bounds = neighbourBounds(spans, i, duration);
  if (edge === "start") {
    const max = Math.max(0, span.end - MIN_RIFF_SECONDS);
    return { start: Math.min(bounds.start, max), end: max };
  }
  const min = span.start + MIN_RIFF_SECONDS;
  return { start: min, end: Math.max(min, bounds.end) };
}

/** Where an edge of riff `i` lands when dragged (or keyed) to `t`: within {@link edgeRange}, to the millisecond. */
export function moveEdge(
  spans: readonly (Span | null)[],
  i: number,
  edge: "start" | "end",
  t: number,
  duration?: number | null,
): number | null {
  const range = edgeRange(spans, i, edge, duration);
  if (!range) return null;
  // Rounding may step just past a limit that is not on the millisecond grid; clamp after it.
  return clamp(roundTime(t), range.start, range.end);
}

/** Riff `i` moved whole to start at `start`, kept between its neighbours (unchanged when it does not fit). */
export function moveSpan(
  spans: readonly (Span | null)[],
  i: number,
  start: number,
  duration?: number | null,
): Span | null {
  const span = spans[i];
  if (!span) return null;
  const length = span.end - span.start;
  const bounds = neighbourBounds(spans, i, duration);
  if (bounds.end - bounds.start < length) return span;
  const from = clamp(roundTime(start), bounds.start, bounds.end - length);
  return { start: from, end: roundTime(from + length) };
}

/** The index of the riff that holds `t` (start inclusive, end exclusive), or -1. */
export function spanAt(spans: readonly (Span | null)[], t: number): number {
  return spans.findIndex((span) => !!span && t >= span.start && t < span.end);
}

/** The free stretch around `t`, between riffs (or the DI's ends); null when `t` is inside a riff or outside the DI. */
export function gapAt(spans: readonly (Span | null)[], t: number, duration?: number | null): Span | null {
  const limit = limitOf(duration);
  if (t < 0 || t >= limit || spanAt(spans, t) >= 0) return null;
  let start = 0;
  let end = limit;
  for (const span of spans) {
    if (!span) continue;
    if (span.end <= t) start = Math.max(start, span.end);
    else if (span.start > t) end = Math.min(end, span.start);
  }
  return { start, end };
}

/**
 * The riff a drag from `anchor` to `t` marks: the stretch between them, kept inside the free gap the drag started
 * in, to the millisecond. Null when the drag starts inside a riff, or covers less than {@link MIN_RIFF_SECONDS}.
 */
export function draftSpan(
  spans: readonly (Span | null)[],
  anchor: number,
  t: number,
  duration?: number | null,
): Span | null {
  const gap = gapAt(spans, anchor, duration);
  if (!gap) return null;
  const start = roundTime(clamp(Math.min(anchor, t), gap.start, gap.end));
  const end = roundTime(clamp(Math.max(anchor, t), gap.start, gap.end));
  const fitted = { start: Math.max(start, gap.start), end: Math.min(end, gap.end) };
  return fitted.end - fitted.start >= MIN_RIFF_SECONDS - 1e-9 ? fitted : null;
}

/** The row a riff starting at `start` goes to, so riffs stay in time order (after rows that do not parse). */
export function sortedIndex(spans: readonly (Span | null)[], start: number): number {
  let at = spans.length;
  for (let i = spans.length - 1; i >= 0; i--) {
    const span = spans[i];
    if (span && span.start > start) at = i;
  }
  return at;
}

/**
 * Where the "Add riff" button puts a riff: right after the last riff, `length` long or as long as there is room,
 * else in the first gap long enough for a minimal riff; null when the DI has no room left.
 */
export function nextFreeSpan(
  spans: readonly (Span | null)[],
  duration: number | null | undefined,
  length = NEW_RIFF_SECONDS,
): Span | null {
  const limit = limitOf(duration);
  const valid = spans.filter((s): s is Span => !!s).sort((a, b) => a.start - b.start);
  const lastEnd = valid.reduce((end, span) => Math.max(end, span.end), 0);
  const candidates: Span[] = [{ start: lastEnd, end: limit }];
  let from = 0;
  for (const span of valid) {
    candidates.push({ start: from, end: span.start });
    from = Math.max(from, span.end);
  }
  for (const gap of candidates) {
    if (gap.end - gap.start >= MIN_RIFF_SECONDS) {
      return { start: roundTime(gap.start), end: roundTime(Math.min(gap.end, gap.start + length)) };
    }
  }
  return null;
}

/** What is wrong with a row's start and end, in words beside the fields. */
export interface RiffProblems {
  start?: string;
  end?: string;
}

/**
 * Each row checked as the contract and the api will (rows with both fields empty are left out when sent, so they
 * have no problems): numbers, start at least 0, end after start, in time order without overlap, within the DI.
 */
export function riffProblems(rows: readonly RiffRow[], duration?: number | null): RiffProblems[] {
  // The real end: the api checks against it, not against the millisecond below it.
  const limit = duration !== null && duration !== undefined && duration > 0 ? duration : Number.POSITIVE_INFINITY;
  let previous: { end: number; row: number } | null = null;
  return rows.map((row, i) => {
    const problems: RiffProblems = {};
    if (row.start.trim() === "" && row.end.trim() === "") return problems;
    const start = rowStart(row);
    const end = parseSeconds(row.end);
    if (!Number.isFinite(start)) problems.start = "Start must be a number of seconds";
    else if (start < 0) problems.start = "Start must be at least 0 s";
    else if (start >= limit) problems.start = `Starts after the DI ends (${formatTime(endLimit(limit))} s)`;
    if (!Number.isFinite(end)) problems.end = "End must be a number of seconds";
    else if (Number.isFinite(start) && end <= start)
      problems.end = `End must be after the start (${formatTime(start)} s)`;
    else if (end > limit) problems.end = `Ends after the DI ends (${formatTime(endLimit(limit))} s)`;
    if (!problems.start && previous && start < previous.end) {
      problems.start =
        `Starts before riff ${previous.row + 1} ends (${formatTime(previous.end)} s): ` +
        "riffs must be in time order and must not overlap";
    }
    if (Number.isFinite(end) && !problems.start) previous = { end, row: i };
    return problems;
  });
}

/** "0.5–4.5 s" for announcements and tooltips. */
export function describeSpan(span: Span): string {
  return `${formatTime(span.start)} s to ${formatTime(span.end)} s`;
}
