import { diTrackSchema, shootoutSpecSchema } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import { issuesToFieldErrors } from "./chain-editor-form";
import { type EditorDiTrack, newRiff, newTrack } from "./di-tracks";
import {
  adoptDiFormValues,
  attachDiTrackErrors,
  diFieldName,
  diTracksToEditor,
  editorToDiTrackInputs,
  parseDiTracksForm,
  placeDiMessages,
} from "./di-tracks-form";

const DI = "di-00000001";
const DI2 = "di-00000002";
const di = { id: DI, name: "Riff", durationSeconds: 8, channels: 2, sampleRateHz: 48_000, peakDbfs: null };

/** The fields the DI section renders for a state, as a browser sends them. */
function toEntries(tracks: EditorDiTrack[]): [string, string][] {
  const out: [string, string][] = [];
  for (const [t, track] of tracks.entries()) {
    out.push([diFieldName(t, "assetId"), track.assetId], [diFieldName(t, "channel"), track.channel]);
    for (const [r, riff] of track.riffs.entries()) {
      out.push([diFieldName(t, "startSeconds", r), riff.start], [diFieldName(t, "endSeconds", r), riff.end]);
    }
  }
  return out;
}

function twoTracks(): EditorDiTrack[] {
  const first = newTrack("a", di, "a0");
  first.riffs.push(newRiff("a1", { start: 5, end: 7.25 }));
  const second = { ...newTrack("b", { ...di, id: DI2 }, "b0"), channel: "mono" };
  return [first, second];
}

