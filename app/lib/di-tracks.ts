/**
 * @module The builder's DI tracks as it edits them: each a library DI, the channel that feeds the chains, and its
 * riff rows (values as typed, so a half-typed number survives until checked), with the pure edits the DI section
 * and its waveform make. Limits come from the contract. No React here.
 */
import { DI_CHANNELS, type DiChannel, MAX_DI_TRACKS, MAX_RIFFS_PER_DI } from "@gts/api/contract";
import type { FieldErrors } from "./chain-editor";
import { endLimit, formatTime, NEW_RIFF_SECONDS, type RiffRow, rowSpans, type Span, sortedIndex } from "./riff-editor";

export { DI_CHANNELS, MAX_DI_TRACKS, MAX_RIFFS_PER_DI };

export interface EditorRiff extends RiffRow {
  /** Stable identity for React and focus; never sent. */
  key: string;
  /** Messages by contract field (`startSeconds`, `endSeconds`), or `""` for the riff as a whole. */
  errors: FieldErrors;
}

export interface EditorDiTrack {
  key: string;
  assetId: string;
  channel: string;
  riffs: EditorRiff[];
  /** Messages by contract field (`assetId`, `channel`, `riffs`), or `""` for the track as a whole. */
  errors: FieldErrors;
}

/** What the DI section needs to know about a library DI (facts from the upload's metadata; null when unknown). */
export interface DiChoice {
  id: string;
  name: string;
  durationSeconds: number | null;
  channels: number | null;
  sampleRateHz: number | null;
  peakDbfs: number | null;
  /** The api's waveform summary (bucket maxima, 0..1), for the thumbnail; absent for FLAC and older uploads. */
  waveform?: readonly number[];
}

/** A library asset's facts as a {@link DiChoice}. */
export function diChoice(asset: {
  id: string;
  name: string;
  metadata: {
    kind: string;
    durationSeconds?: number;
    channels?: number;
    sampleRateHz?: number;
    peakDbfs?: number | null;
    waveform?: readonly number[];
  };
}): DiChoice {
  const audio = asset.metadata.kind === "audio" ? asset.metadata : null;
  return {
    id: asset.id,
    name: asset.name,
    durationSeconds: audio?.durationSeconds ?? null,
    channels: audio?.channels ?? null,
    sampleRateHz: audio?.sampleRateHz ?? null,
    peakDbfs: audio?.peakDbfs ?? null,
    ...(audio?.waveform ? { waveform: audio.waveform } : {}),
  };
}

/** How the channel choice reads in the builder. */
export const CHANNEL_LABELS: Record<DiChannel, string> = {
  left: "Left (or the only channel)",
  right: "Right",
  mono: "Mix of both (mono sum)",
};

/** The accessible (and visible) names of a track's fields: the first track's match the builder's original labels. */
export const diLabels = {
  recording: (track: number) => (track === 0 ? "DI recording" : `DI ${track + 1} recording`),
  channel: (track: number) => (track === 0 ? "Channel" : `DI ${track + 1} channel`),
  riff: (track: number, riff: number) =>
    track === 0 ? (riff === 0 ? "Riff" : `Riff ${riff + 1}`) : `DI ${track + 1} riff ${riff + 1}`,
  /** How buttons name a riff: "riff 2", "DI 2 riff 1". */
  riffName: (track: number, riff: number) => (track === 0 ? `riff ${riff + 1}` : `DI ${track + 1} riff ${riff + 1}`),
  riffStart: (track: number, riff: number) => `${diLabels.riff(track, riff)} start (s)`,
  riffEnd: (track: number, riff: number) => `${diLabels.riff(track, riff)} end (s)`,
};

export function newRiff(key: string, span: Span): EditorRiff {
  return { key, start: formatTime(span.start), end: formatTime(span.end), errors: {} };
}

/** The first riff a new track gets: the first {@link NEW_RIFF_SECONDS} of the DI (all of it when shorter). */
export function firstRiffSpan(durationSeconds: number | null): Span {
  return { start: 0, end: Math.min(NEW_RIFF_SECONDS, endLimit(durationSeconds)) };
}

