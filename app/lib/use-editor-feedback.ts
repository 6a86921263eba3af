/**
 * @module What an editor tells assistive technology after a change: `announce` sets the text of its aria-live
 * region (a repeated message gets a no-break space so screen readers read it again), and `focusAfterRender` moves
 * focus once React has rendered the change (the element to focus may not exist before).
 */
import { useCallback, useLayoutEffect, useRef, useState } from "react";

export type FindFocusTarget = () => HTMLElement | null | undefined;

export function useEditorFeedback() {
  const [announcement, setAnnouncement] = useState("");
  const pendingFocus = useRef<FindFocusTarget | null>(null);
  useLayoutEffect(() => {
    const find = pendingFocus.current;
    if (!find) return;
    pendingFocus.current = null;
    find()?.focus();
  });
  const announce = useCallback(
    (message: string) => setAnnouncement((previous) => (previous === message ? `${message}\u00a0` : message)),
    [],
  );
  const focusAfterRender = useCallback((find: FindFocusTarget) => {
    pendingFocus.current = find;
  }, []);
  return { announcement, announce, focusAfterRender };
}
