import type { KeyboardEvent, PointerEvent as ReactPointerEvent } from "react";
import type { Asset } from "../lib/api-types";
import {
  BLOCK_LABELS,
  bandParams,
  blockParams,
  type EditorBlock,
  EQ_BAND_KINDS,
  EQ_KIND_LABELS,
  type EqBandField,
  MAX_EQ_BANDS,
} from "../lib/chain-editor";
import { useChainEditor } from "../lib/chain-editor-context";
import { fieldName } from "../lib/chain-editor-form";
import { FieldError } from "./FieldError";
import { LicenceWarning } from "./LicenceWarning";
import { ParamField } from "./ParamField";

/** How a picker names an asset: TONE3000 models carry their source and creator (the terms forbid hiding them). */
export function assetOptionLabel(asset: Asset): string {
  return asset.tone3000 ? `${asset.name} — TONE3000, ${asset.tone3000.creator}` : asset.name;
}

/** Whether a capture can run at a smaller size (a slimmable model or container). */
function isSlimmable(asset: Asset | undefined): boolean {
  return asset?.metadata.kind === "capture" && asset.metadata.facts.slimmableSizes !== null;
}

/**
 * The ids the builder's first gain, capture and IR of each chain have always had (`chain-0-gain`, `chain-0-capture`,
 * `chain-0-ir`), so links, tests and muscle memory keep working; every other control's id carries the block's key.
 */
export function controlId(chain: number, block: EditorBlock, field: string, firstOfType: boolean): string {
  if (firstOfType) {
    if (block.type === "gain" && field === "gainDb") return `chain-${chain}-gain`;
    if ((block.type === "capture" || block.type === "ir") && field === "assetId") return `chain-${chain}-${block.type}`;
  }
  return `chain-${chain}-${block.key}-${field}`;
}

export interface BlockCardProps {
  chain: number;
  index: number;
  count: number;
  block: EditorBlock;
  firstOfType: boolean;
  /** Moves this block to `to`; `from` is the element that asked, to keep focus on it. */
  onMove: (to: number, from: HTMLElement | null) => void;
  onRemove: () => void;
  handleProps: {
    onPointerDown: (event: ReactPointerEvent<HTMLElement>) => void;
    onPointerMove: (event: ReactPointerEvent<HTMLElement>) => void;
    onPointerUp: (event: ReactPointerEvent<HTMLElement>) => void;
    onPointerCancel: () => void;
  };
  /** While this block is dragged: how far it has moved (px). */
  dragOffset: number | null;
  /** Where a dragged block would land relative to this one. */
  dropMark: "before" | "after" | null;
}

/**
 * One block of a chain as a compact card: its parameters, an enable toggle (a disabled block stays in the chain but
 * is bypassed), move up/down, remove, and a drag handle. Alt+ArrowUp/Alt+ArrowDown anywhere in the card (except in
 * a drop-down, where Alt+ArrowDown opens it) moves the block, and focus stays where it was.
 */
