/**
 * @module The block editor's state as form fields and back, and the contract's verdict placed next to the right
 * control. Every editor control is a named form field (`chains.0.blocks.2.bands.1.gainDb`), so the builder submits
 * without JavaScript; the action rebuilds the editor state with {@link parseEditorForm}, turns it into the contract's
 * input with {@link editorToChainInputs} and validates that with the contract's schema. Field names follow the
 * contract's paths, so a zod issue path (`chains.0.blocks.2.gainDb`) names the control it is about; only blocks the
 * editor leaves out (empty asset slots) shift indices, which {@link ChainInputs.blockIndex} maps back.
 */
import {
  CHAIN_BLOCK_TYPES,
  type ChainBlockInput,
  type ChainBlockType,
  type ChainInput,
  type EqBandKind,
} from "@gts/api/contract";
import {
  BLOCK_FIELDS,
  type EditorBand,
  type EditorBlock,
  type EditorChain,
  EQ_BAND_FIELDS,
  type FieldErrors,
  formatParam,
} from "./chain-editor";
import { formText, formTree, inOrder } from "./form-tree";

/** The form field name of a chain field, a block field or a band field: the contract's path joined with dots. */
export function fieldName(chain: number, field: string): string;
export function fieldName(chain: number, field: string, block: number): string;
export function fieldName(chain: number, field: string, block: number, band: number): string;
export function fieldName(chain: number, field: string, block?: number, band?: number): string {
  if (block === undefined) return `chains.${chain}.${field}`;
  if (band === undefined) return `chains.${chain}.blocks.${block}.${field}`;
  return `chains.${chain}.blocks.${block}.bands.${band}.${field}`;
}

const isBlockType = (type: string): type is ChainBlockType => (CHAIN_BLOCK_TYPES as readonly string[]).includes(type);

/**
 * The editor state a submitted form describes. Positions come from the indices in the names (gaps close up); a
 * block is there when its `type` field is, and it is enabled when its `enabled` checkbox was sent. Blocks of an
 * unknown type cannot come from the editor and are dropped. Keys are `f<chain>`, `f<chain>b<block>`, … so the same
 * form always gives the same state (server and browser agree).
 */
export function parseEditorForm(entries: Iterable<[string, FormDataEntryValue]>): EditorChain[] {
  const chains = formTree(entries, "chains");
  return inOrder(chains, (chain, ci): EditorChain => {
    return {
      key: `f${ci}`,
      name: formText(chain, "name"),
      colour: formText(chain, "colour"),
      errors: {},
      blocks: inOrder(chain.get("blocks"), (block, bi): EditorBlock | null => {
        const type = formText(block, "type");
        if (!isBlockType(type)) return null;
        const params: Record<string, string> = {};
        for (const field of BLOCK_FIELDS[type]) params[field] = formText(block, field);
        return {
          key: `f${ci}b${bi}`,
          type,
          enabled: block.has("enabled"),
          assetId: type === "capture" || type === "ir" ? formText(block, "assetId") : "",
          params,
          errors: {},
          bands:
            type !== "eq"
              ? []
              : inOrder(block.get("bands"), (band, ki): EditorBand => {
                  const values = Object.fromEntries(EQ_BAND_FIELDS.map((f) => [f, formText(band, f)]));
                  return {
                    key: `f${ci}b${bi}k${ki}`,
                    kind: formText(band, "kind"),
                    frequencyHz: values.frequencyHz ?? "",
                    gainDb: values.gainDb ?? "",
                    q: values.q ?? "",
                    errors: {},
                  };
                }),
        };
      }),
    };
  });
}

/** A typed number: "" is absent (the contract's default applies, or the option is off); anything else goes to zod as typed. */
export function numberOrAbsent(value: string): number | undefined {
  const trimmed = value.trim();
  return trimmed === "" ? undefined : Number(trimmed);
}

function numbers(block: EditorBlock): Record<string, number> {
  const out: Record<string, number> = {};
  for (const field of BLOCK_FIELDS[block.type]) {
    const value = numberOrAbsent(block.params[field] ?? "");
    if (value !== undefined) out[field] = value;
  }
  return out;
}

function bandInput(band: EditorBand) {
  const out: Record<string, unknown> = { kind: band.kind || undefined };
  for (const field of EQ_BAND_FIELDS) out[field] = numberOrAbsent(band[field]);
  return out as { kind?: EqBandKind; frequencyHz: number; gainDb?: number; q?: number };
}

