import { describe, expect, it } from "vitest";
import { segmentLoudnessSchema } from "./segment-loudness.ts";

const valid = { diIndex: 0, chainIndex: 2, gainDb: -4.5, integratedLufs: -14, truePeakDbtp: -1 };

describe("segmentLoudnessSchema", () => {
  it("parses a measured segment unchanged", () => {
    expect(segmentLoudnessSchema.parse(valid)).toEqual(valid);
  });

  it("rejects loudness below the -70 LUFS absolute gate, which BS.1770 cannot return", () => {
    const first = segmentLoudnessSchema.safeParse({ ...valid, integratedLufs: -70.1 }).error?.issues[0];
    expect(first?.path).toEqual(["integratedLufs"]);
    expect(first?.message).toBe("integratedLufs must be at least -70 LUFS");
  });

  it("rejects a negative or fractional index", () => {
    expect(segmentLoudnessSchema.safeParse({ ...valid, diIndex: -1 }).error?.issues[0]?.path).toEqual(["diIndex"]);
    expect(segmentLoudnessSchema.safeParse({ ...valid, chainIndex: 0.5 }).error?.issues[0]?.message).toBe(
      "chainIndex must be a whole number of at least 0",
    );
  });

  it("rejects -Infinity true peak, which JSON could not carry anyway", () => {
    expect(
      segmentLoudnessSchema.safeParse({ ...valid, truePeakDbtp: Number.NEGATIVE_INFINITY }).error?.issues[0]?.message,
    ).toBe("truePeakDbtp must be a number");
  });
});
