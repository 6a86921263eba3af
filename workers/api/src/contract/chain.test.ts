import { describe, expect, it } from "vitest";
import { chainSchema, MAX_BLOCKS_PER_CHAIN } from "./chain.ts";

const ASSET = "01J9Z8Q4V3K2M1N0P9R8S7T6U5";

function issue(input: unknown) {
  const first = chainSchema.safeParse(input).error?.issues[0];
  return { path: first?.path, message: first?.message };
}

describe("chainSchema", () => {
  it("parses a minimal chain, filling block defaults and lowercasing the colour", () => {
    expect(chainSchema.parse({ name: " Plexi ", colour: "#FFAA00", blocks: [{ type: "gain" }] })).toEqual({
      name: "Plexi",
      colour: "#ffaa00",
      blocks: [{ type: "gain", enabled: true, gainDb: 0 }],
    });
  });

  it("allows several captures in one chain (pedal into amp)", () => {
    const blocks = [
      { type: "capture", assetId: ASSET },
      { type: "capture", assetId: ASSET.replace("U5", "U6") },
      { type: "ir", assetId: ASSET.replace("U5", "U7") },
    ];
    expect(chainSchema.parse({ name: "TS into 5150", colour: "#123456", blocks }).blocks).toHaveLength(3);
  });

  it("rejects an empty or blank name and one over 60 characters", () => {
    expect(issue({ name: "  ", colour: "#123456", blocks: [{ type: "gain" }] })).toEqual({
      path: ["name"],
      message: "name must be 1 to 60 characters",
    });
    expect(issue({ name: "x".repeat(61), colour: "#123456", blocks: [{ type: "gain" }] }).path).toEqual(["name"]);
  });

  it("rejects colours that are not #rrggbb", () => {
    for (const colour of ["red", "#fff", "#12345g", "123456", "#1234567"]) {
      expect(issue({ name: "A", colour, blocks: [{ type: "gain" }] }), colour).toEqual({
        path: ["colour"],
        message: 'colour must be a hex colour "#rrggbb"',
      });
    }
  });

  it("rejects a chain with no blocks or more than MAX_BLOCKS_PER_CHAIN", () => {
    const message = `blocks must hold 1 to ${MAX_BLOCKS_PER_CHAIN} blocks`;
    expect(issue({ name: "A", colour: "#123456", blocks: [] })).toEqual({ path: ["blocks"], message });
    const blocks = Array.from({ length: MAX_BLOCKS_PER_CHAIN + 1 }, () => ({ type: "gain" }));
    expect(issue({ name: "A", colour: "#123456", blocks })).toEqual({ path: ["blocks"], message });
    expect(chainSchema.safeParse({ name: "A", colour: "#123456", blocks: blocks.slice(1) }).success).toBe(true);
  });

  it("reports a bad block at its index", () => {
    expect(issue({ name: "A", colour: "#123456", blocks: [{ type: "gain" }, { type: "gain", gainDb: 99 }] })).toEqual({
      path: ["blocks", 1, "gainDb"],
      message: "gainDb must be between -48 and 48 dB",
    });
  });
});
