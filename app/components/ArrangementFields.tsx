import type { ArrangementMode } from "@gts/api/contract";
import { useEffect, useRef, useState } from "react";
import {
  ARRANGEMENT_MODES,
  type ArrangementParam,
  arrangementFieldName,
  arrangementProblems,
  type EditorArrangement,
  MODE_LABELS,
  MODE_PARAMS,
  paramLabel,
  parseArrangementForm,
  SHARED_PARAMS,
} from "../lib/arrangement-form";
import { formatParam } from "../lib/chain-editor";
import { FieldError } from "./FieldError";

export interface ArrangementFieldsProps {
  initial: EditorArrangement;
  /** The arrangement as last sent, with the contract's messages, after the action refused it. */
  submitted?: EditorArrangement | null;
}

/**
 * How the program is arranged: A/B riffs or full takes, each mode's settings and the loudness both share, as
 * labelled number fields with their units, limits and defaults from the contract. The other mode's settings are
 * hidden by CSS (`:has(:checked)`), so the choice works without JavaScript; only the chosen mode's are used.
 */
export function ArrangementFields({ initial, submitted }: ArrangementFieldsProps) {
  const [arrangement, setArrangement] = useState(submitted ?? initial);
  const root = useRef<HTMLFieldSetElement>(null);
  const lastSubmitted = useRef(submitted);
  useEffect(() => {
    if (!submitted || submitted === lastSubmitted.current) return;
    lastSubmitted.current = submitted;
    setArrangement(submitted);
  }, [submitted]);
  // Values typed or chosen before the scripts ran.
  useEffect(() => {
    const form = root.current?.closest("form");
    if (!form) return;
    const sent = parseArrangementForm(new FormData(form));
    setArrangement((current) =>
      JSON.stringify([current.mode, current.values]) === JSON.stringify([sent.mode, sent.values])
        ? current
        : { ...sent, errors: current.errors },
    );
  }, []);

  const problems = arrangementProblems(arrangement);
  const set = (field: string, value: string) =>
    setArrangement((a) => {
      const { [field]: _, ...errors } = a.errors;
      return field === "mode"
        ? { ...a, mode: value, errors }
        : { ...a, values: { ...a.values, [field]: value }, errors };
    });

  const field = (p: ArrangementParam) => {
    const id = `arrangement-${p.field}`;
    const error = arrangement.errors[p.field] ?? problems[p.field];
    return (
      <div className="param" key={p.field}>
        <label htmlFor={id}>
          {paramLabel(p)}
          <input
            id={id}
            name={arrangementFieldName(p.field)}
            type="number"
            inputMode="decimal"
            min={p.min}
            max={p.max}
            step={p.step}
            value={arrangement.values[p.field]}
            placeholder={formatParam(p.default)}
            onChange={(event) => set(p.field, event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          />
        </label>
        <span className="hint" id={`${id}-hint`}>
          {p.hint}; {formatParam(p.min)} to {formatParam(p.max)}
          {p.unit ? ` ${p.unit}` : ""}, default {formatParam(p.default)}
        </span>
        <FieldError id={`${id}-error`} message={error} />
      </div>
    );
  };

  return (
    <fieldset className="arrangement-fields" data-testid="arrangement" ref={root}>
      <legend>Arrangement</legend>
      <div className="arrangement-modes" role="radiogroup" aria-label="Arrangement mode">
        {ARRANGEMENT_MODES.map((mode: ArrangementMode) => (
          <label key={mode} className="arrangement-mode-choice">
            <input
              type="radio"
              name={arrangementFieldName("mode")}
              value={mode}
              checked={arrangement.mode === mode}
              onChange={() => set("mode", mode)}
            />
            <span>
              <strong>{MODE_LABELS[mode].label}</strong>
              <span className="hint"> {MODE_LABELS[mode].description}</span>
            </span>
          </label>
        ))}
      </div>
      <FieldError id="arrangement-mode-error" message={arrangement.errors.mode} />
      {ARRANGEMENT_MODES.map((mode) => (
        <div key={mode} className={`arrangement-settings arrangement-settings-${mode}`}>
          {MODE_PARAMS[mode].map(field)}
        </div>
      ))}
      <div className="arrangement-settings">{SHARED_PARAMS.map(field)}</div>
    </fieldset>
  );
}
