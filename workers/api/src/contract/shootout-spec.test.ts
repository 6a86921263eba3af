import { describe, expect, it } from "vitest";
import { MAX_CHAINS, MAX_DI_TRACKS, shootoutSpecSchema, VISIBILITIES } from "./shootout-spec.ts";

const ASSET = "01J9Z8Q4V3K2M1N0P9R8S7T6U5";
const chain = (name: string) => ({ name, colour: "#336699", blocks: [{ type: "capture", assetId: ASSET }] });
const minimal = { title: "Plexi vs 5150", diTracks: [{ assetId: ASSET }], chains: [chain("Plexi"), chain("5150")] };

function issue(input: unknown) {
  const first = shootoutSpecSchema.safeParse(input).error?.issues[0];
  return { path: first?.path, message: first?.message };
}

describe("shootoutSpecSchema", () => {
  it("fills description, visibility, DI, block and arrangement defaults of a minimal spec", () => {
    const spec = shootoutSpecSchema.parse(minimal);
    expect(spec.description).toBe("");
    expect(spec.visibility).toBe("private");
    expect(spec.diTracks[0]).toEqual({ assetId: ASSET, channel: "left", riffs: [] });
    expect(spec.chains[0]?.blocks[0]).toEqual({ type: "capture", assetId: ASSET, enabled: true });
    expect(spec.arrangement).toEqual({
      mode: "ab",
      riffSeconds: 4,
      rounds: 2,
      crossfadeMs: 10,
      loudnessTargetLufs: -14,
      truePeakCeilingDbtp: -1,
    });
  });

  it("fills the defaults of a partial arrangement", () => {
    expect(shootoutSpecSchema.parse({ ...minimal, arrangement: { mode: "full" } }).arrangement).toEqual({
      mode: "full",
      gapSeconds: 1,
      loudnessTargetLufs: -14,
      truePeakCeilingDbtp: -1,
    });
  });

  it("accepts every visibility", () => {
    for (const visibility of VISIBILITIES) {
      expect(shootoutSpecSchema.parse({ ...minimal, visibility }).visibility).toBe(visibility);
    }
  });

  it.each([
    [{ ...minimal, title: "" }, ["title"], "title must be 1 to 120 characters"],
    [{ ...minimal, title: "x".repeat(121) }, ["title"], "title must be 1 to 120 characters"],
    [{ ...minimal, description: "x".repeat(2001) }, ["description"], "description must be at most 2000 characters"],
    [{ ...minimal, visibility: "secret" }, ["visibility"], "visibility must be one of: private, unlisted, public"],
    [{ ...minimal, diTracks: [] }, ["diTracks"], "diTracks must hold 1 to 8 DI tracks"],
    [
      { ...minimal, diTracks: Array.from({ length: MAX_DI_TRACKS + 1 }, () => ({ assetId: ASSET })) },
      ["diTracks"],
      "diTracks must hold 1 to 8 DI tracks",
    ],
    [{ ...minimal, chains: [chain("Solo")] }, ["chains"], "chains must hold 2 to 8 chains"],
    [
      { ...minimal, chains: Array.from({ length: MAX_CHAINS + 1 }, (_, i) => chain(`Chain ${i}`)) },
      ["chains"],
      "chains must hold 2 to 8 chains",
    ],
    [{ ...minimal, arrangement: { mode: "medley" } }, ["arrangement", "mode"], "mode must be one of: ab, full"],
    [
      { ...minimal, arrangement: { mode: "ab", rounds: 9 } },
      ["arrangement", "rounds"],
      "rounds must be a whole number between 1 and 4",
    ],
  ] as const)("rejects %j with a message naming the field and its limit", (input, path, message) => {
    expect(issue(input)).toEqual({ path, message });
  });

  it("rejects two chains with the same name, ignoring case", () => {
    expect(issue({ ...minimal, chains: [chain("Plexi"), chain("plexi")] })).toEqual({
      path: ["chains", 1, "name"],
      message: 'chains[1].name "plexi" repeats chains[0].name: chain names must be unique',
    });
  });
});
