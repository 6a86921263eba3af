import { describe, expect, it } from "vitest";
import { arrangementSchema, resolvedArrangementSchema } from "./arrangement.ts";

function issue(input: unknown) {
  const first = arrangementSchema.safeParse(input).error?.issues[0];
  return { path: first?.path, message: first?.message };
}

describe("arrangementSchema", () => {
  it("fills every default of an ab arrangement", () => {
    expect(arrangementSchema.parse({ mode: "ab" })).toEqual({
      mode: "ab",
      riffSeconds: 4,
      rounds: 2,
      crossfadeMs: 10,
      loudnessTargetLufs: -14,
      truePeakCeilingDbtp: -1,
    });
  });

  it("fills every default of a full arrangement, loudness included", () => {
    expect(arrangementSchema.parse({ mode: "full" })).toEqual({
      mode: "full",
      gapSeconds: 1,
      loudnessTargetLufs: -14,
      truePeakCeilingDbtp: -1,
    });
  });

  it("drops fields of the other mode", () => {
    expect(arrangementSchema.parse({ mode: "full", rounds: 3 })).not.toHaveProperty("rounds");
  });

  it("rejects an unknown or missing mode", () => {
    expect(issue({ mode: "shuffle" })).toEqual({ path: ["mode"], message: "mode must be one of: ab, full" });
    expect(issue({})).toEqual({ path: ["mode"], message: "mode must be one of: ab, full" });
  });

  it.each([
    [{ mode: "ab", riffSeconds: 2.9 }, ["riffSeconds"], "riffSeconds must be between 3 and 5 s"],
    [{ mode: "ab", riffSeconds: 5.1 }, ["riffSeconds"], "riffSeconds must be between 3 and 5 s"],
    [{ mode: "ab", rounds: 0 }, ["rounds"], "rounds must be a whole number between 1 and 4"],
    [{ mode: "ab", rounds: 5 }, ["rounds"], "rounds must be a whole number between 1 and 4"],
    [{ mode: "ab", rounds: 1.5 }, ["rounds"], "rounds must be a whole number between 1 and 4"],
    [{ mode: "ab", crossfadeMs: 51 }, ["crossfadeMs"], "crossfadeMs must be between 0 and 50 ms"],
    [{ mode: "ab", crossfadeMs: -1 }, ["crossfadeMs"], "crossfadeMs must be between 0 and 50 ms"],
    [{ mode: "full", gapSeconds: 5.5 }, ["gapSeconds"], "gapSeconds must be between 0 and 5 s"],
    [{ mode: "full", gapSeconds: -0.1 }, ["gapSeconds"], "gapSeconds must be between 0 and 5 s"],
    [
      { mode: "ab", loudnessTargetLufs: -31 },
      ["loudnessTargetLufs"],
      "loudnessTargetLufs must be between -30 and -6 LUFS",
    ],
    [
      { mode: "full", loudnessTargetLufs: -5 },
      ["loudnessTargetLufs"],
      "loudnessTargetLufs must be between -30 and -6 LUFS",
    ],
    [
      { mode: "ab", truePeakCeilingDbtp: 0.1 },
      ["truePeakCeilingDbtp"],
      "truePeakCeilingDbtp must be between -6 and 0 dBTP",
    ],
    [
      { mode: "full", truePeakCeilingDbtp: -7 },
      ["truePeakCeilingDbtp"],
      "truePeakCeilingDbtp must be between -6 and 0 dBTP",
    ],
  ] as const)("rejects %j with a message naming the field and its limit", (input, path, message) => {
    expect(issue(input)).toEqual({ path, message });
  });
});

describe("resolvedArrangementSchema", () => {
  it("accepts a parsed arrangement unchanged", () => {
    const resolved = arrangementSchema.parse({ mode: "ab", rounds: 3 });
    expect(resolvedArrangementSchema.parse(resolved)).toEqual(resolved);
  });

  it("rejects an arrangement whose defaults were not resolved, naming the missing field", () => {
    const first = resolvedArrangementSchema.safeParse({ mode: "full", gapSeconds: 1, loudnessTargetLufs: -14 }).error
      ?.issues[0];
    expect(first?.path).toEqual(["truePeakCeilingDbtp"]);
    expect(first?.message).toBe("truePeakCeilingDbtp is required");
  });

  it("keeps the limits", () => {
    const resolved = { ...arrangementSchema.parse({ mode: "ab" }), riffSeconds: 6 };
    expect(resolvedArrangementSchema.safeParse(resolved).error?.issues[0]?.message).toBe(
      "riffSeconds must be between 3 and 5 s",
    );
  });
});
