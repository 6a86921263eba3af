/**
 * @module The arrangement settings as the builder edits them: the mode (`ab` or `full`) and each mode's settings,
 * with labels, units, limits and defaults from the contract's `ARRANGEMENT_LIMITS`; as form fields named after the
 * contract's paths (`arrangement.rounds`) and back. Both modes' values are kept, so switching modes and back loses
 * nothing typed; only the chosen mode's settings are sent, and an empty field means the contract's default.
 */
import {
  ARRANGEMENT_LIMITS,
  ARRANGEMENT_MODES,
  type Arrangement,
  type ArrangementInput,
  type ArrangementMode,
  formatNumber,
} from "@gts/api/contract";
import type { FieldErrors } from "./chain-editor";
import { numberOrAbsent } from "./chain-editor-form";

export { ARRANGEMENT_MODES };

export type ArrangementField = keyof typeof ARRANGEMENT_LIMITS;

/** Everything a number control needs about one setting. */
export interface ArrangementParam {
  field: ArrangementField;
  label: string;
  unit: string;
  min: number;
  max: number;
  step: number;
  default: number;
  hint: string;
}

function param(field: ArrangementField, label: string, unit: string, step: number, hint: string): ArrangementParam {
  const limit = ARRANGEMENT_LIMITS[field];
  return { field, label, unit, min: limit.min, max: limit.max, step, default: limit.default, hint };
}

/** Each mode's own settings, in display order. */
export const MODE_PARAMS: Record<ArrangementMode, ArrangementParam[]> = {
  ab: [
    param("riffSeconds", "Riff length", "s", 0.1, "Each riff plays this long per chain (shorter riffs play whole)"),
    param("rounds", "Rounds", "", 1, "Times the riff goes through every chain"),
    param("crossfadeMs", "Crossfade", "ms", 1, "Between one chain and the next"),
  ],
  full: [param("gapSeconds", "Gap between takes", "s", 0.1, "Silence between one segment and the next")],
};

/** Settings both modes share: the loudness every segment is matched to. */
export const SHARED_PARAMS: ArrangementParam[] = [
  param("loudnessTargetLufs", "Loudness target", "LUFS", 0.5, "Every segment is matched to this integrated loudness"),
  param("truePeakCeilingDbtp", "True-peak ceiling", "dBTP", 0.1, "No segment peaks above this"),
];

export const ALL_PARAMS: ArrangementParam[] = [...MODE_PARAMS.ab, ...MODE_PARAMS.full, ...SHARED_PARAMS];

export const MODE_LABELS: Record<ArrangementMode, { label: string; description: string }> = {
  ab: { label: "A/B riffs", description: "The same riff through each chain in turn, for quick comparison" },
  full: { label: "Full takes", description: "Each DI through each chain whole, one after another" },
};

/** "Rounds" or "Riff length (s)": the label with its unit, as the field is named. */
export function paramLabel(p: ArrangementParam): string {
  return p.unit ? `${p.label} (${p.unit})` : p.label;
}

export interface EditorArrangement {
  mode: string;
  /** Every setting of both modes, as typed; "" means the contract's default. */
  values: Record<ArrangementField, string>;
  /** Messages by contract field, `mode` for the choice or the arrangement as a whole. */
  errors: FieldErrors;
}

const fieldNames = Object.keys(ARRANGEMENT_LIMITS) as ArrangementField[];

/** `arrangement.<field>`. */
export function arrangementFieldName(field: ArrangementField | "mode"): string {
  return `arrangement.${field}`;
}

/** A stored arrangement (every default resolved) as editor state; the other mode's settings show their defaults. */
export function arrangementToEditor(stored?: Arrangement | ArrangementInput): EditorArrangement {
  const record = (stored ?? {}) as Record<string, unknown>;
  const values = {} as Record<ArrangementField, string>;
  for (const field of fieldNames) {
    const value = record[field];
    values[field] = formatNumber(typeof value === "number" ? value : ARRANGEMENT_LIMITS[field].default);
  }
  return { mode: stored?.mode ?? "ab", values, errors: {} };
}

/** The arrangement a submitted form describes (settings not sent are empty: the contract's default). */
export function parseArrangementForm(entries: Iterable<[string, FormDataEntryValue]>): EditorArrangement {
  const sent = new Map<string, string>();
  for (const [name, value] of entries) {
    if (typeof value === "string" && name.startsWith("arrangement.")) sent.set(name.slice(12), value);
  }
  const values = {} as Record<ArrangementField, string>;
  for (const field of fieldNames) values[field] = sent.get(field) ?? "";
  return { mode: sent.get("mode") ?? "ab", values, errors: {} };
}

/** The contract's input: the mode and its own settings; empty fields are left out so the contract's default applies. */
export function editorToArrangementInput(editor: EditorArrangement): ArrangementInput {
  const mode = editor.mode as ArrangementMode;
  const out: Record<string, unknown> = { mode: editor.mode };
  for (const p of [...(MODE_PARAMS[mode] ?? []), ...SHARED_PARAMS]) {
    const value = numberOrAbsent(editor.values[p.field]);
    if (value !== undefined) out[p.field] = value;
  }
  return out as ArrangementInput;
}

/** Client-side checks as the contract makes them: a number within the limits (and whole, for rounds). */
export function arrangementProblems(editor: EditorArrangement): Partial<Record<ArrangementField, string>> {
  const mode = editor.mode as ArrangementMode;
  const out: Partial<Record<ArrangementField, string>> = {};
  for (const p of [...(MODE_PARAMS[mode] ?? []), ...SHARED_PARAMS]) {
    const value = numberOrAbsent(editor.values[p.field]);
    if (value === undefined) continue;
    const range = `between ${formatNumber(p.min)} and ${formatNumber(p.max)}${p.unit ? ` ${p.unit}` : ""}`;
    if (!Number.isFinite(value) || value < p.min || value > p.max) out[p.field] = `${p.label} must be ${range}`;
    else if (p.field === "rounds" && !Number.isInteger(value)) out[p.field] = `${p.label} must be a whole number`;
  }
  return out;
}

/** The messages about the arrangement placed on its fields; the rest are returned by path. */
export function attachArrangementErrors(
  editor: EditorArrangement,
  fieldErrors: Record<string, string>,
): { arrangement: EditorArrangement; rest: Record<string, string> } {
  const errors: FieldErrors = {};
  const rest: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors)) {
    if (path !== "arrangement" && !path.startsWith("arrangement.")) {
      rest[path] = message;
      continue;
    }
    const field = path.split(".")[1] ?? "mode";
    const key = (fieldNames as string[]).includes(field) ? field : "mode";
    errors[key] ??= message;
  }
  return { arrangement: { ...editor, errors }, rest };
}
