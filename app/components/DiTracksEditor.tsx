import { useEffect, useReducer, useRef } from "react";
import {
  type DiChoice,
  diTracksReducer,
  type EditorDiTrack,
  MAX_DI_TRACKS,
  newRiff,
  newTrack,
  nextDi,
  riffIndexOf,
} from "../lib/di-tracks";
import { adoptDiFormValues, parseDiTracksForm } from "../lib/di-tracks-form";
import { describeSpan, type Span } from "../lib/riff-editor";
import { useHydrated } from "../lib/use-di-audio";
import { useEditorFeedback } from "../lib/use-editor-feedback";
import { DiTrackFields } from "./DiTrackFields";
import { FieldError } from "./FieldError";

export interface DiTracksEditorProps {
  dis: DiChoice[];
  /** The state to start from (one default track, or a saved shootout's). */
  initial: EditorDiTrack[];
  /** The tracks as last sent, with the contract's messages attached, after the action refused them. */
  submitted?: EditorDiTrack[] | null;
  /** Messages about the DI tracks as a whole (their number). */
  sectionErrors?: string[];
}

/**
 * The builder's DI tracks inside the page's form: add and remove tracks (up to the contract's limit), each a library
 * DI, the channel that feeds the chains and its riffs, marked on a zoomable waveform or typed. Every value is a
 * named form field, so what is shown submits without JavaScript (the waveform needs it); structural edits are
 * announced and move focus to what they made.
 */
export function DiTracksEditor({ dis, initial, submitted, sectionErrors = [] }: DiTracksEditorProps) {
  const [tracks, dispatch] = useReducer(diTracksReducer, submitted ?? initial);
  const { announcement, announce, focusAfterRender } = useEditorFeedback();
  const hydrated = useHydrated();
  const root = useRef<HTMLDivElement>(null);
  const counter = useRef(0);
  const tracksRef = useRef(tracks);
  tracksRef.current = tracks;
  const nextKey = () => `n${counter.current++}`;
  const lastSubmitted = useRef(submitted);
  useEffect(() => {
    if (!submitted || submitted === lastSubmitted.current) return;
    lastSubmitted.current = submitted;
    dispatch({ type: "load", tracks: submitted });
  }, [submitted]);

  // Values typed before the scripts ran are in the form but not in the state: adopt them.
  useEffect(() => {
    const form = root.current?.closest("form");
    if (!form) return;
    const adopted = adoptDiFormValues(tracksRef.current, parseDiTracksForm(new FormData(form)));
    if (adopted) dispatch({ type: "load", tracks: adopted });
  }, []);

  const addTrack = () => {
    const di = nextDi(tracks, dis);
    dispatch({ type: "addTrack", track: newTrack(nextKey(), di, nextKey()) });
    announce(`Added DI track ${tracks.length + 1}${di ? `, ${di.name}` : ""}`);
    focusAfterRender(() => document.getElementById(`di-${tracks.length}-asset`));
  };

  return (
    <div className="di-tracks-editor" ref={root}>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      {sectionErrors.length > 0 && <FieldError id="di-tracks-error" message={sectionErrors.join(" · ")} />}
      {tracks.map((track, t) => (
        <DiTrackFields
          key={track.key}
          index={t}
          track={track}
          dis={dis}
          onSet={(field, value) => dispatch({ type: "setTrack", track: t, field, value })}
          onSetRiff={(riff, values) => dispatch({ type: "setRiff", track: t, riff, ...values })}
          onAddRiff={(span: Span, via: "button" | "waveform") => {
            const riff = newRiff(nextKey(), span);
            dispatch({ type: "addRiff", track: t, riff });
            if (via === "button") announce(`Added a riff from ${describeSpan(span)}`);
            focusAfterRender(() => {
              const at = riffIndexOf(tracksRef.current[t], riff.key);
              // A riff marked on the waveform keeps focus there; one from the button focuses its start field.
              return via === "button" ? document.getElementById(`di-${t}-riff-${at}-start`) : null;
            });
          }}
          onRemoveRiff={(riff) => {
            dispatch({ type: "removeRiff", track: t, riff });
            announce(`Removed riff ${riff + 1}`);
            const left = track.riffs.length - 1;
            focusAfterRender(() =>
              left > 0
                ? document.getElementById(`di-${t}-riff-${Math.min(riff, left - 1)}-start`)
                : document.getElementById(`di-${t}-add-riff`),
            );
          }}
          onRemove={
            tracks.length > 1
              ? () => {
                  dispatch({ type: "removeTrack", track: t });
                  announce(`Removed DI track ${t + 1}`);
                  focusAfterRender(() => document.getElementById(`di-${Math.max(0, t - 1)}-asset`));
                }
              : undefined
          }
          announce={announce}
        />
      ))}
      <div className="chain-editor-actions" hidden={!hydrated}>
        <button
          type="button"
          className="button button-quiet"
          disabled={tracks.length >= MAX_DI_TRACKS || dis.length === 0}
          onClick={addTrack}
        >
          Add DI track
        </button>
        <span className="hint">
          {tracks.length} of {MAX_DI_TRACKS} DI tracks: every DI plays through every chain
        </span>
      </div>
    </div>
  );
}