export function BlockCard(props: BlockCardProps) {
  const { chain, index, count, block, firstOfType, onMove, onRemove, handleProps, dragOffset, dropMark } = props;
  const { dispatch } = useChainEditor();
  const label = BLOCK_LABELS[block.type];
  const id = (field: string) => controlId(chain, block, field, firstOfType);
  const name = (field: string) => fieldName(chain, field, index);
  const hintId = `chain-${chain}-${block.key}-hint`;
  const setParam = (field: string) => (value: string) =>
    dispatch({ type: "setParam", chain, block: index, field, value });

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
    if ((event.target as HTMLElement).tagName === "SELECT") return;
    event.preventDefault();
    const to = index + (event.key === "ArrowUp" ? -1 : 1);
    if (to >= 0 && to < count) onMove(to, event.target as HTMLElement);
  };

  const classes = ["block-card", `block-${block.type}`];
  if (!block.enabled) classes.push("block-off");
  if (dragOffset !== null) classes.push("block-dragging");
  if (dropMark) classes.push(`drop-${dropMark}`);

  return (
    <li
      className={classes.join(" ")}
      data-block-key={block.key}
      data-block-type={block.type}
      style={dragOffset !== null ? { transform: `translateY(${dragOffset}px)` } : undefined}
      onKeyDown={onKeyDown}
    >
      <fieldset className="block-group" aria-describedby={hintId} tabIndex={-1} data-focus="block">
        <legend className="visually-hidden">
          {index + 1}. {label}
          {!block.enabled && " (bypassed)"}
        </legend>
        <input type="hidden" name={name("type")} value={block.type} />
        <div className="block-head">
          <span className="drag-handle" aria-hidden="true" title="Drag to reorder" {...handleProps}>
            ⠿
          </span>
          <span className="block-title" aria-hidden="true">
            <span className="block-position">{index + 1}.</span> {label}
            {!block.enabled && <span className="block-bypassed"> (bypassed)</span>}
          </span>
          <span className="visually-hidden" id={hintId}>
            Alt+Arrow Up or Alt+Arrow Down moves this block.
          </span>
          <label className="block-toggle">
            <input
              type="checkbox"
              name={name("enabled")}
              checked={block.enabled}
              onChange={(event) => dispatch({ type: "setEnabled", chain, block: index, enabled: event.target.checked })}
            />
            On
          </label>
          <span className="block-actions">
            <button
              type="button"
              className="icon-button"
              aria-label={`Move ${label} up`}
              title="Move up (Alt+↑)"
              data-focus="up"
              disabled={index === 0}
              onClick={(event) => onMove(index - 1, event.currentTarget)}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Move ${label} down`}
              title="Move down (Alt+↓)"
              data-focus="down"
              disabled={index === count - 1}
              onClick={(event) => onMove(index + 1, event.currentTarget)}
            >
              ↓
            </button>
            <button
              type="button"
              className="icon-button icon-button-danger"
              aria-label={`Remove ${label}`}
              title="Remove"
              onClick={onRemove}
            >
              ✕
            </button>
          </span>
        </div>
        <FieldError id={`chain-${chain}-${block.key}-error`} message={block.errors[""] ?? block.errors.type} />
        {block.type === "capture" || block.type === "ir" ? (
          <AssetFields chain={chain} index={index} block={block} id={id} name={name} />
        ) : (
          <div className="block-params">
            {blockParams(block.type).map((param) => (
              <ParamField
                key={param.field}
                id={id(param.field)}
                name={name(param.field)}
                param={param}
                value={block.params[param.field] ?? ""}
                error={block.errors[param.field]}
                onChange={setParam(param.field)}
              />
            ))}
          </div>
        )}
        {block.type === "eq" && <EqBands chain={chain} index={index} block={block} />}
      </fieldset>
    </li>
  );
}

function AssetFields({
  chain,
  index,
  block,
  id,
  name,
}: {
  chain: number;
  index: number;
  block: EditorBlock;
  id: (field: string) => string;
  name: (field: string) => string;
}) {
  const { captures, irs, dispatch } = useChainEditor();
  const assets = block.type === "capture" ? captures : irs;
  const chosen = assets.find((asset) => asset.id === block.assetId);
  const error = block.errors.assetId;
  const errorId = `${id("assetId")}-error`;
  const sizeParam = blockParams("capture").find((p) => p.field === "slimmableSize");
  return (
    <div className="block-params block-params-asset">
      <label htmlFor={id("assetId")}>
        {block.type === "capture" ? "Amp or pedal capture" : "Cab IR"}
        <select
          id={id("assetId")}
          name={name("assetId")}
          value={block.assetId}
          onChange={(event) => dispatch({ type: "setAsset", chain, block: index, assetId: event.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        >
          <option value="">None (left out of the chain)</option>
          {/* A stored block whose asset has since gone from the library keeps its id until another is picked. */}
          {block.assetId && !chosen && <option value={block.assetId}>(not in your library)</option>}
          {assets.map((asset) => (
            <option key={asset.id} value={asset.id}>
              {assetOptionLabel(asset)}
            </option>
          ))}
        </select>
      </label>
      <FieldError id={errorId} message={error} />
      {block.type === "capture" && isSlimmable(chosen) && sizeParam && (
        <ParamField
          id={id("slimmableSize")}
          name={name("slimmableSize")}
          param={sizeParam}
          value={block.params.slimmableSize ?? ""}
          error={block.errors.slimmableSize}
          onChange={(value) => dispatch({ type: "setParam", chain, block: index, field: "slimmableSize", value })}
        />
      )}
      {block.type === "ir" &&
        blockParams("ir").map((param) => (
          <ParamField
            key={param.field}
            id={id(param.field)}
            name={name(param.field)}
            param={param}
            value={block.params[param.field] ?? ""}
            error={block.errors[param.field]}
            onChange={(value) => dispatch({ type: "setParam", chain, block: index, field: param.field, value })}
          />
        ))}
      <div aria-live="polite" className="block-notes">
        {chosen?.licenceWarning && <LicenceWarning subject={chosen.name} warning={chosen.licenceWarning} />}
      </div>
    </div>
  );
}

function EqBands({ chain, index, block }: { chain: number; index: number; block: EditorBlock }) {
  const { dispatch, nextKey, announce, focusAfterRender } = useChainEditor();
  const params = bandParams();
  const bandId = (bandKey: string, field: string) => `chain-${chain}-${block.key}-${bandKey}-${field}`;
  const set = (band: number, field: "kind" | EqBandField) => (value: string) =>
    dispatch({ type: "setBand", chain, block: index, band, field, value });
  const full = block.bands.length >= MAX_EQ_BANDS;
  const addId = `chain-${chain}-${block.key}-add-band`;
  return (
    <div className="eq-bands">
      <FieldError id={`chain-${chain}-${block.key}-bands-error`} message={block.errors.bands} />
      {block.bands.length > 0 && (
        <ol className="eq-band-list">
          {block.bands.map((band, k) => {
            const kindId = bandId(band.key, "kind");
            return (
              <li key={band.key}>
                <fieldset className="eq-band">
                  <legend>Band {k + 1}</legend>
                  <label htmlFor={kindId}>
                    Shape
                    <select
                      id={kindId}
                      name={fieldName(chain, "kind", index, k)}
                      value={band.kind}
                      onChange={(event) => set(k, "kind")(event.target.value)}
                    >
                      {EQ_BAND_KINDS.map((kind) => (
                        <option key={kind} value={kind}>
                          {EQ_KIND_LABELS[kind]}
                        </option>
                      ))}
                    </select>
                  </label>
                  {params.map((param) => (
                    <ParamField
                      key={param.field}
                      id={bandId(band.key, param.field)}
                      name={fieldName(chain, param.field, index, k)}
                      param={param}
                      value={band[param.field as EqBandField]}
                      error={band.errors[param.field]}
                      onChange={set(k, param.field as EqBandField)}
                    />
                  ))}
                  <FieldError id={`${bandId(band.key, "kind")}-error`} message={band.errors.kind ?? band.errors[""]} />
                  <button
                    type="button"
                    className="button button-quiet button-small eq-band-remove"
                    aria-label={`Remove band ${k + 1}`}
                    onClick={() => {
                      dispatch({ type: "removeBand", chain, block: index, band: k });
                      announce(`Removed band ${k + 1}`);
                      focusAfterRender(() => document.getElementById(addId));
                    }}
                  >
                    Remove band
                  </button>
                </fieldset>
              </li>
            );
          })}
        </ol>
      )}
      <div className="eq-band-actions">
        <button
          type="button"
          id={addId}
          className="button button-quiet button-small"
          disabled={full}
          onClick={() => {
            const key = nextKey();
            dispatch({ type: "addBand", chain, block: index, key });
            announce(`Added band ${block.bands.length + 1} of ${MAX_EQ_BANDS}`);
            focusAfterRender(() => document.getElementById(bandId(key, "kind")));
          }}
        >
          Add band
        </button>
        <span className="hint">
          {block.bands.length} of {MAX_EQ_BANDS} bands
        </span>
      </div>
    </div>
  );
}
