import { ARRANGEMENT_LIMITS, arrangementSchema, shootoutSpecSchema } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import {
  ALL_PARAMS,
  arrangementFieldName,
  arrangementProblems,
  arrangementToEditor,
  attachArrangementErrors,
  editorToArrangementInput,
  MODE_PARAMS,
  paramLabel,
  parseArrangementForm,
} from "./arrangement-form";
import { issuesToFieldErrors } from "./chain-editor-form";

const toEntries = (values: Record<string, string>) =>
  Object.entries(values).map(([k, v]) => [arrangementFieldName(k as never), v] as [string, string]);

describe("the arrangement settings", () => {
  it("offers every setting the contract has, with its limits, default and unit", () => {
    expect(ALL_PARAMS.map((p) => p.field).sort()).toEqual(Object.keys(ARRANGEMENT_LIMITS).sort());
    for (const p of ALL_PARAMS) {
      expect([p.min, p.max, p.default]).toEqual([
        ARRANGEMENT_LIMITS[p.field].min,
        ARRANGEMENT_LIMITS[p.field].max,
        ARRANGEMENT_LIMITS[p.field].default,
      ]);
    }
    expect(MODE_PARAMS.ab.map(paramLabel)).toEqual(["Riff length (s)", "Rounds", "Crossfade (ms)"]);
    expect(MODE_PARAMS.full.map(paramLabel)).toEqual(["Gap between takes (s)"]);
  });

  it("starts from the contract's defaults, or a stored arrangement", () => {
    const fresh = arrangementToEditor();
    expect(fresh.mode).toBe("ab");
    expect(fresh.values).toMatchObject({
      riffSeconds: "4",
      rounds: "2",
      crossfadeMs: "10",
      gapSeconds: "1",
      loudnessTargetLufs: "-14",
    });
    const stored = arrangementSchema.parse({ mode: "full", gapSeconds: 0.5, loudnessTargetLufs: -16 });
    const editor = arrangementToEditor(stored);
    expect(editor).toMatchObject({
      mode: "full",
      values: { gapSeconds: "0.5", loudnessTargetLufs: "-16", rounds: "2" },
    });
  });

  it("round-trips through the form, sending only the chosen mode's settings", () => {
    const editor = parseArrangementForm([
      ...toEntries({
        mode: "full",
        riffSeconds: "3",
        rounds: "3",
        gapSeconds: "0.25",
        loudnessTargetLufs: "-18",
        truePeakCeilingDbtp: "",
      }),
      ["title", "not arrangement"],
    ]);
    expect(editor.mode).toBe("full");
    const input = editorToArrangementInput(editor);
    expect(input).toEqual({ mode: "full", gapSeconds: 0.25, loudnessTargetLufs: -18 });
    // The empty ceiling takes the contract's default.
    expect(arrangementSchema.parse(input)).toEqual({
      mode: "full",
      gapSeconds: 0.25,
      loudnessTargetLufs: -18,
      truePeakCeilingDbtp: -1,
    });
    const ab = editorToArrangementInput({ ...editor, mode: "ab" });
    expect(ab).toEqual({ mode: "ab", riffSeconds: 3, rounds: 3, loudnessTargetLufs: -18 });
    expect(arrangementSchema.safeParse(ab).success).toBe(true);
  });

  it("checks values as the contract does, and places the contract's messages on their fields", () => {
    const editor = arrangementToEditor();
    editor.values.rounds = "2.5";
    editor.values.crossfadeMs = "80";
    editor.values.gapSeconds = "99"; // the other mode's: not checked
    expect(arrangementProblems(editor)).toEqual({
      rounds: "Rounds must be a whole number",
      crossfadeMs: "Crossfade must be between 0 and 50 ms",
    });
    const result = shootoutSpecSchema.safeParse({
      title: "t",
      diTracks: [{ assetId: "di-00000001" }],
      chains: [
        { name: "A", colour: "#f5a524", blocks: [{ type: "gain" }] },
        { name: "B", colour: "#3b82f6", blocks: [{ type: "gain" }] },
      ],
      arrangement: editorToArrangementInput(editor),
    });
    const fieldErrors = issuesToFieldErrors(result.error?.issues ?? []);
    const placed = attachArrangementErrors(editor, { ...fieldErrors, title: "x" });
    expect(placed.arrangement.errors.rounds).toMatch(/rounds must be a whole number between 1 and 4/);
    expect(placed.arrangement.errors.crossfadeMs).toMatch(/crossfadeMs must be between 0 and 50 ms/);
    expect(placed.rest).toEqual({ title: "x" });
    const badMode = attachArrangementErrors(
      { ...editor, mode: "zigzag" },
      { arrangement: "mode must be one of: ab, full" },
    );
    expect(badMode.arrangement.errors.mode).toBe("mode must be one of: ab, full");
  });
});
