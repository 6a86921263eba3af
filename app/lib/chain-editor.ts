/**
 * @module The block editor's model: chains of blocks as the builder edits them (every value a string, exactly as
 * typed, so a half-typed "-" or an empty field survives until the contract's schema judges it), the parameters each
 * block type shows with their limits from the contract, and the pure edits the editor makes (add, remove, move,
 * duplicate). No React here: the components dispatch these edits, and tests check them directly.
 */
import {
  CHAIN_BLOCK_LIMITS,
  CHAIN_BLOCK_TYPES,
  type ChainBlockType,
  EQ_BAND_KINDS,
  formatNumber,
  MAX_BLOCKS_PER_CHAIN,
  MAX_CHAIN_NAME_CHARS,
  MAX_CHAINS,
  MAX_EQ_BANDS,
  MIN_CHAINS,
  type NumberLimit,
} from "@gts/api/contract";

export { CHAIN_BLOCK_TYPES, EQ_BAND_KINDS, MAX_BLOCKS_PER_CHAIN, MAX_CHAINS, MAX_EQ_BANDS, MIN_CHAINS };

/** Messages by field: `""` for the block or chain as a whole, otherwise the contract's field name. */
export type FieldErrors = Record<string, string>;

export interface EditorBand {
  key: string;
  kind: string;
  frequencyHz: string;
  gainDb: string;
  q: string;
  errors: FieldErrors;
}

export interface EditorBlock {
  /** Stable identity for React and focus; never sent. */
  key: string;
  type: ChainBlockType;
  enabled: boolean;
  /** Capture and IR blocks: the library asset; "" means none chosen, and the block is left out of the chain. */
  assetId: string;
  /** Every numeric parameter of the type ({@link BLOCK_FIELDS}), as typed; "" means the contract's default (or off). */
  params: Record<string, string>;
  /** EQ blocks only. */
  bands: EditorBand[];
  errors: FieldErrors;
}

export interface EditorChain {
  key: string;
  name: string;
  colour: string;
  blocks: EditorBlock[];
  errors: FieldErrors;
}

/** How the editor names each block type: in card titles, the add menu and announcements. */
export const BLOCK_LABELS: Record<ChainBlockType, string> = {
  gain: "Gain",
  gate: "Gate",
  eq: "EQ",
  capture: "Capture",
  ir: "Cab IR",
  delay: "Delay",
  reverb: "Reverb",
};

/** One line under each label in the add menu: what the block is for. */
export const BLOCK_DESCRIPTIONS: Record<ChainBlockType, string> = {
  gain: "Boost or trim",
  gate: "Cut hiss between notes",
  eq: "Bands and high/low-pass",
  capture: "NAM amp or pedal",
  ir: "Cabinet impulse response",
  delay: "Echoes",
  reverb: "Room",
};

type Limits = typeof CHAIN_BLOCK_LIMITS;

/** The numeric fields each block carries itself (EQ bands have their own, {@link EQ_BAND_FIELDS}), in display order. */
export const BLOCK_FIELDS: { readonly [T in ChainBlockType]: readonly (keyof Limits[T] & string)[] } = {
  gain: ["gainDb"],
  gate: ["thresholdDb", "attackMs", "holdMs", "releaseMs"],
  eq: ["highPassHz", "lowPassHz"],
  capture: ["slimmableSize"],
  ir: ["mix", "gainDb"],
  delay: ["timeMs", "feedback", "mix"],
  reverb: ["decaySeconds", "preDelayMs", "mix"],
};

/** The numeric fields of one EQ band, in display order (its `kind` is a choice). */
export const EQ_BAND_FIELDS = ["frequencyHz", "gainDb", "q"] as const satisfies readonly (keyof Limits["eq"])[];
export type EqBandField = (typeof EQ_BAND_FIELDS)[number];

/** Fields that may be left empty: an empty pass filter is off, an empty slimmable size is the full model. */
export const OPTIONAL_FIELDS: { readonly [T in ChainBlockType]?: readonly string[] } = {
  eq: ["highPassHz", "lowPassHz"],
  capture: ["slimmableSize"],
};

