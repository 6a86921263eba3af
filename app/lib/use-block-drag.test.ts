import { describe, expect, it } from "vitest";
import { dropIndex } from "./use-block-drag";

describe("where a dragged block lands", () => {
  // Four cards whose middles are at 50, 150, 250 and 350 px.
  const middles = [50, 150, 250, 350];

  it("stays put until the pointer passes a neighbour's middle", () => {
    expect(dropIndex(middles, 1, 140)).toBe(1);
    expect(dropIndex(middles, 1, 160)).toBe(1);
    expect(dropIndex(middles, 1, 260)).toBe(2);
  });

  it("goes to the top above the first middle and to the end below the last", () => {
    expect(dropIndex(middles, 3, 10)).toBe(0);
    expect(dropIndex(middles, 0, 400)).toBe(3);
  });

  it("ignores the dragged card's own middle", () => {
    expect(dropIndex(middles, 2, 251)).toBe(2);
    expect(dropIndex(middles, 2, 249)).toBe(2);
  });
});
