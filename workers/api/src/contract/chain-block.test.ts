import { describe, expect, it } from "vitest";
import { CHAIN_BLOCK_LIMITS, CHAIN_BLOCK_TYPES, chainBlockSchema, MAX_EQ_BANDS } from "./chain-block.ts";

const ASSET = "01J9Z8Q4V3K2M1N0P9R8S7T6U5";

function issue(input: unknown) {
  const result = chainBlockSchema.safeParse(input);
  expect(result.success).toBe(false);
  const first = result.error?.issues[0];
  return { path: first?.path, message: first?.message };
}

describe("chainBlockSchema", () => {
  it("fills every default of a minimal block of each type", () => {
    expect(chainBlockSchema.parse({ type: "gain" })).toEqual({ type: "gain", enabled: true, gainDb: 0 });
    expect(chainBlockSchema.parse({ type: "gate" })).toEqual({
      type: "gate",
      enabled: true,
      thresholdDb: -60,
      attackMs: 1,
      holdMs: 10,
      releaseMs: 100,
    });
    expect(chainBlockSchema.parse({ type: "eq" })).toEqual({ type: "eq", enabled: true, bands: [] });
    expect(chainBlockSchema.parse({ type: "capture", assetId: ASSET })).toEqual({
      type: "capture",
      enabled: true,
      assetId: ASSET,
    });
    expect(chainBlockSchema.parse({ type: "ir", assetId: ASSET })).toEqual({
      type: "ir",
      enabled: true,
      assetId: ASSET,
      mix: 1,
      gainDb: 0,
    });
    expect(chainBlockSchema.parse({ type: "delay" })).toEqual({
      type: "delay",
      enabled: true,
      timeMs: 350,
      feedback: 0.3,
      mix: 0.25,
    });
    expect(chainBlockSchema.parse({ type: "reverb" })).toEqual({
      type: "reverb",
      enabled: true,
      decaySeconds: 1.5,
      preDelayMs: 10,
      mix: 0.2,
    });
  });

  it("keeps a disabled block disabled", () => {
    expect(chainBlockSchema.parse({ type: "gain", enabled: false }).enabled).toBe(false);
  });

  it("fills eq band defaults", () => {
    expect(chainBlockSchema.parse({ type: "eq", bands: [{ frequencyHz: 800 }] })).toMatchObject({
      bands: [{ kind: "peak", frequencyHz: 800, gainDb: 0, q: Math.SQRT1_2 }],
    });
  });

  it("rejects an unknown or missing type, listing the block types", () => {
    const expected = `type must be one of: ${CHAIN_BLOCK_TYPES.join(", ")}`;
    expect(issue({ type: "fuzz" })).toEqual({ path: ["type"], message: expected });
    expect(issue({ gainDb: 3 })).toEqual({ path: ["type"], message: expected });
  });

  it.each([
    [{ type: "gain", gainDb: 48.1 }, ["gainDb"], "gainDb must be between -48 and 48 dB"],
    [{ type: "gain", gainDb: -48.1 }, ["gainDb"], "gainDb must be between -48 and 48 dB"],
    [{ type: "gate", thresholdDb: 1 }, ["thresholdDb"], "thresholdDb must be between -100 and 0 dB"],
    [{ type: "gate", thresholdDb: -101 }, ["thresholdDb"], "thresholdDb must be between -100 and 0 dB"],
    [{ type: "gate", attackMs: 101 }, ["attackMs"], "attackMs must be between 0 and 100 ms"],
    [{ type: "gate", holdMs: -1 }, ["holdMs"], "holdMs must be between 0 and 1000 ms"],
    [{ type: "gate", releaseMs: 0.5 }, ["releaseMs"], "releaseMs must be between 1 and 2000 ms"],
    [{ type: "gate", releaseMs: 2001 }, ["releaseMs"], "releaseMs must be between 1 and 2000 ms"],
    [
      { type: "eq", bands: [{ frequencyHz: 19 }] },
      ["bands", 0, "frequencyHz"],
      "frequencyHz must be between 20 and 20000 Hz",
    ],
    [
      { type: "eq", bands: [{ frequencyHz: 20001 }] },
      ["bands", 0, "frequencyHz"],
      "frequencyHz must be between 20 and 20000 Hz",
    ],
    [
      { type: "eq", bands: [{ frequencyHz: 100, gainDb: 25 }] },
      ["bands", 0, "gainDb"],
      "gainDb must be between -24 and 24 dB",
    ],
    [{ type: "eq", bands: [{ frequencyHz: 100, q: 0.05 }] }, ["bands", 0, "q"], "q must be between 0.1 and 18"],
    [{ type: "eq", bands: [{ frequencyHz: 100, q: 19 }] }, ["bands", 0, "q"], "q must be between 0.1 and 18"],
    [
      { type: "eq", bands: [{ frequencyHz: 100, kind: "notch" }] },
      ["bands", 0, "kind"],
      "kind must be one of: peak, lowShelf, highShelf",
    ],
    [{ type: "eq", bands: [{}] }, ["bands", 0, "frequencyHz"], "frequencyHz is required"],
    [{ type: "eq", highPassHz: 19 }, ["highPassHz"], "highPassHz must be between 20 and 1000 Hz"],
    [{ type: "eq", highPassHz: 1001 }, ["highPassHz"], "highPassHz must be between 20 and 1000 Hz"],
    [{ type: "eq", lowPassHz: 999 }, ["lowPassHz"], "lowPassHz must be between 1000 and 20000 Hz"],
    [{ type: "eq", lowPassHz: 20001 }, ["lowPassHz"], "lowPassHz must be between 1000 and 20000 Hz"],
    [{ type: "capture" }, ["assetId"], "assetId is required"],
    [
      { type: "capture", assetId: ASSET, slimmableSize: 1.5 },
      ["slimmableSize"],
      "slimmableSize must be between 0 and 1",
    ],
    [
      { type: "capture", assetId: ASSET, slimmableSize: -0.1 },
      ["slimmableSize"],
      "slimmableSize must be between 0 and 1",
    ],
    [{ type: "ir", assetId: ASSET, mix: 1.1 }, ["mix"], "mix must be between 0 and 1"],
    [{ type: "ir", assetId: ASSET, gainDb: 49 }, ["gainDb"], "gainDb must be between -48 and 48 dB"],
    [{ type: "delay", timeMs: 0.5 }, ["timeMs"], "timeMs must be between 1 and 2000 ms"],
    [{ type: "delay", timeMs: 2001 }, ["timeMs"], "timeMs must be between 1 and 2000 ms"],
    [{ type: "delay", feedback: 0.96 }, ["feedback"], "feedback must be between 0 and 0.95"],
    [{ type: "delay", mix: -0.1 }, ["mix"], "mix must be between 0 and 1"],
    [{ type: "reverb", decaySeconds: 0.05 }, ["decaySeconds"], "decaySeconds must be between 0.1 and 10 s"],
    [{ type: "reverb", decaySeconds: 11 }, ["decaySeconds"], "decaySeconds must be between 0.1 and 10 s"],
    [{ type: "reverb", preDelayMs: 201 }, ["preDelayMs"], "preDelayMs must be between 0 and 200 ms"],
    [{ type: "reverb", mix: 2 }, ["mix"], "mix must be between 0 and 1"],
    [{ type: "gain", enabled: "yes" }, ["enabled"], "enabled must be true or false"],
  ] as const)("rejects %j with a message naming the field and its limit", (input, path, message) => {
    expect(issue(input)).toEqual({ path, message });
  });

  it("accepts the exact limits", () => {
    const L = CHAIN_BLOCK_LIMITS;
    expect(
      chainBlockSchema.safeParse({ type: "delay", timeMs: L.delay.timeMs.max, feedback: L.delay.feedback.max }).success,
    ).toBe(true);
    expect(chainBlockSchema.safeParse({ type: "eq", highPassHz: 20, lowPassHz: 20000 }).success).toBe(true);
    expect(chainBlockSchema.safeParse({ type: "capture", assetId: ASSET, slimmableSize: 0 }).success).toBe(true);
  });

  it("rejects more than eight eq bands", () => {
    const bands = Array.from({ length: MAX_EQ_BANDS + 1 }, () => ({ frequencyHz: 1000 }));
    expect(issue({ type: "eq", bands })).toEqual({ path: ["bands"], message: "bands may hold at most 8 bands" });
    expect(chainBlockSchema.safeParse({ type: "eq", bands: bands.slice(1) }).success).toBe(true);
  });

  it("rejects a high-pass at or above the low-pass", () => {
    expect(issue({ type: "eq", highPassHz: 1000, lowPassHz: 1000 })).toEqual({
      path: ["lowPassHz"],
      message: "lowPassHz must be above highPassHz (1000 Hz)",
    });
    expect(chainBlockSchema.safeParse({ type: "eq", highPassHz: 999, lowPassHz: 1000 }).success).toBe(true);
  });
});
