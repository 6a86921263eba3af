/**
 * @module The builder's DI tracks and arrangement, read from a submitted form (the chains have their own editor,
 * chain-editor-form.ts): the contract's input for both, and for a refusal, the states as sent with every message
 * placed beside its control, so the form comes back as it was (with or without JavaScript).
 */
import type { ArrangementInput, DiTrackInput } from "@gts/api/contract";
import {
  attachArrangementErrors,
  type EditorArrangement,
  editorToArrangementInput,
  parseArrangementForm,
} from "./arrangement-form";
import type { EditorDiTrack } from "./di-tracks";
import { attachDiTrackErrors, editorToDiTrackInputs, parseDiTracksForm } from "./di-tracks-form";

/** What a refused builder gives back about DI tracks and the arrangement. */
export interface BuilderRefusal {
  diTracks: EditorDiTrack[];
  /** Messages about the DI tracks as a whole (their number). */
  diSection: string[];
  arrangement: EditorArrangement;
}

export interface BuilderForm {
  diTracks: DiTrackInput[];
  arrangement: ArrangementInput;
  /** The states as sent, with the messages about DI tracks and the arrangement attached. */
  refusal: (fieldErrors: Record<string, string>) => BuilderRefusal;
}

export function parseBuilderForm(entries: Iterable<[string, FormDataEntryValue]>): BuilderForm {
  const all = [...entries];
  const tracks = parseDiTracksForm(all);
  const arrangementEditor = parseArrangementForm(all);
  const { diTracks, riffIndex } = editorToDiTrackInputs(tracks);
  return {
    diTracks,
    arrangement: editorToArrangementInput(arrangementEditor),
    refusal: (fieldErrors) => {
      const placed = attachDiTrackErrors(tracks, riffIndex, fieldErrors);
      const { arrangement } = attachArrangementErrors(arrangementEditor, placed.rest);
      return { diTracks: placed.tracks, diSection: placed.section, arrangement };
    },
  };
}
