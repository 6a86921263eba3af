import { riffListSchema } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import {
  draftSpan,
  edgeRange,
  formatTime,
  gapAt,
  MIN_RIFF_SECONDS,
  moveEdge,
  moveSpan,
  neighbourBounds,
  nextFreeSpan,
  riffProblems,
  roundTime,
  rowSpans,
  sortedIndex,
  spanAt,
} from "./riff-editor";

const rows = (...pairs: [string, string][]) => pairs.map(([start, end]) => ({ start, end }));

describe("riff regions on the waveform", () => {
  // An 8 s DI with riffs at 1–2 s and 4–6 s.
  const spans = rowSpans(rows(["1", "2"], ["4", "6"]));

  it("reads rows as regions, skipping rows that do not parse (an empty start beside an end is 0)", () => {
    expect(rowSpans(rows(["0.5", "4.5"], ["x", "2"], ["3", "3"], ["", "2"], ["", ""]))).toEqual([
      { start: 0.5, end: 4.5 },
      null,
      null,
      { start: 0, end: 2 },
      null,
    ]);
    expect(roundTime(1.23456)).toBe(1.235);
    expect(formatTime(0.1 + 0.2)).toBe("0.3");
  });

  it("finds the riff or the free gap under a time", () => {
    expect(spanAt(spans, 1)).toBe(0);
    expect(spanAt(spans, 2)).toBe(-1);
    expect(spanAt(spans, 5.999)).toBe(1);
    expect(gapAt(spans, 3, 8)).toEqual({ start: 2, end: 4 });
    expect(gapAt(spans, 7, 8)).toEqual({ start: 6, end: 8 });
    expect(gapAt(spans, 0.5, 8)).toEqual({ start: 0, end: 1 });
    expect(gapAt(spans, 1.5, 8)).toBeNull();
    expect(gapAt(spans, 8, 8)).toBeNull();
  });

  it("marks a new riff by dragging, clamped to the free gap it started in, either direction", () => {
    expect(draftSpan(spans, 2.5, 3.5, 8)).toEqual({ start: 2.5, end: 3.5 });
    expect(draftSpan(spans, 3.5, 2.5, 8)).toEqual({ start: 2.5, end: 3.5 });
    // Dragging across the next riff stops at its start; past the DI's end stops there.
    expect(draftSpan(spans, 2.5, 7, 8)).toEqual({ start: 2.5, end: 4 });
    expect(draftSpan(spans, 6.5, 20, 8)).toEqual({ start: 6.5, end: 8 });
    expect(draftSpan(spans, 0.5, -3, 8)).toEqual({ start: 0, end: 0.5 });
    // Starting inside a riff, or too short a drag, marks nothing.
    expect(draftSpan(spans, 1.5, 3, 8)).toBeNull();
    expect(draftSpan(spans, 3, 3 + MIN_RIFF_SECONDS / 2, 8)).toBeNull();
    // Rounded to the millisecond.
    expect(draftSpan(spans, 2.12345, 3.00049, 8)).toEqual({ start: 2.123, end: 3 });
  });

  it("moves an edge up to its neighbours, the DI's ends and a minimal length", () => {
    expect(neighbourBounds(spans, 1, 8)).toEqual({ start: 2, end: 8 });
    expect(moveEdge(spans, 1, "start", 3, 8)).toBe(3);
    expect(moveEdge(spans, 1, "start", 1, 8)).toBe(2);
    expect(moveEdge(spans, 1, "start", 7, 8)).toBe(6 - MIN_RIFF_SECONDS);
    expect(moveEdge(spans, 0, "end", 5, 8)).toBe(4);
    expect(moveEdge(spans, 0, "end", 0, 8)).toBe(1 + MIN_RIFF_SECONDS);
    expect(moveEdge(spans, 1, "end", 99, 8)).toBe(8);
    expect(moveEdge(spans, 0, "start", -1, 8)).toBe(0);
    expect(edgeRange(spans, 0, "end", 8)).toEqual({ start: 1 + MIN_RIFF_SECONDS, end: 4 });
    // Without a known duration the end is free.
    expect(moveEdge(spans, 1, "end", 99)).toBe(99);
    expect(moveEdge(spans, 5, "end", 1, 8)).toBeNull();
  });

  it("moves a whole riff between its neighbours, keeping its length", () => {
    expect(moveSpan(spans, 0, 2.5, 8)).toEqual({ start: 2.5, end: 3.5 });
    expect(moveSpan(spans, 0, 3.5, 8)).toEqual({ start: 3, end: 4 });
    expect(moveSpan(spans, 1, 7, 8)).toEqual({ start: 6, end: 8 });
    expect(moveSpan(spans, 1, 0, 8)).toEqual({ start: 2, end: 4 });
    // No room to move: unchanged.
    const tight = rowSpans(rows(["0", "2"], ["2", "4"], ["4", "8"]));
    expect(moveSpan(tight, 1, 3, 8)).toEqual({ start: 2, end: 4 });
  });

  it("keeps rows in time order when a riff is added", () => {
    expect(sortedIndex(spans, 0.2)).toBe(0);
    expect(sortedIndex(spans, 3)).toBe(1);
    expect(sortedIndex(spans, 7)).toBe(2);
  });

  it("puts a riff from the button after the last one, or in the first gap with room", () => {
    expect(nextFreeSpan([], 8)).toEqual({ start: 0, end: 4 });
    expect(nextFreeSpan(spans, 8)).toEqual({ start: 6, end: 8 });
    expect(nextFreeSpan(rowSpans(rows(["1", "8"])), 8)).toEqual({ start: 0, end: 1 });
    expect(nextFreeSpan(rowSpans(rows(["0", "8"])), 8)).toBeNull();
    expect(nextFreeSpan(spans, null)).toEqual({ start: 6, end: 10 });
  });

  it("checks typed riffs as the contract will, in words beside the fields", () => {
    const problems = riffProblems(
      rows(["0.5", "4.5"], ["4", "5"], ["x", "2"], ["6", "6"], ["-1", "1"], ["7", "9"], ["", ""], ["9", "10"]),
      8,
    );
    expect(problems[0]).toEqual({});
    expect(problems[1]?.start).toMatch(/^Starts before riff 1 ends \(4\.5 s\)/);
    expect(problems[2]?.start).toBe("Start must be a number of seconds");
    expect(problems[3]?.end).toBe("End must be after the start (6 s)");
    expect(problems[4]?.start).toBe("Start must be at least 0 s");
    expect(problems[5]?.end).toBe("Ends after the DI ends (8 s)");
    expect(problems[6]).toEqual({});
    expect(problems[7]?.start).toBe("Starts after the DI ends (8 s)");
  });

  it("finds no problem in riffs the contract accepts, and some in riffs it refuses", () => {
    const cases = [
      rows(["0", "1"], ["1", "2"]),
      rows(["0.5", "4.5"], ["3", "5"]),
      rows(["2", "1"]),
      rows(["0", "1"], ["5", "6"], ["5.5", "7"]),
    ];
    for (const riffs of cases) {
      const contract = riffListSchema.safeParse(
        riffs.map((r) => ({ startSeconds: Number(r.start), endSeconds: Number(r.end) })),
      ).success;
      const ours = riffProblems(riffs).every((p) => !p.start && !p.end);
      expect(ours).toBe(contract);
    }
  });
});
