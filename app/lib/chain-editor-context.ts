/** @module What every part of the block editor shares: the library to pick from, edits, announcements and focus. */
import { createContext, type Dispatch, useContext } from "react";
import type { Asset } from "./api-types";
import type { EditorAction } from "./chain-editor";

export interface ChainEditorApi {
  captures: Asset[];
  irs: Asset[];
  dispatch: Dispatch<EditorAction>;
  /** A key no block, band or chain has yet. */
  nextKey: () => string;
  /** Says something to screen readers through the editor's live region. */
  announce: (message: string) => void;
  /** Focuses what `find` returns once the edit has been rendered (elements may have moved or been replaced). */
  focusAfterRender: (find: () => HTMLElement | null | undefined) => void;
}

export const ChainEditorContext = createContext<ChainEditorApi | null>(null);

export function useChainEditor(): ChainEditorApi {
  const api = useContext(ChainEditorContext);
  if (!api) throw new Error("useChainEditor: no ChainEditor above this component");
  return api;
}