export function newTrack(key: string, di: DiChoice | undefined, riffKey: string): EditorDiTrack {
  return {
    key,
    assetId: di?.id ?? "",
    channel: "left",
    riffs: [newRiff(riffKey, firstRiffSpan(di?.durationSeconds ?? null))],
    errors: {},
  };
}

/** The builder's starting point: the library's first DI, its left channel, its first four seconds as one riff. */
export function defaultDiTracks(dis: readonly DiChoice[]): EditorDiTrack[] {
  return [newTrack("d0", dis[0], "d0r0")];
}

/** The DI a new track starts with: the first one no track uses yet, else the first. */
export function nextDi(tracks: readonly EditorDiTrack[], dis: readonly DiChoice[]): DiChoice | undefined {
  const used = new Set(tracks.map((t) => t.assetId));
  return dis.find((di) => !used.has(di.id)) ?? dis[0];
}

function without(errors: FieldErrors, ...fields: string[]): FieldErrors {
  if (!fields.some((f) => f in errors)) return errors;
  const next = { ...errors };
  for (const f of fields) delete next[f];
  return next;
}

function updateAt<T>(items: readonly T[], index: number, update: (item: T) => T): T[] {
  return items.map((item, i) => (i === index ? update(item) : item));
}

/** Every edit of the DI section; keys for anything new come with the action, so the reducer stays pure. */
export type DiTracksAction =
  | { type: "load"; tracks: EditorDiTrack[] }
  | { type: "addTrack"; track: EditorDiTrack }
  | { type: "removeTrack"; track: number }
  | { type: "setTrack"; track: number; field: "assetId" | "channel"; value: string }
  /** Inserted where its start keeps the rows in time order. */
  | { type: "addRiff"; track: number; riff: EditorRiff }
  | { type: "removeRiff"; track: number; riff: number }
  /** A typed value, or an edge or whole riff moved on the waveform (only the fields given change). */
  | { type: "setRiff"; track: number; riff: number; start?: string; end?: string };

/** Applies one edit; the limits (tracks, riffs per track) are enforced here as well as by disabled buttons. */
export function diTracksReducer(tracks: EditorDiTrack[], action: DiTracksAction): EditorDiTrack[] {
  switch (action.type) {
    case "load":
      return action.tracks;
    case "addTrack":
      return tracks.length >= MAX_DI_TRACKS ? tracks : [...tracks, action.track];
    case "removeTrack":
      return tracks.length <= 1 ? tracks : tracks.filter((_, i) => i !== action.track);
    case "setTrack":
      return updateAt(tracks, action.track, (t) => ({
        ...t,
        [action.field]: action.value,
        // A new DI has another length and channel count: its riff and channel messages may no longer hold.
        errors: without(t.errors, action.field, "", ...(action.field === "assetId" ? ["channel", "riffs"] : [])),
      }));
    case "addRiff":
      return updateAt(tracks, action.track, (t) => {
        if (t.riffs.length >= MAX_RIFFS_PER_DI) return t;
        const at = sortedIndex(rowSpans(t.riffs), Number(action.riff.start));
        const riffs = t.riffs.slice();
        riffs.splice(at, 0, action.riff);
        return { ...t, riffs, errors: without(t.errors, "riffs") };
      });
    case "removeRiff":
      return updateAt(tracks, action.track, (t) => ({
        ...t,
        riffs: t.riffs.filter((_, i) => i !== action.riff),
        errors: without(t.errors, "riffs"),
      }));
    case "setRiff":
      return updateAt(tracks, action.track, (t) => ({
        ...t,
        errors: without(t.errors, "riffs"),
        riffs: updateAt(t.riffs, action.riff, (r) => ({
          ...r,
          start: action.start ?? r.start,
          end: action.end ?? r.end,
          errors: without(
            r.errors,
            "",
            ...(action.start !== undefined ? ["startSeconds"] : []),
            ...(action.end !== undefined ? ["endSeconds"] : []),
          ),
        })),
      }));
  }
}

/** The index of the new riff after `addRiff` placed it (for focus and announcements). */
export function riffIndexOf(track: EditorDiTrack | undefined, key: string): number {
  return track?.riffs.findIndex((r) => r.key === key) ?? -1;
}
