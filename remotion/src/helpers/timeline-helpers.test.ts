import type { Cue } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import { chaptersFromCues, formatChapters } from "./chapters-from-cues.ts";
import { cueIndexAt } from "./cue-index-at.ts";
import { formatTimestamp } from "./format-timestamp.ts";
import { overlayWindows } from "./overlay-windows.ts";
import { roundsOfCues } from "./rounds-of-cues.ts";
import { shortDurationSeconds } from "./short-duration-seconds.ts";

/** `riffs` riffs × `rounds` rounds × `chains` chains of `seconds` each, back to back. */
function abCues(riffs: number, rounds: number, chains: number, seconds: number): Cue[] {
  const cues: Cue[] = [];
  for (let riffIndex = 0; riffIndex < riffs; riffIndex++) {
    for (let round = 0; round < rounds; round++) {
      for (let chainIndex = 0; chainIndex < chains; chainIndex++) {
        const startSeconds = cues.length * seconds;
        cues.push({ startSeconds, endSeconds: startSeconds + seconds, chainIndex, diIndex: 0, riffIndex });
      }
    }
  }
  return cues;
}

describe("cueIndexAt", () => {
  const cues = abCues(1, 1, 3, 4);
  it("finds the cue containing a time, start inclusive", () => {
    expect([0, 3.99, 4, 11.5].map((t) => cueIndexAt(cues, t))).toEqual([0, 0, 1, 2]);
  });
  it("keeps the last cue active after the end and the first before the start", () => {
    expect(cueIndexAt(cues, 99)).toBe(2);
    expect(cueIndexAt(cues, -1)).toBe(0);
  });
});

describe("roundsOfCues", () => {
  it("counts how often each chain has played the same riff", () => {
    expect(roundsOfCues(abCues(2, 2, 2, 4))).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
  });
});

describe("formatTimestamp", () => {
  it("writes YouTube's m:ss and h:mm:ss", () => {
    expect([0, 9.99, 65, 3723].map(formatTimestamp)).toEqual(["0:00", "0:09", "1:05", "1:02:03"]);
  });
});

describe("chaptersFromCues", () => {
  it("starts a chapter at each riff, the first at 0:00", () => {
    const cues = abCues(3, 2, 2, 4); // each riff 16 s
    expect(formatChapters(chaptersFromCues(cues, 48))).toBe("0:00 Riff 1\n0:16 Riff 2\n0:32 Riff 3\n");
  });
  it("merges riffs shorter than YouTube's 10 s minimum into the chapter before", () => {
    const cues = abCues(4, 1, 2, 3); // each riff 6 s
    expect(chaptersFromCues(cues, 24)).toEqual([
      { startSeconds: 0, title: "Riff 1 – Riff 2" },
      { startSeconds: 12, title: "Riff 3 – Riff 4" },
    ]);
  });
});

describe("overlayWindows", () => {
  it("shows the title first, each chain's intro at its first cue, and the end card last", () => {
    const windows = overlayWindows(abCues(2, 1, 2, 4), 16, 30);
    expect(windows.title).toEqual({ from: 0, durationInFrames: 75 });
    expect(windows.intros.map((intro) => [intro.chainIndex, intro.from])).toEqual([
      [0, 75],
      [1, 120],
    ]);
    expect(windows.end).toEqual({ from: 384, durationInFrames: 96 }); // 20 % of 16 s
  });
  it("caps the cards at a share of a short program", () => {
    const windows = overlayWindows(abCues(1, 1, 2, 2), 4, 30);
    expect(windows.title.durationInFrames).toBe(30);
    expect(windows.end.durationInFrames).toBe(24);
  });
});

describe("shortDurationSeconds", () => {
  it("keeps a program that fits in 60 s whole", () => {
    expect(shortDurationSeconds(abCues(1, 1, 3, 4), 12)).toBe(12);
  });
  it("plays only the first riff of a longer program", () => {
    expect(shortDurationSeconds(abCues(4, 2, 3, 4), 96)).toBe(24);
  });
  it("cuts at 60 s when even the first riff is longer", () => {
    expect(shortDurationSeconds(abCues(2, 4, 8, 4), 256)).toBe(60);
  });
});