const FIELD_LABELS: Record<string, string> = {
  gainDb: "Gain",
  thresholdDb: "Threshold",
  attackMs: "Attack",
  holdMs: "Hold",
  releaseMs: "Release",
  frequencyHz: "Frequency",
  q: "Q",
  highPassHz: "High-pass",
  lowPassHz: "Low-pass",
  slimmableSize: "Model size",
  mix: "Mix",
  timeMs: "Time",
  feedback: "Feedback",
  decaySeconds: "Decay",
  preDelayMs: "Pre-delay",
};

export const EQ_KIND_LABELS: Record<(typeof EQ_BAND_KINDS)[number], string> = {
  peak: "Peak",
  lowShelf: "Low shelf",
  highShelf: "High shelf",
};

/** Everything a number control needs about one parameter: limits from the contract, unit and step derived from them. */
export interface ParamSpec {
  field: string;
  label: string;
  unit: string;
  min: number;
  max: number;
  step: number;
  default: number | undefined;
  optional: boolean;
}

/** The unit a contract field name ends in (`gainDb` → dB); ratios (mix, feedback, q, size) have none. */
export function unitOf(field: string): string {
  if (field.endsWith("Db")) return "dB";
  if (field.endsWith("Hz")) return "Hz";
  if (field.endsWith("Ms")) return "ms";
  if (field.endsWith("Seconds")) return "s";
  return "";
}

/** A step fine enough for the range and unit: half-dB, whole Hz and ms, tenths of seconds, hundredths of a ratio. */
export function stepOf(unit: string, limit: NumberLimit): number {
  if (unit === "dB") return 0.5;
  if (unit === "Hz" || unit === "ms") return 1;
  if (unit === "s") return 0.1;
  return limit.max - limit.min <= 1 ? 0.01 : 0.1;
}

function spec(field: string, limit: NumberLimit, optional: boolean): ParamSpec {
  const unit = unitOf(field);
  return {
    field,
    label: FIELD_LABELS[field] ?? field,
    unit,
    min: limit.min,
    max: limit.max,
    step: stepOf(unit, limit),
    default: limit.default,
    optional,
  };
}

/** The parameter specs of one block type, in display order. */
export function blockParams(type: ChainBlockType): ParamSpec[] {
  const limits = CHAIN_BLOCK_LIMITS[type] as Record<string, NumberLimit>;
  const optional = OPTIONAL_FIELDS[type] ?? [];
  return BLOCK_FIELDS[type].map((field) => {
    const limit = limits[field];
    if (!limit) throw new Error(`no limits for ${type}.${field}`);
    return spec(field, limit, optional.includes(field));
  });
}

/** The parameter specs of an EQ band. */
export function bandParams(): ParamSpec[] {
  return EQ_BAND_FIELDS.map((field) => spec(field, CHAIN_BLOCK_LIMITS.eq[field], false));
}

/** A number as a field shows it: at most 3 decimals, so a default of 1/√2 reads 0.707. */
export function formatParam(value: number | undefined): string {
  return value === undefined ? "" : formatNumber(value);
}

/** A new band's frequency: the range's geometric middle (≈ 632 Hz), where a peak band is easiest to hear. */
export function newBandFrequency(): number {
  const { min, max } = CHAIN_BLOCK_LIMITS.eq.frequencyHz;
  return Math.round(Math.sqrt(min * max));
}

export function newBand(key: string): EditorBand {
  const { gainDb, q } = CHAIN_BLOCK_LIMITS.eq;
  return {
    key,
    kind: EQ_BAND_KINDS[0],
    frequencyHz: formatParam(newBandFrequency()),
    gainDb: formatParam(gainDb.default),
    q: formatParam(q.default),
    errors: {},
  };
}

/** A block with the contract's defaults; optional fields without a default start empty (off / full size). */
export function newBlock(type: ChainBlockType, key: string, assetId = ""): EditorBlock {
  const params: Record<string, string> = {};
  for (const param of blockParams(type)) params[param.field] = formatParam(param.default);
  return { key, type, enabled: true, assetId, params, bands: [], errors: {} };
}

/** Where a chain usually has each type (gate, boost, pedal/amp, eq, cab, time effects): new blocks land there. */
const NATURAL_ORDER: Record<ChainBlockType, number> = {
  gate: 0,
  gain: 1,
  capture: 2,
  eq: 3,
  ir: 4,
  delay: 5,
  reverb: 6,
};

