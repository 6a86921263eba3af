import { describe, expect, it } from "vitest";
import { fadeOpacity } from "./fade-opacity.ts";

describe("fadeOpacity", () => {
  it("fades in and out over a quarter second", () => {
    expect([0, 4, 30, 60].map((frame) => fadeOpacity(frame, 60, 30))).toEqual([0, 0.5, 1, 0]);
  });
  it("starts fully visible when it does not fade in", () => {
    expect(fadeOpacity(0, 60, 30, false)).toBe(1);
  });
  it("copes with windows of a few frames", () => {
    for (const frames of [1, 2, 3, 4, 5]) {
      for (let frame = 0; frame < frames; frame++) {
        expect(fadeOpacity(frame, frames, 10)).toBeGreaterThanOrEqual(0);
        expect(fadeOpacity(frame, frames, 10, false)).toBeLessThanOrEqual(1);
      }
    }
  });
});