/** One block as the contract takes it. */
export function blockInput(block: EditorBlock): ChainBlockInput {
  const base = { enabled: block.enabled, ...numbers(block) };
  switch (block.type) {
    case "capture":
    case "ir":
      return { type: block.type, assetId: block.assetId.trim(), ...base } as ChainBlockInput;
    case "eq":
      return { type: "eq", ...base, bands: block.bands.map(bandInput) };
    default:
      return { type: block.type, ...base } as ChainBlockInput;
  }
}

/** The contract's chains, and where each sent block came from: `blockIndex[chain][sent] = editor index` (-1: added). */
export interface ChainInputs {
  chains: ChainInput[];
  blockIndex: number[][];
}

/** Capture and IR blocks with no asset chosen are slots left empty: they are not sent (the builder's "None"). */
export function isEmptySlot(block: EditorBlock): boolean {
  return (block.type === "capture" || block.type === "ir") && block.assetId.trim() === "";
}

/**
 * The editor's chains as the contract's input. Empty asset slots are left out; a chain left with nothing is a
 * clean reference (the DI as recorded), sent as one 0 dB gain block as the builder always did.
 */
export function editorToChainInputs(chains: readonly EditorChain[]): ChainInputs {
  const blockIndex: number[][] = [];
  const inputs = chains.map((chain) => {
    const sent: ChainBlockInput[] = [];
    const from: number[] = [];
    for (const [i, block] of chain.blocks.entries()) {
      if (isEmptySlot(block)) continue;
      sent.push(blockInput(block));
      from.push(i);
    }
    if (sent.length === 0) {
      sent.push({ type: "gain", gainDb: 0 });
      from.push(-1);
    }
    blockIndex.push(from);
    return { name: chain.name, colour: chain.colour, blocks: sent };
  });
  return { chains: inputs, blockIndex };
}

/** A number the contract stored, for a field: as the editor shows new values (at most 3 decimals). */
const shown = (value: unknown) => (typeof value === "number" ? formatParam(value) : "");

/** Stored chains (e.g. a saved shootout's) as editor state, for editing them. */
export function chainsToEditor(chains: readonly ChainInput[], prefix = "e"): EditorChain[] {
  return chains.map((chain, ci) => ({
    key: `${prefix}${ci}`,
    name: chain.name,
    colour: chain.colour,
    errors: {},
    blocks: chain.blocks.map((block, bi): EditorBlock => {
      const record = block as Record<string, unknown>;
      const params: Record<string, string> = {};
      for (const field of BLOCK_FIELDS[block.type]) params[field] = shown(record[field]);
      return {
        key: `${prefix}${ci}b${bi}`,
        type: block.type,
        enabled: block.enabled !== false,
        assetId: block.type === "capture" || block.type === "ir" ? block.assetId : "",
        params,
        errors: {},
        bands:
          block.type === "eq"
            ? (block.bands ?? []).map((band, ki) => ({
                key: `${prefix}${ci}b${bi}k${ki}`,
                kind: band.kind ?? "peak",
                frequencyHz: shown(band.frequencyHz),
                gainDb: shown(band.gainDb),
                q: shown(band.q),
                errors: {},
              }))
            : [],
      };
    }),
  }));
}

/** zod issues as messages by dotted path (`chains.0.blocks.1.gainDb`), the first message per path; no path is "form". */
export function issuesToFieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "form";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * The dotted path a message starts with, for refusals the api words as `chains[1].blocks[0].assetId: no asset …`
 * (one message, no zod path): `chains.1.blocks.0.assetId`, or null when it starts with none.
 */