/** Index a new block of `type` goes to: after the last block that usually comes before or with it. */
export function insertionIndex(blocks: readonly Pick<EditorBlock, "type">[], type: ChainBlockType): number {
  let index = 0;
  for (const [i, block] of blocks.entries()) {
    if (NATURAL_ORDER[block.type] <= NATURAL_ORDER[type]) index = i + 1;
  }
  return index;
}

/** `items` with the item at `from` moved to `to` (both clamped); the same array when nothing moves. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(items.length - 1, to));
  if (from < 0 || from >= items.length || from === target) return items as T[];
  const next = items.slice();
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** Screen-reader announcement after a move, e.g. "Moved EQ to position 2 of 4". */
export function moveAnnouncement(type: ChainBlockType, to: number, count: number): string {
  return `Moved ${BLOCK_LABELS[type]} to position ${to + 1} of ${count}`;
}

/** The default palette: chain colours in the video and player, picked in order by new chains. */
export const CHAIN_PALETTE = ["#f5a524", "#3b82f6", "#22c55e", "#ef4444", "#a855f7", "#14b8a6", "#eab308", "#ec4899"];

/** The first palette colour no chain uses (the palette cycles once every colour is taken). */
export function nextColour(chains: readonly Pick<EditorChain, "colour">[]): string {
  const used = new Set(chains.map((c) => c.colour.toLowerCase()));
  return CHAIN_PALETTE.find((c) => !used.has(c)) ?? CHAIN_PALETTE[chains.length % CHAIN_PALETTE.length] ?? "#888888";
}

