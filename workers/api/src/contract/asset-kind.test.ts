import { describe, expect, it } from "vitest";
import { ASSET_KINDS, assetKindSchema } from "./asset-kind.ts";

describe("assetKindSchema", () => {
  it("accepts di, capture and ir", () => {
    expect(ASSET_KINDS.map((kind) => assetKindSchema.parse(kind))).toEqual(["di", "capture", "ir"]);
  });

  it("rejects another kind, listing the kinds", () => {
    expect(assetKindSchema.safeParse("video").error?.issues[0]?.message).toBe("kind must be one of: di, capture, ir");
  });
});
