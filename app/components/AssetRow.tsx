import { useEffect, useRef, useState } from "react";
import { useFetcher } from "react-router";
import type { LibraryAsset } from "../lib/api-types";
import { AssetMetadata } from "./AssetMetadata";
import { LicenceWarning } from "./LicenceWarning";
import { PoweredByTone3000 } from "./PoweredByTone3000";
import { Tone3000Badge } from "./Tone3000Badge";

interface RowAnswer {
  fieldErrors?: Record<string, string>;
  ok?: boolean;
}

/**
 * One library asset: its name (renamable), facts, download, and delete with the api's refusal shown in place. A
 * TONE3000 model carries its badge, credit, licence warning and a link to its tone, and has no download: it is used
 * by reference and never re-hosted.
 */
export function AssetRow({ asset }: { asset: LibraryAsset }) {
  const credit = asset.tone3000Credit;
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
          <div className="asset-title">
            <h3 className="asset-name">{asset.name}</h3>
            {credit && <Tone3000Badge />}
          </div>
        )}
        <div className="asset-actions">
          {!renaming && (
            <button ref={renameButton} type="button" className="button button-quiet" onClick={() => setRenaming(true)}>
              Rename
            </button>
          )}
          {asset.downloadPath && (
            <a className="button button-quiet" href={asset.downloadPath} download>
              Download
            </a>
          )}
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
      {credit && (
        <div className="asset-tone3000" data-testid="asset-tone3000">
          <p>
            From TONE3000: {credit.toneTitle} · {credit.modelName} ·{" "}
            <a href={credit.toneUrl} rel="noopener noreferrer">
              View on TONE3000<span className="visually-hidden">: {credit.toneTitle}</span>
            </a>
          </p>
          <PoweredByTone3000 />
          <p className="hint">
            Used by reference: each render fetches it from TONE3000 with your account, so there is nothing to download.
          </p>
        </div>
      )}
      <LicenceWarning warning={asset.licenceWarning} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
