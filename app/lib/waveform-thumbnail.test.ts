import { describe, expect, it } from "vitest";
import { thumbnailPath } from "./waveform-thumbnail";

describe("thumbnailPath", () => {
  it("steps along the top edge and back along the mirrored bottom edge", () => {
    expect(thumbnailPath([0, 1, 0.25])).toBe("M0 1L0 1H1L1 0H2L2 0.75H3L3 1L3 1.25H2L2 2H1L1 1H0Z");
  });

  it("clamps values outside 0..1 and draws nothing for an empty summary", () => {
    expect(thumbnailPath([2, -1])).toBe("M0 1L0 0H1L1 1H2L2 1L2 1H1L1 2H0Z");
    expect(thumbnailPath([])).toBe("");
  });
});
