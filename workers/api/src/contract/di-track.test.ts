import { describe, expect, it } from "vitest";
import { checkRiffsWithinDuration, diTrackSchema, MAX_RIFFS_PER_DI } from "./di-track.ts";

const ASSET = "01J9Z8Q4V3K2M1N0P9R8S7T6U5";

function issue(input: unknown) {
  const first = diTrackSchema.safeParse(input).error?.issues[0];
  return { path: first?.path, message: first?.message };
}

describe("diTrackSchema", () => {
  it("parses a minimal DI track with the left channel and no riffs", () => {
    expect(diTrackSchema.parse({ assetId: ASSET })).toEqual({ assetId: ASSET, channel: "left", riffs: [] });
  });

  it("accepts sorted riffs, touching ones included", () => {
    const riffs = [
      { startSeconds: 0, endSeconds: 4 },
      { startSeconds: 4, endSeconds: 8.5 },
      { startSeconds: 10, endSeconds: 14 },
    ];
    expect(diTrackSchema.parse({ assetId: ASSET, channel: "mono", riffs }).riffs).toEqual(riffs);
  });

  it("rejects an unknown channel, listing the channels", () => {
    expect(issue({ assetId: ASSET, channel: "side" })).toEqual({
      path: ["channel"],
      message: "channel must be one of: left, right, mono",
    });
  });

  it("rejects a missing asset id", () => {
    expect(issue({})).toEqual({ path: ["assetId"], message: "assetId is required" });
  });

  it("rejects a riff that ends at or before it starts", () => {
    expect(issue({ assetId: ASSET, riffs: [{ startSeconds: 5, endSeconds: 5 }] })).toEqual({
      path: ["riffs", 0, "endSeconds"],
      message: "endSeconds must be after startSeconds (5 s)",
    });
  });

  it("rejects a riff starting before 0 s", () => {
    expect(issue({ assetId: ASSET, riffs: [{ startSeconds: -1, endSeconds: 5 }] })).toEqual({
      path: ["riffs", 0, "startSeconds"],
      message: "startSeconds must be at least 0 s",
    });
  });

  it("rejects overlapping riffs, naming both", () => {
    const riffs = [
      { startSeconds: 0, endSeconds: 4 },
      { startSeconds: 3.5, endSeconds: 7 },
    ];
    expect(issue({ assetId: ASSET, riffs })).toEqual({
      path: ["riffs", 1, "startSeconds"],
      message: "riffs[1] starts at 3.5 s, before riffs[0] ends at 4 s: riffs must be sorted and must not overlap",
    });
  });

  it("rejects riffs out of time order", () => {
    const riffs = [
      { startSeconds: 10, endSeconds: 14 },
      { startSeconds: 0, endSeconds: 4 },
    ];
    expect(issue({ assetId: ASSET, riffs }).path).toEqual(["riffs", 1, "startSeconds"]);
  });

  it("rejects more than 16 riffs", () => {
    const riffs = Array.from({ length: MAX_RIFFS_PER_DI + 1 }, (_, i) => ({ startSeconds: i, endSeconds: i + 1 }));
    expect(issue({ assetId: ASSET, riffs })).toEqual({ path: ["riffs"], message: "riffs may hold at most 16 riffs" });
  });
});

describe("checkRiffsWithinDuration", () => {
  const riffs = [
    { startSeconds: 0, endSeconds: 4 },
    { startSeconds: 4, endSeconds: 12 },
  ];

  it("returns null when every riff ends within the DI", () => {
    expect(checkRiffsWithinDuration(riffs, 12)).toBeNull();
    expect(checkRiffsWithinDuration([], 1)).toBeNull();
  });

  it("names the first riff that ends after the DI", () => {
    expect(checkRiffsWithinDuration(riffs, 10)).toBe("riffs[1] ends at 12 s, after the DI ends at 10 s");
  });

  it("rejects a duration that is not a positive number", () => {
    expect(checkRiffsWithinDuration(riffs, 0)).toMatch(/duration must be a positive number/);
    expect(checkRiffsWithinDuration(riffs, Number.NaN)).toMatch(/duration must be a positive number/);
  });
});
