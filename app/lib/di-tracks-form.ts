/**
 * @module The DI section's state as form fields and back, and the contract's and the api's messages placed beside
 * the right control. Field names follow the contract's paths (`diTracks.1.riffs.0.startSeconds`), so a zod issue
 * path names its field; riff rows left empty are not sent, which {@link DiTrackInputs.riffIndex} maps back.
 */
import type { DiTrackInput } from "@gts/api/contract";
import type { EditorDiTrack, EditorRiff } from "./di-tracks";
import { formText, formTree, inOrder, MAX_FORM_INDEX } from "./form-tree";
import { formatTime, parseSeconds, rowStart } from "./riff-editor";

/** `diTracks.<track>.<field>`, or `diTracks.<track>.riffs.<riff>.<field>`. */
export function diFieldName(track: number, field: string, riff?: number): string {
  return riff === undefined ? `diTracks.${track}.${field}` : `diTracks.${track}.riffs.${riff}.${field}`;
}

const index = (part: string | undefined) => {
  const n = Number(part);
  return part !== undefined && /^\d+$/.test(part) && n <= MAX_FORM_INDEX ? n : null;
};

/**
 * The DI tracks a submitted form describes, in the order of the indices in the names (gaps close up). A track is
 * there when any of its fields is; keys are `f<track>` and `f<track>r<riff>`, so server and browser agree.
 */
export function parseDiTracksForm(entries: Iterable<[string, FormDataEntryValue]>): EditorDiTrack[] {
  return inOrder(formTree(entries, "diTracks"), (track, ti) => ({
    key: `f${ti}`,
    assetId: formText(track, "assetId"),
    channel: formText(track, "channel"),
    errors: {},
    riffs: inOrder(
      track.get("riffs"),
      (riff, ri): EditorRiff => ({
        key: `f${ti}r${ri}`,
        start: formText(riff, "startSeconds"),
        end: formText(riff, "endSeconds"),
        errors: {},
      }),
    ),
  }));
}

/** The contract's DI tracks, and where each sent riff came from: `riffIndex[track][sent] = row`. */
export interface DiTrackInputs {
  diTracks: DiTrackInput[];
  riffIndex: number[][];
}

/** A row with both fields empty is a riff not marked: it is not sent. */
export function isEmptyRiff(riff: Pick<EditorRiff, "start" | "end">): boolean {
  return riff.start.trim() === "" && riff.end.trim() === "";
}

/**
 * The DI section as the contract's input. An empty start next to a typed end is 0 (the DI's start), as the builder
 * always took it; any other value goes to zod as typed (NaN for text, which zod names "must be a number").
 */
export function editorToDiTrackInputs(tracks: readonly EditorDiTrack[]): DiTrackInputs {
  const riffIndex: number[][] = [];
  const diTracks = tracks.map((track): DiTrackInput => {
    const from: number[] = [];
    const riffs = track.riffs.flatMap((riff, row) => {
      if (isEmptyRiff(riff)) return [];
      from.push(row);
      return [{ startSeconds: rowStart(riff), endSeconds: parseSeconds(riff.end) }];
    });
    riffIndex.push(from);
    return {
      assetId: track.assetId.trim(),
      channel: (track.channel || undefined) as DiTrackInput["channel"],
      riffs,
    };
  });
  return { diTracks, riffIndex };
}

/** Stored DI tracks (a saved shootout's) as editor state. */
export function diTracksToEditor(
  tracks: readonly {
    assetId: string;
    channel?: string;
    riffs?: readonly { startSeconds: number; endSeconds: number }[];
  }[],
  prefix = "e",
): EditorDiTrack[] {
  return tracks.map((track, ti) => ({
    key: `${prefix}${ti}`,
    assetId: track.assetId,
    channel: track.channel ?? "left",
    errors: {},
    riffs: (track.riffs ?? []).map((riff, ri) => ({
      key: `${prefix}${ti}r${ri}`,
      start: formatTime(riff.startSeconds),
      end: formatTime(riff.endSeconds),
      errors: {},
    })),
  }));
}

