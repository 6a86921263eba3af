import { useEffect, useRef } from "react";
import { Link, useFetcher } from "react-router";
import type { Tone3000ModelSummary } from "../lib/api-types";
import type { Tone3000Problem } from "../lib/tone3000-problem";
import { architectureLabel } from "../lib/tone3000-search";
import { Tone3000ProblemNotice } from "./Tone3000ProblemNotice";

/** What the browse page's `import` action answers. */
export type Tone3000ImportAnswer =
  | { ok: true; modelId: number; assetId: string; deduplicated: boolean }
  | { ok: false; modelId: number; problem: Tone3000Problem };

export interface Tone3000ModelRowProps {
  model: Tone3000ModelSummary;
  /** False for tones in formats a shootout cannot use: no "Add to library" then. */
  canImport: boolean;
  /** Where "Sign in with TONE3000 again" comes back to. */
  returnTo: string;
}

/** One model of a tone: name, size, architecture, and "Add to library" (or "In your library") with its refusal. */
export function Tone3000ModelRow({ model, canImport, returnTo }: Tone3000ModelRowProps) {
  const fetcher = useFetcher<Tone3000ImportAnswer>();
  const answer = fetcher.data;
  const added = answer?.ok ? answer : null;
  const inLibrary = model.importedAssetId !== null || added !== null;
  const busy = fetcher.state !== "idle";
  const nameId = `model-${model.id}-name`;
  const libraryLink = useRef<HTMLAnchorElement>(null);

  // The button is gone once added: focus moves to what replaced it rather than to the page's start.
  useEffect(() => {
    if (added) libraryLink.current?.focus();
  }, [added]);

  const facts = [architectureLabel(model.architecture), model.size].filter(Boolean).join(" · ");
  return (
    <li className="model-row" data-testid="tone3000-model" data-model-id={model.id}>
      <div className="model-head">
        <div>
          <span className="model-name" id={nameId}>
            {model.name}
          </span>
          {facts && <span className="muted"> · {facts}</span>}
        </div>
        {inLibrary ? (
          <p className="model-in-library" role="status">
            <span data-testid="tone3000-in-library">In your library</span>
            {added?.deduplicated && <span className="muted"> (it was there already)</span>} ·{" "}
            <Link ref={libraryLink} to="/library">
              Open library
            </Link>
          </p>
        ) : (
          canImport && (
            <fetcher.Form method="post" className="model-add">
              <input type="hidden" name="intent" value="import" />
              <input type="hidden" name="toneId" value={model.toneId} />
              <input type="hidden" name="modelId" value={model.id} />
              <button
                type="submit"
                className="button"
                disabled={busy}
                aria-describedby={nameId}
                data-testid="tone3000-add"
              >
                {busy ? "Adding…" : "Add to library"}
              </button>
            </fetcher.Form>
          )
        )}
      </div>
      {answer && !answer.ok && <Tone3000ProblemNotice problem={answer.problem} returnTo={returnTo} />}
    </li>
  );
}
