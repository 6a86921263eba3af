import { useEffect, useMemo, useReducer, useRef } from "react";
import type { Asset } from "../lib/api-types";
import {
  duplicateChain,
  type EditorChain,
  editorReducer,
  MAX_CHAINS,
  MIN_CHAINS,
  newChain,
  nextColour,
  uniqueName,
} from "../lib/chain-editor";
import { type ChainEditorApi, ChainEditorContext } from "../lib/chain-editor-context";
import { adoptFormValues, parseEditorForm } from "../lib/chain-editor-form";
import { useEditorFeedback } from "../lib/use-editor-feedback";
import { ChainFields } from "./ChainFields";

export interface ChainEditorProps {
  /** The state to start from (default chains, or a saved shootout's). */
  initial: EditorChain[];
  /** The chains as last sent, with the contract's messages attached, after the action refused them. */
  submitted?: EditorChain[] | null;
  captures: Asset[];
  irs: Asset[];
}

/**
 * Every chain of a shootout with its block editor, inside the page's form: each control is a named field, so the
 * form submits the editor as it is shown, with or without JavaScript. Adds, duplicates and removes chains within
 * the contract's limits, announces every structural edit in a live region and moves focus to what the edit made.
 */
export function ChainEditor({ initial, submitted, captures, irs }: ChainEditorProps) {
  const [chains, dispatch] = useReducer(editorReducer, submitted ?? initial);
  const { announcement, announce, focusAfterRender } = useEditorFeedback();
  const root = useRef<HTMLDivElement>(null);
  const counter = useRef(0);
  const chainsRef = useRef(chains);
  chainsRef.current = chains;

  const api = useMemo<ChainEditorApi>(
    () => ({
      captures,
      irs,
      dispatch,
      nextKey: () => `k${counter.current++}`,
      announce,
      focusAfterRender,
    }),
    [captures, irs, announce, focusAfterRender],
  );

  // After a refused submit: the chains as sent, with each message beside its control; focus the first one.
  const lastSubmitted = useRef(submitted);
  useEffect(() => {
    if (!submitted || submitted === lastSubmitted.current) return;
    lastSubmitted.current = submitted;
    dispatch({ type: "load", chains: submitted });
    focusAfterRender(() => root.current?.closest("form")?.querySelector<HTMLElement>('[aria-invalid="true"]'));
  }, [submitted, focusAfterRender]);

  // Values typed before the scripts ran are in the form but not in the state: adopt them, or the next render would
  // put the state's values back.
  useEffect(() => {
    const form = root.current?.closest("form");
    if (!form) return;
    const adopted = adoptFormValues(chainsRef.current, parseEditorForm(new FormData(form)));
    if (adopted) dispatch({ type: "load", chains: adopted });
  }, []);

  const addChain = () => {
    const chain = newChain(
      { chain: api.nextKey(), capture: api.nextKey(), ir: api.nextKey() },
      uniqueName(chains, `Chain ${chains.length + 1}`),
      nextColour(chains),
      irs[chains.length % Math.max(1, irs.length)]?.id ?? "",
    );
    dispatch({ type: "addChain", chain });
    api.announce(`Added chain ${chains.length + 1}`);
    api.focusAfterRender(() => document.getElementById(`chain-${chains.length}-name`));
  };

  return (
    <div className="chain-editor" ref={root}>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      <ChainEditorContext value={api}>
        {chains.map((chain, i) => (
          <ChainFields
            key={chain.key}
            index={i}
            chain={chain}
            onDuplicate={
              chains.length < MAX_CHAINS
                ? () => {
                    const copy = duplicateChain(chains, i, api.nextKey);
                    if (!copy) return;
                    dispatch({ type: "duplicateChain", index: i, chain: copy });
                    api.announce(`Duplicated ${chain.name || `chain ${i + 1}`} as chain ${i + 2}, ${copy.name}`);
                    api.focusAfterRender(() => document.getElementById(`chain-${i + 1}-name`));
                  }
                : undefined
            }
            onRemove={
              chains.length > MIN_CHAINS
                ? () => {
                    dispatch({ type: "removeChain", chain: i });
                    api.announce(`Removed chain ${i + 1}${chain.name ? `, ${chain.name}` : ""}`);
                    const focusIndex = Math.min(i, chains.length - 2);
                    api.focusAfterRender(() => document.getElementById(`chain-${focusIndex}-name`));
                  }
                : undefined
            }
          />
        ))}
      </ChainEditorContext>
      <div className="chain-editor-actions">
        <button type="button" className="button button-quiet" disabled={chains.length >= MAX_CHAINS} onClick={addChain}>
          Add chain
        </button>
        <span className="hint">
          {chains.length} of {MAX_CHAINS} chains (at least {MIN_CHAINS})
        </span>
      </div>
    </div>
  );
}
