/**
 * @module Reordering a vertical list by dragging a handle, with pointer events (mouse, pen and touch alike; HTML5
 * drag and drop does not work with touch on most phones). The dragged item follows the pointer; where it would land
 * is the number of other items whose middle is above the pointer. Near the top or bottom of the window the page
 * scrolls, so a block can travel the length of a long chain. Escape or a cancelled pointer puts it back.
 */
import { type PointerEvent as ReactPointerEvent, type RefObject, useEffect, useRef, useState } from "react";

export interface BlockDrag {
  from: number;
  /** The index the item would have if dropped now. */
  to: number;
  /** How far the pointer has moved since the drag began, in px. */
  dy: number;
}

/** The index an item dragged from `from` lands at: how many of the other items have their middle above `y`. */
export function dropIndex(middles: readonly number[], from: number, y: number): number {
  let to = 0;
  for (const [i, middle] of middles.entries()) if (i !== from && y > middle) to++;
  return to;
}

export function useBlockDrag(list: RefObject<HTMLElement | null>, onDrop: (from: number, to: number) => void) {
  const [drag, setDrag] = useState<BlockDrag | null>(null);
  const state = useRef<(BlockDrag & { startY: number; lastY: number; pointerId: number }) | null>(null);
  const dropRef = useRef(onDrop);
  dropRef.current = onDrop;
  const dragging = drag !== null;

  const middles = () =>
    [...(list.current?.querySelectorAll<HTMLElement>(":scope > [data-block-key]") ?? [])].map((el) => {
      const rect = el.getBoundingClientRect();
      return rect.top + rect.height / 2;
    });
  const middlesRef = useRef(middles);
  middlesRef.current = middles;

  useEffect(() => {
    if (!dragging) return;
    const cancel = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      state.current = null;
      setDrag(null);
    };
    // Scrolls while the pointer is near an edge of the window (under the sticky header counts as the top edge).
    let frame = 0;
    const scroll = () => {
      const current = state.current;
      if (!current) return;
      const top = 80;
      const bottom = window.innerHeight - 48;
      const y = current.lastY;
      const delta = y < top ? -Math.ceil((top - y) / 4) : y > bottom ? Math.ceil((y - bottom) / 4) : 0;
      const before = window.scrollY;
      if (delta) window.scrollBy(0, delta);
      const moved = window.scrollY - before;
      if (moved) {
        // The item's place in the page moved under the pointer: keep it under the pointer.
        current.startY -= moved;
        current.dy = y - current.startY;
        current.to = dropIndex(middlesRef.current(), current.from, y);
        setDrag({ from: current.from, to: current.to, dy: current.dy });
      }
      frame = requestAnimationFrame(scroll);
    };
    frame = requestAnimationFrame(scroll);
    window.addEventListener("keydown", cancel);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("keydown", cancel);
    };
  }, [dragging]);

  /** Props for the handle of the item at `index`. */
  return {
    drag,
    handleProps: (index: number) => ({
      onPointerDown: (event: ReactPointerEvent<HTMLElement>) => {
        if (event.button !== 0 || state.current) return;
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        state.current = {
          from: index,
          to: index,
          dy: 0,
          startY: event.clientY,
          lastY: event.clientY,
          pointerId: event.pointerId,
        };
        setDrag({ from: index, to: index, dy: 0 });
      },
      onPointerMove: (event: ReactPointerEvent<HTMLElement>) => {
        const current = state.current;
        if (!current || current.pointerId !== event.pointerId) return;
        current.lastY = event.clientY;
        current.dy = event.clientY - current.startY;
        current.to = dropIndex(middles(), current.from, event.clientY);
        setDrag({ from: current.from, to: current.to, dy: current.dy });
      },
      onPointerUp: (event: ReactPointerEvent<HTMLElement>) => {
        const current = state.current;
        if (!current || current.pointerId !== event.pointerId) return;
        state.current = null;
        setDrag(null);
        if (current.to !== current.from) dropRef.current(current.from, current.to);
      },
      onPointerCancel: () => {
        state.current = null;
        setDrag(null);
      },
    }),
  };
}
