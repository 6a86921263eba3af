import { describe, expect, it } from "vitest";
import { resolveAssetPaths } from "./resolve-asset-paths.ts";

describe("resolveAssetPaths", () => {
  it("replaces path-like asset ids with stable generated ids and keeps real ids", () => {
    const json = {
      blocks: [
        { type: "ir", assetId: "cabs/a.wav" },
        { type: "capture", assetId: "01HZXAMPLEID000000000000" },
        { type: "ir", assetId: "/abs/a.wav" },
        { type: "ir", assetId: "cabs/a.wav" },
      ],
    };
    const { json: out, paths } = resolveAssetPaths(json, "/project");
    expect(out).toEqual({
      blocks: [
        { type: "ir", assetId: "file_0001" },
        { type: "capture", assetId: "01HZXAMPLEID000000000000" },
        { type: "ir", assetId: "file_0002" },
        { type: "ir", assetId: "file_0001" },
      ],
    });
    expect([...paths]).toEqual([
      ["file_0001", "/project/cabs/a.wav"],
      ["file_0002", "/abs/a.wav"],
    ]);
    expect(json.blocks[0]?.assetId).toBe("cabs/a.wav");
  });
});
