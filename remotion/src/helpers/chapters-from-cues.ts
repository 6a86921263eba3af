/** @module `chaptersFromCues`: the YouTube description chapter list ("0:00 Riff 1" per line) of a program. */
import type { Cue } from "@gts/api/contract";
import { formatTimestamp } from "./format-timestamp.ts";
import { riffStarts } from "./riff-starts.ts";

/** YouTube ignores all chapters when any is shorter than this. */
export const MIN_CHAPTER_SECONDS = 10;

export interface Chapter {
  startSeconds: number;
  title: string;
}

/**
 * One chapter per riff, starting at 0:00 (YouTube's rule). Riffs closer than {@link MIN_CHAPTER_SECONDS} are merged
 * into the chapter before ("Riff 1–2"), so YouTube accepts the list; the video's own markers still show every riff.
 */
export function chaptersFromCues(cues: readonly Cue[], durationSeconds: number): Chapter[] {
  const starts = riffStarts(cues);
  const chapters: { startSeconds: number; first: string; last: string }[] = [];
  for (const start of starts) {
    const previous = chapters.at(-1);
    const ending = durationSeconds - start.startSeconds < MIN_CHAPTER_SECONDS;
    if (previous && (start.startSeconds - previous.startSeconds < MIN_CHAPTER_SECONDS || ending)) {
      previous.last = start.label;
    } else {
      chapters.push({
        startSeconds: chapters.length === 0 ? 0 : start.startSeconds,
        first: start.label,
        last: start.label,
      });
    }
  }
  return chapters.map((chapter) => ({
    startSeconds: chapter.startSeconds,
    title: chapter.first === chapter.last ? chapter.first : `${chapter.first} – ${chapter.last}`,
  }));
}

/** The chapters as description text, one "m:ss Title" per line. */
export function formatChapters(chapters: readonly Chapter[]): string {
  return chapters.map((chapter) => `${formatTimestamp(chapter.startSeconds)} ${chapter.title}\n`).join("");
}
