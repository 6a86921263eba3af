import { useEffect, useRef, useState } from "react";
import { useFetcher } from "react-router";
import type { Asset } from "../lib/api-types";
import { AssetMetadata } from "./AssetMetadata";

interface RowAnswer {
  fieldErrors?: Record<string, string>;
  ok?: boolean;
}

/** One library asset: its name (renamable), facts, download, and delete with the api's refusal shown in place. */
export function AssetRow({ asset }: { asset: Asset }) {
  const fetcher = useFetcher<RowAnswer>();
  const [renaming, setRenaming] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const busy = fetcher.state !== "idle";
  const error = fetcher.data?.fieldErrors?.name ?? fetcher.data?.fieldErrors?.form;

  useEffect(() => {
    if (renaming) nameInput.current?.focus();
  }, [renaming]);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok && renaming) {
      setRenaming(false);
      renameButton.current?.focus();
    }
  }, [fetcher.state, fetcher.data, renaming]);

  return (
    <li className="asset" data-testid="asset" data-kind={asset.kind}>
      <div className="asset-head">
        {renaming ? (
          <fetcher.Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="rename" />
            <input type="hidden" name="id" value={asset.id} />
            <label className="visually-hidden" htmlFor={`name-${asset.id}`}>
              New name for {asset.name}
            </label>
            <input
              ref={nameInput}
              id={`name-${asset.id}`}
              name="name"
              defaultValue={asset.name}
              maxLength={120}
              required
              onKeyDown={(event) => {
                if (event.key === "Escape") setRenaming(false);
              }}
            />
            <button type="submit" className="button" disabled={busy}>
              Save
            </button>
            <button type="button" className="button button-quiet" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </fetcher.Form>
        ) : (
          <h3 className="asset-name">{asset.name}</h3>
        )}
        <div className="asset-actions">
          {!renaming && (
            <button ref={renameButton} type="button" className="button button-quiet" onClick={() => setRenaming(true)}>
              Rename
            </button>
          )}
          <a className="button button-quiet" href={asset.downloadPath} download>
            Download
          </a>
          <fetcher.Form
            method="post"
            onSubmit={(event) => {
              if (!confirm(`Delete "${asset.name}" from your library?`)) event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="id" value={asset.id} />
            <button type="submit" className="button button-danger" disabled={busy}>
              Delete
            </button>
          </fetcher.Form>
        </div>
      </div>
      <AssetMetadata asset={asset} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
