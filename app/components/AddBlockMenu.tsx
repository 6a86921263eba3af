import type { ChainBlockType } from "@gts/api/contract";
import { type FocusEvent, type KeyboardEvent, useId, useRef, useState } from "react";
import { BLOCK_DESCRIPTIONS, BLOCK_LABELS, CHAIN_BLOCK_TYPES } from "../lib/chain-editor";

/**
 * "Add block": a disclosure button that shows one button per block type (the contract's list, in its order).
 * Escape or leaving the list closes it; choosing a type closes it and the chain moves focus to the new block.
 */
export function AddBlockMenu({
  disabled,
  disabledHint,
  onAdd,
}: {
  disabled: boolean;
  disabledHint: string;
  onAdd: (type: ChainBlockType) => void;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) toggle.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === "Escape" && open) {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    }
  };
  const box = useRef<HTMLDivElement>(null);
  // Leaving the toggle and its list (tabbing on, clicking elsewhere) closes the list.
  const onBlur = (event: FocusEvent<HTMLButtonElement>) => {
    if (open && !box.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
  };
  const keys = { onKeyDown, onBlur };
  return (
    <div className="add-block" ref={box}>
      <button
        ref={toggle}
        type="button"
        {...keys}
        className="button button-quiet"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        aria-describedby={disabled ? `${id}-full` : undefined}
        disabled={disabled}
        onClick={() => setOpen(!open)}
      >
        Add block <span aria-hidden="true">{open ? "▴" : "▾"}</span>
      </button>
      {disabled && (
        <span className="hint" id={`${id}-full`}>
          {disabledHint}
        </span>
      )}
      <ul className="add-block-menu" id={`${id}-menu`} hidden={!open}>
        {CHAIN_BLOCK_TYPES.map((type) => (
          <li key={type}>
            <button
              type="button"
              {...keys}
              aria-labelledby={`${id}-${type}`}
              aria-describedby={`${id}-${type}-desc`}
              onClick={() => {
                setOpen(false);
                onAdd(type);
              }}
            >
              <span className="add-block-label" id={`${id}-${type}`}>
                {BLOCK_LABELS[type]}
              </span>
              <span className="add-block-desc" id={`${id}-${type}-desc`}>
                {BLOCK_DESCRIPTIONS[type]}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
