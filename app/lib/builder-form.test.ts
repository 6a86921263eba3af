import { shootoutSpecSchema } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import { parseBuilderForm } from "./builder-form";
import { issuesToFieldErrors } from "./chain-editor-form";

const CHAINS = [
  { name: "A", colour: "#f5a524", blocks: [{ type: "gain" as const }] },
  { name: "B", colour: "#3b82f6", blocks: [{ type: "gain" as const }] },
];

describe("the builder's DI tracks and arrangement from a form", () => {
  it("reads several DI tracks with riffs and an arrangement into a spec the contract accepts", () => {
    const form = new FormData();
    const fields: [string, string][] = [
      ["title", "T"],
      ["diTracks.0.assetId", "di-00000001"],
      ["diTracks.0.channel", "left"],
      ["diTracks.0.riffs.0.startSeconds", "0.5"],
      ["diTracks.0.riffs.0.endSeconds", "4.5"],
      ["diTracks.0.riffs.1.startSeconds", "5"],
      ["diTracks.0.riffs.1.endSeconds", "7"],
      ["diTracks.1.assetId", "di-00000002"],
      ["diTracks.1.channel", "mono"],
      ["arrangement.mode", "ab"],
      ["arrangement.riffSeconds", "3"],
      ["arrangement.rounds", "1"],
      ["arrangement.crossfadeMs", "5"],
      ["arrangement.gapSeconds", "1"],
      ["arrangement.loudnessTargetLufs", "-14"],
      ["arrangement.truePeakCeilingDbtp", "-1"],
    ];
    for (const [k, v] of fields) form.append(k, v);
    const builder = parseBuilderForm(form.entries());
    const spec = shootoutSpecSchema.parse({
      title: "T",
      diTracks: builder.diTracks,
      chains: CHAINS,
      arrangement: builder.arrangement,
    });
    expect(spec.diTracks).toEqual([
      {
        assetId: "di-00000001",
        channel: "left",
        riffs: [
          { startSeconds: 0.5, endSeconds: 4.5 },
          { startSeconds: 5, endSeconds: 7 },
        ],
      },
      { assetId: "di-00000002", channel: "mono", riffs: [] },
    ]);
    expect(spec.arrangement).toEqual({
      mode: "ab",
      riffSeconds: 3,
      rounds: 1,
      crossfadeMs: 5,
      loudnessTargetLufs: -14,
      truePeakCeilingDbtp: -1,
    });
  });

  it("gives a refused form back as sent, each message beside its control", () => {
    const builder = parseBuilderForm([
      ["diTracks.0.assetId", "di-00000001"],
      ["diTracks.0.riffs.0.startSeconds", "2"],
      ["diTracks.0.riffs.0.endSeconds", "1"],
      ["arrangement.mode", "full"],
      ["arrangement.gapSeconds", "9"],
    ]);
    const result = shootoutSpecSchema.safeParse({
      title: "T",
      diTracks: builder.diTracks,
      chains: CHAINS,
      arrangement: builder.arrangement,
    });
    const refusal = builder.refusal(issuesToFieldErrors(result.error?.issues ?? []));
    expect(refusal.diTracks[0]?.riffs[0]?.errors.endSeconds).toBe("endSeconds must be after startSeconds (2 s)");
    expect(refusal.arrangement.mode).toBe("full");
    expect(refusal.arrangement.errors.gapSeconds).toBe("gapSeconds must be between 0 and 5 s");
    expect(refusal.diSection).toEqual([]);
  });
});