describe("the DI section as form fields", () => {
  it("names fields after the contract's paths", () => {
    expect(diFieldName(1, "assetId")).toBe("diTracks.1.assetId");
    expect(diFieldName(0, "startSeconds", 2)).toBe("diTracks.0.riffs.2.startSeconds");
  });

  it("round-trips the editor's state through the form", () => {
    const tracks = twoTracks();
    const parsed = parseDiTracksForm(toEntries(tracks));
    expect(parsed.map((t) => [t.assetId, t.channel, t.riffs.map((r) => [r.start, r.end])])).toEqual([
      [
        DI,
        "left",
        [
          ["0", "4"],
          ["5", "7.25"],
        ],
      ],
      [DI2, "mono", [["0", "4"]]],
    ]);
    expect(parsed[1]?.riffs[0]?.key).toBe("f1r0");
  });

  it("reads tracks and riffs in index order, closing gaps, and ignores forged indices", () => {
    const parsed = parseDiTracksForm([
      ["diTracks.5.assetId", DI2],
      ["diTracks.2.assetId", DI],
      ["diTracks.2.riffs.9.startSeconds", "3"],
      ["diTracks.2.riffs.9.endSeconds", "4"],
      ["diTracks.2.riffs.1.startSeconds", "1"],
      ["diTracks.2.riffs.1.endSeconds", "2"],
      ["diTracks.99999.assetId", "forged"],
      ["diTracks.x.assetId", "forged"],
      ["chains.0.name", "not a DI"],
    ]);
    expect(parsed.map((t) => t.assetId)).toEqual([DI, DI2]);
    expect(parsed[0]?.riffs.map((r) => r.start)).toEqual(["1", "3"]);
  });

  it("gives the contract's input, which the contract accepts, leaving empty riff rows out", () => {
    const tracks = twoTracks();
    tracks[0]?.riffs.splice(1, 0, { key: "empty", start: "", end: "", errors: {} });
    const { diTracks, riffIndex } = editorToDiTrackInputs(tracks);
    expect(diTracks).toEqual([
      {
        assetId: DI,
        channel: "left",
        riffs: [
          { startSeconds: 0, endSeconds: 4 },
          { startSeconds: 5, endSeconds: 7.25 },
        ],
      },
      { assetId: DI2, channel: "mono", riffs: [{ startSeconds: 0, endSeconds: 4 }] },
    ]);
    expect(riffIndex).toEqual([[0, 2], [0]]);
    for (const track of diTracks) expect(diTrackSchema.safeParse(track).success).toBe(true);
  });

  it("sends an empty start beside an end as 0, and text as NaN for the contract to name", () => {
    const track = {
      ...newTrack("t", di, "r"),
      riffs: [
        { key: "r", start: "", end: "3", errors: {} },
        { key: "s", start: "abc", end: "5", errors: {} },
      ],
    };
    const { diTracks } = editorToDiTrackInputs([track]);
    expect(diTracks[0]?.riffs?.[0]).toEqual({ startSeconds: 0, endSeconds: 3 });
    expect(Number.isNaN(diTracks[0]?.riffs?.[1]?.startSeconds)).toBe(true);
    const issues = diTrackSchema.safeParse(diTracks[0]).error?.issues ?? [];
    expect(issuesToFieldErrors(issues)["riffs.1.startSeconds"]).toBe("startSeconds must be a number");
  });

  it("shows a stored shootout's tracks", () => {
    const editor = diTracksToEditor([
      { assetId: DI, channel: "right", riffs: [{ startSeconds: 0.5, endSeconds: 4.5 }] },
      { assetId: DI2, channel: "left", riffs: [] },
    ]);
    expect(editor.map((t) => [t.key, t.assetId, t.channel, t.riffs.map((r) => [r.key, r.start, r.end])])).toEqual([
      ["e0", DI, "right", [["e0r0", "0.5", "4.5"]]],
      ["e1", DI2, "left", []],
    ]);
  });

  it("places the contract's messages beside the riff row they are about, past rows left out", () => {
    const tracks = twoTracks();
    tracks[0]?.riffs.splice(1, 0, { key: "empty", start: "", end: "", errors: {} });
    const riffs = tracks[0]?.riffs;
    if (riffs?.[2]) riffs[2] = { ...riffs[2], start: "3", end: "6" };
    const { diTracks, riffIndex } = editorToDiTrackInputs(tracks);
    const spec = {
      title: "t",
      diTracks,
      chains: [
        { name: "A", colour: "#f5a524", blocks: [{ type: "gain" }] },
        { name: "B", colour: "#3b82f6", blocks: [{ type: "gain" }] },
      ],
    };
    const result = shootoutSpecSchema.safeParse(spec);
    expect(result.success).toBe(false);
    const fieldErrors = issuesToFieldErrors(result.error?.issues ?? []);
    expect(Object.keys(fieldErrors)).toEqual(["diTracks.0.riffs.1.startSeconds"]);
    const placed = attachDiTrackErrors(tracks, riffIndex, {
      ...fieldErrors,
      title: "title too long",
      diTracks: "too many",
    });
    expect(placed.tracks[0]?.riffs[2]?.errors.startSeconds).toMatch(
      /riffs\[1\] starts at 3 s, before riffs\[0\] ends at 4 s/,
    );
    expect(placed.tracks[0]?.riffs[1]?.errors).toEqual({});
    expect(placed.section).toEqual(["too many"]);
    expect(placed.rest).toEqual({ title: "title too long" });
    // The state that was sent is not changed.
    expect(tracks[0]?.riffs[2]?.errors).toEqual({});
  });

  it("places track-level messages and messages about tracks that were not sent", () => {
    const tracks = twoTracks();
    const placed = attachDiTrackErrors(tracks, [[0, 1], [0]], {
      "diTracks.1.channel": "channel must be one of: left, right, mono",
      "diTracks.0.riffs": "riffs may hold at most 16 riffs",
      "diTracks.0.riffs.7.endSeconds": "a riff that is not there",
      "diTracks.4.assetId": "a track that is not there",
    });
    expect(placed.tracks[1]?.errors.channel).toMatch(/^channel must be/);
    expect(placed.tracks[0]?.errors.riffs).toBe("riffs may hold at most 16 riffs");
    expect(placed.section).toEqual(["a track that is not there"]);
  });

  it("moves the api's single-message refusals about a DI track to their field", () => {
    expect(placeDiMessages({ form: "diTracks[1].riffs[0] ends at 9 s, after the DI ends at 8 s" })).toEqual({
      "diTracks.1.riffs.0.endSeconds": "Ends at 9 s, after the DI ends at 8 s",
    });
    expect(placeDiMessages({ form: 'diTracks[0].channel: "right" chosen but the DI is mono' })).toEqual({
      "diTracks.0.channel": '"right" chosen but the DI is mono',
    });
    const other = { form: "chains[0].blocks[0].assetId: no asset" };
    expect(placeDiMessages(other)).toBe(other);
  });

  it("adopts values typed before hydration under the state's keys, only when the shape matches", () => {
    const current = twoTracks();
    const typed = parseDiTracksForm(toEntries(current));
    expect(adoptDiFormValues(current, typed)).toBeNull();
    const riff = typed[0]?.riffs[0];
    if (riff) riff.end = "3.75";
    const adopted = adoptDiFormValues(current, typed);
    expect(adopted?.[0]?.riffs[0]).toMatchObject({ key: "a0", end: "3.75" });
    expect(adoptDiFormValues(current, typed.slice(0, 1))).toBeNull();
  });
});
