import { Link } from "react-router";
import type { Tone3000ModelSummary, Tone3000Tone } from "../lib/api-types";
import { formatLabel } from "../lib/tone3000-search";
import { EmptyState } from "./EmptyState";
import { LicenceWarning } from "./LicenceWarning";
import { Tone3000Creator } from "./Tone3000Creator";
import { Tone3000ModelRow } from "./Tone3000ModelRow";
import { Tone3000ToneImage } from "./Tone3000ToneImage";

export interface Tone3000ToneDetailProps {
  tone: Tone3000Tone;
  models: Tone3000ModelSummary[];
  licenceLabel: string;
  licenceWarning: string | null;
  /** The results this tone was opened from. */
  backHref: string;
  /** Where "Sign in with TONE3000 again" comes back to. */
  returnTo: string;
}

/** A tone: image, title, creator, licence (and its warning), description, and its models to add to the library. */
export function Tone3000ToneDetail({
  tone,
  models,
  licenceLabel,
  licenceWarning,
  backHref,
  returnTo,
}: Tone3000ToneDetailProps) {
  const canImport = tone.format === "nam" || tone.format === "ir";
  return (
    <article className="tone-detail" aria-labelledby="tone-title" data-testid="tone3000-tone" data-tone-id={tone.id}>
      <p>
        <Link to={backHref}>← Back to results</Link>
      </p>
      <div className="tone-detail-head">
        <Tone3000ToneImage tone={tone} large />
        <div className="tone-detail-facts">
          <h2 id="tone-title">{tone.title}</h2>
          <p className="tone-meta">
            <span>{tone.gearLabel}</span> · <span>{formatLabel(tone.format)}</span>
            {tone.makes.length > 0 && <span> · {tone.makes.join(", ")}</span>}
          </p>
          <Tone3000Creator creator={tone.creator} />
          <p>
            Licence: <strong data-testid="tone3000-licence">{licenceLabel}</strong>
          </p>
          <LicenceWarning warning={licenceWarning} />
          {tone.url && (
            <p>
              <a className="button button-quiet" href={tone.url} rel="noopener noreferrer">
                View on TONE3000
              </a>
            </p>
          )}
        </div>
      </div>
      {tone.description && <p className="tone-description">{tone.description}</p>}
      {tone.tags.length > 0 && (
        <ul className="tag-list" aria-label="Tags">
          {tone.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
      <h3 id="models-heading">
        Models <span className="count">{models.length}</span>
      </h3>
      {!canImport && (
        <p className="hint">
          This is a {formatLabel(tone.format)} tone: only NAM captures and IRs can be used in a shootout.
        </p>
      )}
      {models.length ? (
        <ul className="model-list" aria-labelledby="models-heading">
          {models.map((model) => (
            <Tone3000ModelRow key={model.id} model={model} canImport={canImport} returnTo={returnTo} />
          ))}
        </ul>
      ) : (
        <EmptyState title="No models to add">
          TONE3000 lists no models for this tone yet. Go back to the results to pick another one.
        </EmptyState>
      )}
    </article>
  );
}