export function pathFromMessage(message: string): string | null {
  const match = /^((?:[A-Za-z_]\w*)(?:\[\d+\]|\.[A-Za-z_]\w*)*): /.exec(message);
  if (!match?.[1] || !/[[.]/.test(match[1])) return null;
  return match[1].replace(/\[(\d+)\]/g, ".$1");
}

/** Moves a message kept under "form" to the field its text names, so it shows beside that control. */
export function placeMessagePaths(fieldErrors: Record<string, string>): Record<string, string> {
  const form = fieldErrors.form;
  const path = form ? pathFromMessage(form) : null;
  if (!form || !path) return fieldErrors;
  const { form: _, ...rest } = fieldErrors;
  return { ...rest, [path]: form.slice(form.indexOf(": ") + 2) };
}

export interface PlacedErrors {
  chains: EditorChain[];
  /** Messages no chain, block or band field took (title, DI, the number of chains, …), by path. */
  rest: Record<string, string>;
}

function put(errors: FieldErrors, field: string, message: string): FieldErrors {
  return field in errors ? errors : { ...errors, [field]: message };
}

/**
 * The messages about chains, blocks and bands attached to the editor state that was sent, so each shows beside its
 * control and moves with its block; `blockIndex` maps the contract's block indices back to the editor's.
 */
export function attachFieldErrors(
  chains: readonly EditorChain[],
  blockIndex: readonly (readonly number[])[],
  fieldErrors: Record<string, string>,
): PlacedErrors {
  const out = chains.map((c) => ({ ...c, blocks: c.blocks.map((b) => ({ ...b, bands: b.bands.slice() })) }));
  const rest: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors)) {
    const parts = path.split(".");
    const chain = parts[0] === "chains" && parts[1] !== undefined ? out[Number(parts[1])] : undefined;
    if (!chain || !/^\d+$/.test(parts[1] ?? "")) {
      rest[path] = message;
      continue;
    }
    const ci = Number(parts[1]);
    if (parts[2] !== "blocks" || parts[3] === undefined) {
      chain.errors = put(chain.errors, parts.slice(2).join("."), message);
      continue;
    }
    const editorIndex = blockIndex[ci]?.[Number(parts[3])];
    const block = editorIndex !== undefined && editorIndex >= 0 ? chain.blocks[editorIndex] : undefined;
    if (!block) {
      chain.errors = put(chain.errors, "blocks", message);
      continue;
    }
    if (parts[4] === "bands" && parts[5] !== undefined && parts[6] !== undefined && block.bands[Number(parts[5])]) {
      const k = Number(parts[5]);
      const band = block.bands[k] as EditorBand;
      block.bands[k] = { ...band, errors: put(band.errors, parts.slice(6).join("."), message) };
      continue;
    }
    block.errors = put(block.errors, parts.slice(4).join("."), message);
  }
  return { chains: out, rest };
}

/** Values only (no keys, no errors), to tell whether two states say the same thing. */
function valuesOf(chains: readonly EditorChain[]) {
  return JSON.stringify(
    chains.map((c) => [
      c.name,
      c.colour,
      c.blocks.map((b) => [
        b.type,
        b.enabled,
        b.assetId,
        b.params,
        b.bands.map((k) => [k.kind, k.frequencyHz, k.gainDb, k.q]),
      ]),
    ]),
  );
}

/**
 * What the form says, under the current state's keys where its structure is the same: after hydration the browser
 * may hold values typed before the scripts ran, which the state does not know yet. Null when nothing differs.
 */
export function adoptFormValues(
  current: readonly EditorChain[],
  fromForm: readonly EditorChain[],
): EditorChain[] | null {
  if (valuesOf(current) === valuesOf(fromForm)) return null;
  const sameShape =
    current.length === fromForm.length &&
    current.every(
      (c, ci) =>
        c.blocks.length === fromForm[ci]?.blocks.length &&
        c.blocks.every(
          (b, bi) =>
            b.type === fromForm[ci]?.blocks[bi]?.type && b.bands.length === fromForm[ci]?.blocks[bi]?.bands.length,
        ),
    );
  if (!sameShape) return null;
  return fromForm.map((chain, ci) => {
    const was = current[ci] as EditorChain;
    return {
      ...chain,
      key: was.key,
      errors: was.errors,
      blocks: chain.blocks.map((block, bi) => {
        const old = was.blocks[bi] as EditorBlock;
        return {
          ...block,
          key: old.key,
          errors: old.errors,
          bands: block.bands.map((band, ki) => ({
            ...band,
            key: old.bands[ki]?.key ?? band.key,
            errors: old.bands[ki]?.errors ?? {},
          })),
        };
      }),
    };
  });
}

/** An action's answer to a refused editor: every message by path, the ones no control shows, and the placed state. */
export interface EditorRefusal {
  fieldErrors: Record<string, string>;
  /** Messages for the summary above the form: those no chain, block or band took, and that `shownElsewhere` rejects. */
  summary: string[];
  editor: EditorChain[];
}

export function editorRefusal(
  editor: readonly EditorChain[],
  blockIndex: readonly (readonly number[])[],
  fieldErrors: Record<string, string>,
  shownElsewhere: (path: string) => boolean = () => false,
): EditorRefusal {
  const placed = attachFieldErrors(editor, blockIndex, fieldErrors);
  const summary = Object.entries(placed.rest)
    .filter(([path]) => !shownElsewhere(path))
    .map(([, message]) => message);
  return { fieldErrors, summary, editor: placed.chains };
}