/** `base` if no chain has that name (case-insensitively, as the contract compares), else `base 2`, `base 3`, … */
export function uniqueName(chains: readonly Pick<EditorChain, "name">[], base: string): string {
  const taken = new Set(chains.map((c) => c.name.trim().toLowerCase()));
  const clip = (name: string, suffix = "") => `${name.slice(0, MAX_CHAIN_NAME_CHARS - suffix.length)}${suffix}`;
  if (!taken.has(clip(base).toLowerCase())) return clip(base);
  for (let n = 2; ; n++) {
    const candidate = clip(base, ` ${n}`);
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** A chain as the builder always offered one: an amp capture slot, then a cab IR (the `irIndex`-th IR by default). */
export function newChain(
  keys: { chain: string; capture: string; ir: string },
  name: string,
  colour: string,
  irId = "",
): EditorChain {
  return {
    key: keys.chain,
    name,
    colour,
    blocks: [newBlock("capture", keys.capture), newBlock("ir", keys.ir, irId)],
    errors: {},
  };
}

/** The builder's starting point: MIN_CHAINS default chains, each through a different IR where the library has several. */
export function defaultChains(irIds: readonly string[]): EditorChain[] {
  return Array.from({ length: MIN_CHAINS }, (_, i) =>
    newChain(
      { chain: `s${i}`, capture: `s${i}b0`, ir: `s${i}b1` },
      `Chain ${i + 1}`,
      CHAIN_PALETTE[i % CHAIN_PALETTE.length] ?? "#888888",
      irIds[i % Math.max(1, irIds.length)] ?? "",
    ),
  );
}

/** A copy of a chain under fresh keys with a name no chain has and an unused colour, without its errors. */
export function duplicateChain(
  chains: readonly EditorChain[],
  index: number,
  nextKey: () => string,
): EditorChain | null {
  const source = chains[index];
  if (!source) return null;
  return {
    key: nextKey(),
    name: uniqueName(chains, `${source.name.trim() || `Chain ${index + 1}`} copy`),
    colour: nextColour(chains),
    errors: {},
    blocks: source.blocks.map((block) => ({
      ...block,
      key: nextKey(),
      params: { ...block.params },
      bands: block.bands.map((band) => ({ ...band, key: nextKey(), errors: {} })),
      errors: {},
    })),
  };
}

function without(errors: FieldErrors, ...fields: string[]): FieldErrors {
  if (!fields.some((f) => f in errors)) return errors;
  const next = { ...errors };
  for (const f of fields) delete next[f];
  return next;
}

/** Every edit the editor makes. Keys for anything new come with the action, so the reducer stays pure. */
export type EditorAction =
  | { type: "load"; chains: EditorChain[] }
  | { type: "addChain"; chain: EditorChain }
  | { type: "duplicateChain"; index: number; chain: EditorChain }
  | { type: "removeChain"; chain: number }
  | { type: "setChain"; chain: number; field: "name" | "colour"; value: string }
  | { type: "addBlock"; chain: number; block: EditorBlock; at: number }
  | { type: "removeBlock"; chain: number; block: number }
  | { type: "moveBlock"; chain: number; from: number; to: number }
  | { type: "setEnabled"; chain: number; block: number; enabled: boolean }
  | { type: "setAsset"; chain: number; block: number; assetId: string }
  | { type: "setParam"; chain: number; block: number; field: string; value: string }
  | { type: "addBand"; chain: number; block: number; key: string }
  | { type: "removeBand"; chain: number; block: number; band: number }
  | { type: "setBand"; chain: number; block: number; band: number; field: "kind" | EqBandField; value: string };

function updateAt<T>(items: readonly T[], index: number, update: (item: T) => T): T[] {
  return items.map((item, i) => (i === index ? update(item) : item));
}

function updateBlock(
  chains: EditorChain[],
  chain: number,
  block: number,
  update: (block: EditorBlock) => EditorBlock,
): EditorChain[] {
  return updateAt(chains, chain, (c) => ({ ...c, blocks: updateAt(c.blocks, block, update) }));
}

/** Applies one edit; limits (chains, blocks, bands) are enforced here as well as by disabled buttons. */
export function editorReducer(chains: EditorChain[], action: EditorAction): EditorChain[] {
  switch (action.type) {
    case "load":
      return action.chains;
    case "addChain":
      return chains.length >= MAX_CHAINS ? chains : [...chains, action.chain];
    case "duplicateChain":
      if (chains.length >= MAX_CHAINS || !chains[action.index]) return chains;
      return [...chains.slice(0, action.index + 1), action.chain, ...chains.slice(action.index + 1)];
    case "removeChain":
      return chains.length <= MIN_CHAINS ? chains : chains.filter((_, i) => i !== action.chain);
    case "setChain":
      return updateAt(chains, action.chain, (c) => ({
        ...c,
        [action.field]: action.value,
        errors: without(c.errors, action.field),
      }));
    case "addBlock":
      return updateAt(chains, action.chain, (c) => {
        if (c.blocks.length >= MAX_BLOCKS_PER_CHAIN) return c;
        const blocks = c.blocks.slice();
        blocks.splice(Math.max(0, Math.min(blocks.length, action.at)), 0, action.block);
        return { ...c, blocks, errors: without(c.errors, "blocks") };
      });
    case "removeBlock":
      return updateAt(chains, action.chain, (c) => ({
        ...c,
        blocks: c.blocks.filter((_, i) => i !== action.block),
        errors: without(c.errors, "blocks"),
      }));
    case "moveBlock":
      return updateAt(chains, action.chain, (c) => {
        const blocks = moveItem(c.blocks, action.from, action.to);
        return blocks === c.blocks ? c : { ...c, blocks };
      });
    case "setEnabled":
      return updateBlock(chains, action.chain, action.block, (b) => ({ ...b, enabled: action.enabled }));
    case "setAsset":
      return updateBlock(chains, action.chain, action.block, (b) => ({
        ...b,
        assetId: action.assetId,
        // A size only means something for the model it was chosen for.
        params: b.type === "capture" ? { ...b.params, slimmableSize: "" } : b.params,
        errors: without(b.errors, "assetId", "slimmableSize", ""),
      }));
    case "setParam":
      return updateBlock(chains, action.chain, action.block, (b) => ({
        ...b,
        params: { ...b.params, [action.field]: action.value },
        errors: without(b.errors, action.field),
      }));
    case "addBand":
      return updateBlock(chains, action.chain, action.block, (b) =>
        b.bands.length >= MAX_EQ_BANDS
          ? b
          : { ...b, bands: [...b.bands, newBand(action.key)], errors: without(b.errors, "bands") },
      );
    case "removeBand":
      return updateBlock(chains, action.chain, action.block, (b) => ({
        ...b,
        bands: b.bands.filter((_, i) => i !== action.band),
        errors: without(b.errors, "bands"),
      }));
    case "setBand":
      return updateBlock(chains, action.chain, action.block, (b) => ({
        ...b,
        bands: updateAt(b.bands, action.band, (band) => ({
          ...band,
          [action.field]: action.value,
          errors: without(band.errors, action.field),
        })),
      }));
  }
}
