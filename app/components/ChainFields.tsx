import { type ChainBlockType, MAX_CHAIN_NAME_CHARS } from "@gts/api/contract";
import { useRef } from "react";
import {
  BLOCK_LABELS,
  type EditorChain,
  insertionIndex,
  MAX_BLOCKS_PER_CHAIN,
  moveAnnouncement,
  newBlock,
} from "../lib/chain-editor";
import { useChainEditor } from "../lib/chain-editor-context";
import { fieldName } from "../lib/chain-editor-form";
import { useBlockDrag } from "../lib/use-block-drag";
import { AddBlockMenu } from "./AddBlockMenu";
import { BlockCard } from "./BlockCard";
import { FieldError } from "./FieldError";

export { assetOptionLabel } from "./BlockCard";

export interface ChainFieldsProps {
  index: number;
  chain: EditorChain;
  /** Absent when the shootout is at its chain limit (duplicate) or its minimum (remove). */
  onDuplicate?: () => void;
  onRemove?: () => void;
}

const blockSelector = (key: string, inner = "") => `[data-block-key="${key}"]${inner ? ` ${inner}` : ""}`;

/**
 * One chain of the builder: its name and colour, then its blocks in signal order as cards that can be added (a menu
 * of every block type), removed, bypassed, and reordered by dragging a card's handle, by its Move up/Move down
 * buttons, or with Alt+ArrowUp/Alt+ArrowDown; moves are announced ("Moved EQ to position 2 of 4").
 */
export function ChainFields({ index, chain, onDuplicate, onRemove }: ChainFieldsProps) {
  const { dispatch, nextKey, announce, focusAfterRender } = useChainEditor();
  const list = useRef<HTMLOListElement>(null);
  const id = (field: string) => `chain-${index}-${field}`;
  const count = chain.blocks.length;

  const move = (from: number, to: number, focus: HTMLElement | null) => {
    const block = chain.blocks[from];
    if (!block || to < 0 || to >= count || to === from) return;
    dispatch({ type: "moveBlock", chain: index, from, to });
    announce(moveAnnouncement(block.type, to, count));
    if (!focus) return;
    focusAfterRender(() => {
      const card = list.current?.querySelector<HTMLElement>(blockSelector(block.key));
      if (focus.isConnected && card?.contains(focus) && !(focus as HTMLButtonElement).disabled) return focus;
      // A move button that is now disabled (top or bottom): its sibling, which is not.
      const other = focus.dataset.focus === "up" ? "down" : "up";
      return card?.querySelector<HTMLElement>(`[data-focus="${other}"]:not(:disabled)`) ?? card;
    });
  };
  const { drag, handleProps } = useBlockDrag(list, (from, to) => move(from, to, null));

  const add = (type: ChainBlockType) => {
    const at = insertionIndex(chain.blocks, type);
    const block = newBlock(type, nextKey());
    dispatch({ type: "addBlock", chain: index, block, at });
    announce(`Added ${BLOCK_LABELS[type]} at position ${at + 1} of ${count + 1}`);
    focusAfterRender(
      () =>
        list.current?.querySelector<HTMLElement>(blockSelector(block.key, ".block-params :is(input, select)")) ??
        list.current?.querySelector<HTMLElement>(blockSelector(block.key, '[data-focus="block"]')),
    );
  };

  const remove = (at: number) => {
    const block = chain.blocks[at];
    if (!block) return;
    const next = chain.blocks[at + 1] ?? chain.blocks[at - 1];
    dispatch({ type: "removeBlock", chain: index, block: at });
    announce(`Removed ${BLOCK_LABELS[block.type]}`);
    focusAfterRender(() =>
      next
        ? list.current?.querySelector<HTMLElement>(blockSelector(next.key, '[data-focus="block"]'))
        : document.getElementById(id("add-block"))?.querySelector<HTMLElement>("button"),
    );
  };

  const seen = new Set<ChainBlockType>();
  const chainError = chain.errors[""] ?? chain.errors.name;
  const blocksError = chain.errors.blocks;
  return (
    <fieldset className="chain-fields" data-testid="chain-fields" id={id("fields")}>
      <legend>
        <span className="chain-swatch" style={{ background: chain.colour }} aria-hidden="true" />
        Chain {index + 1}
      </legend>
      <div className="grid-fields chain-head">
        <label htmlFor={id("name")}>
          Name
          <input
            id={id("name")}
            name={fieldName(index, "name")}
            required
            maxLength={MAX_CHAIN_NAME_CHARS}
            value={chain.name}
            onChange={(event) => dispatch({ type: "setChain", chain: index, field: "name", value: event.target.value })}
            aria-invalid={chainError ? true : undefined}
            aria-describedby={chainError ? id("error") : undefined}
          />
        </label>
        <label htmlFor={id("colour")}>
          Colour
          <input
            id={id("colour")}
            name={fieldName(index, "colour")}
            type="color"
            value={chain.colour}
            onChange={(event) =>
              dispatch({ type: "setChain", chain: index, field: "colour", value: event.target.value })
            }
            aria-invalid={chain.errors.colour ? true : undefined}
            aria-describedby={chain.errors.colour ? id("colour-error") : undefined}
          />
        </label>
      </div>
      <FieldError id={id("error")} message={chainError} />
      <FieldError id={id("colour-error")} message={chain.errors.colour} />
      <h3 className="blocks-heading" id={id("blocks-heading")}>
        Blocks{" "}
        <span className="hint">
          in signal order, {count} of at most {MAX_BLOCKS_PER_CHAIN}
        </span>
      </h3>
      {count > 0 ? (
        <ol className="block-editor" ref={list} aria-labelledby={id("blocks-heading")}>
          {chain.blocks.map((block, b) => {
            const firstOfType = !seen.has(block.type);
            seen.add(block.type);
            const dropMark =
              drag && drag.to !== drag.from && drag.to === b ? (drag.to > drag.from ? "after" : "before") : null;
            return (
              <BlockCard
                key={block.key}
                chain={index}
                index={b}
                count={count}
                block={block}
                firstOfType={firstOfType}
                onMove={(to, focus) => move(b, to, focus)}
                onRemove={() => remove(b)}
                handleProps={handleProps(b)}
                dragOffset={drag?.from === b ? drag.dy : null}
                dropMark={dropMark}
              />
            );
          })}
        </ol>
      ) : (
        <p className="hint block-empty">
          No blocks: this chain is the DI as recorded (a clean reference). Add a capture and an IR to hear an amp.
        </p>
      )}
      <FieldError id={id("blocks-error")} message={blocksError} />
      <div className="chain-actions">
        <div id={id("add-block")}>
          <AddBlockMenu
            disabled={count >= MAX_BLOCKS_PER_CHAIN}
            disabledHint={`A chain holds at most ${MAX_BLOCKS_PER_CHAIN} blocks.`}
            onAdd={add}
          />
        </div>
        <button type="button" className="button button-quiet" disabled={!onDuplicate} onClick={onDuplicate}>
          Duplicate chain
        </button>
        {onRemove && (
          <button type="button" className="button button-quiet button-danger" onClick={onRemove}>
            Remove chain {index + 1}
          </button>
        )}
      </div>
    </fieldset>
  );
}