/**
 * Moves a single api message about a DI track, kept under "form", to the field it is about: the api words them as
 * `diTracks[0].riffs[1] ends at 9 s, after the DI ends at 8 s` or `diTracks[0].channel: "right" chosen but …`.
 */
export function placeDiMessages(fieldErrors: Record<string, string>): Record<string, string> {
  const form = fieldErrors.form;
  if (!form) return fieldErrors;
  const riff = /^diTracks\[(\d+)\]\.riffs\[(\d+)\] (ends|starts) (.*)$/s.exec(form);
  const field = /^diTracks\[(\d+)\]\.(\w+): (.*)$/s.exec(form);
  const { form: _, ...rest } = fieldErrors;
  if (riff) {
    const [, t, r, verb, tail] = riff;
    const edge = verb === "ends" ? "endSeconds" : "startSeconds";
    return { ...rest, [`diTracks.${t}.riffs.${r}.${edge}`]: `${verb === "ends" ? "Ends" : "Starts"} ${tail}` };
  }
  if (field) return { ...rest, [`diTracks.${field[1]}.${field[2]}`]: field[3] as string };
  return fieldErrors;
}

export interface PlacedDiErrors {
  tracks: EditorDiTrack[];
  /** Messages about the DI section as a whole (the number of tracks), and any about a track that was not sent. */
  section: string[];
  /** Messages not about DI tracks at all, by path. */
  rest: Record<string, string>;
}

const put = (errors: Record<string, string>, field: string, message: string) =>
  field in errors ? errors : { ...errors, [field]: message };

/** The messages about DI tracks and riffs attached to the state that was sent, so each shows beside its control. */
export function attachDiTrackErrors(
  tracks: readonly EditorDiTrack[],
  riffIndex: readonly (readonly number[])[],
  fieldErrors: Record<string, string>,
): PlacedDiErrors {
  const out = tracks.map((t) => ({ ...t, riffs: t.riffs.slice() }));
  const section: string[] = [];
  const rest: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors)) {
    const parts = path.split(".");
    if (parts[0] !== "diTracks") {
      rest[path] = message;
      continue;
    }
    const t = index(parts[1]);
    const track = t === null ? undefined : out[t];
    if (!track || t === null) {
      section.push(message);
      continue;
    }
    if (parts[2] !== "riffs" || parts[3] === undefined) {
      track.errors = put(track.errors, parts.slice(2).join("."), message);
      continue;
    }
    const row = riffIndex[t]?.[Number(parts[3])];
    const riff = row === undefined ? undefined : track.riffs[row];
    if (!riff || row === undefined) {
      track.errors = put(track.errors, "riffs", message);
      continue;
    }
    track.riffs[row] = { ...riff, errors: put(riff.errors, parts.slice(4).join("."), message) };
  }
  return { tracks: out, section, rest };
}

/** Values only (no keys, no errors), to tell whether two states say the same thing. */
function valuesOf(tracks: readonly EditorDiTrack[]) {
  return JSON.stringify(tracks.map((t) => [t.assetId, t.channel, t.riffs.map((r) => [r.start, r.end])]));
}

/**
 * What the form says, under the current state's keys where its structure is the same (values typed before the
 * scripts ran are in the form, not in the state). Null when nothing differs or the structure does not match.
 */
export function adoptDiFormValues(
  current: readonly EditorDiTrack[],
  fromForm: readonly EditorDiTrack[],
): EditorDiTrack[] | null {
  if (valuesOf(current) === valuesOf(fromForm)) return null;
  const sameShape =
    current.length === fromForm.length && current.every((t, i) => t.riffs.length === fromForm[i]?.riffs.length);
  if (!sameShape) return null;
  return fromForm.map((track, ti) => {
    const was = current[ti] as EditorDiTrack;
    return {
      ...track,
      key: was.key,
      errors: was.errors,
      riffs: track.riffs.map((riff, ri) => ({
        ...riff,
        key: was.riffs[ri]?.key ?? riff.key,
        errors: was.riffs[ri]?.errors ?? {},
      })),
    };
  });
}
