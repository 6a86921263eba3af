import { MAX_DI_TRACKS, MAX_RIFFS_PER_DI } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import {
  type DiChoice,
  defaultDiTracks,
  diChoice,
  diLabels,
  diTracksReducer,
  type EditorDiTrack,
  newRiff,
  newTrack,
  nextDi,
} from "./di-tracks";

const DI: DiChoice = {
  id: "di-0000001",
  name: "Riff",
  durationSeconds: 8,
  channels: 1,
  sampleRateHz: 48_000,
  peakDbfs: -6,
};
const SHORT: DiChoice = { ...DI, id: "di-0000002", name: "Short", durationSeconds: 2.5, channels: 2 };

describe("the DI tracks editor's state", () => {
  it("starts with the library's first DI, its left channel and its first four seconds", () => {
    expect(defaultDiTracks([DI, SHORT])).toEqual([
      {
        key: "d0",
        assetId: DI.id,
        channel: "left",
        errors: {},
        riffs: [{ key: "d0r0", start: "0", end: "4", errors: {} }],
      },
    ]);
    expect(newTrack("t", SHORT, "r").riffs[0]).toMatchObject({ start: "0", end: "2.5" });
    expect(nextDi(defaultDiTracks([DI, SHORT]), [DI, SHORT])).toBe(SHORT);
    expect(nextDi([...defaultDiTracks([DI]), newTrack("t", SHORT, "r")], [DI, SHORT])).toBe(DI);
  });

  it("reads a library asset's facts", () => {
    expect(
      diChoice({
        id: "a",
        name: "A",
        metadata: { kind: "audio", durationSeconds: 3, channels: 2, sampleRateHz: 44_100, peakDbfs: null },
      }),
    ).toEqual({ id: "a", name: "A", durationSeconds: 3, channels: 2, sampleRateHz: 44_100, peakDbfs: null });
  });

  it("carries the api's waveform summary for the thumbnail, and leaves it out when there is none", () => {
    const metadata = { kind: "audio", durationSeconds: 3, channels: 1, sampleRateHz: 48_000, peakDbfs: -6 };
    expect(diChoice({ id: "a", name: "A", metadata: { ...metadata, waveform: [0, 0.5, 1] } }).waveform).toEqual([
      0, 0.5, 1,
    ]);
    expect(diChoice({ id: "a", name: "A", metadata })).not.toHaveProperty("waveform");
  });

  it("names the first track's fields as the builder always did, and the others by number", () => {
    expect(diLabels.recording(0)).toBe("DI recording");
    expect(diLabels.riffStart(0, 0)).toBe("Riff start (s)");
    expect(diLabels.riffEnd(0, 0)).toBe("Riff end (s)");
    expect(diLabels.riffStart(0, 1)).toBe("Riff 2 start (s)");
    expect(diLabels.recording(1)).toBe("DI 2 recording");
    expect(diLabels.riffEnd(2, 0)).toBe("DI 3 riff 1 end (s)");
  });

  it("adds riffs in time order and removes them, within the contract's limit", () => {
    let tracks = defaultDiTracks([DI]);
    tracks = diTracksReducer(tracks, { type: "addRiff", track: 0, riff: newRiff("b", { start: 6, end: 7.5 }) });
    tracks = diTracksReducer(tracks, { type: "addRiff", track: 0, riff: newRiff("a", { start: 4.25, end: 5 }) });
    expect(tracks[0]?.riffs.map((r) => [r.key, r.start, r.end])).toEqual([
      ["d0r0", "0", "4"],
      ["a", "4.25", "5"],
      ["b", "6", "7.5"],
    ]);
    tracks = diTracksReducer(tracks, { type: "removeRiff", track: 0, riff: 1 });
    expect(tracks[0]?.riffs.map((r) => r.key)).toEqual(["d0r0", "b"]);
    let full = tracks;
    for (let i = 0; i < MAX_RIFFS_PER_DI + 3; i++) {
      full = diTracksReducer(full, {
        type: "addRiff",
        track: 0,
        riff: newRiff(`x${i}`, { start: 10 + i, end: 10.5 + i }),
      });
    }
    expect(full[0]?.riffs).toHaveLength(MAX_RIFFS_PER_DI);
  });

  it("edits riff values and clears the messages about what changed", () => {
    const tracks: EditorDiTrack[] = [
      {
        ...newTrack("t", DI, "r"),
        errors: { riffs: "too many", channel: "mono file" },
        riffs: [
          { ...newRiff("r", { start: 0, end: 4 }), errors: { startSeconds: "bad start", endSeconds: "bad end" } },
        ],
      },
    ];
    const edited = diTracksReducer(tracks, { type: "setRiff", track: 0, riff: 0, end: "3.5" });
    expect(edited[0]?.riffs[0]).toMatchObject({ start: "0", end: "3.5", errors: { startSeconds: "bad start" } });
    expect(edited[0]?.errors).toEqual({ channel: "mono file" });
    const otherDi = diTracksReducer(tracks, { type: "setTrack", track: 0, field: "assetId", value: SHORT.id });
    expect(otherDi[0]).toMatchObject({ assetId: SHORT.id, errors: {} });
  });

  it("adds and removes tracks between one and the contract's maximum", () => {
    let tracks = defaultDiTracks([DI]);
    expect(diTracksReducer(tracks, { type: "removeTrack", track: 0 })).toBe(tracks);
    for (let i = 0; i < MAX_DI_TRACKS + 2; i++) {
      tracks = diTracksReducer(tracks, { type: "addTrack", track: newTrack(`t${i}`, DI, `r${i}`) });
    }
    expect(tracks).toHaveLength(MAX_DI_TRACKS);
    tracks = diTracksReducer(tracks, { type: "removeTrack", track: 0 });
    expect(tracks[0]?.key).toBe("t0");
  });
});
