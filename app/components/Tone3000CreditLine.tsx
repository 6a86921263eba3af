import type { Tone3000Credit } from "../lib/api-types";
import { Tone3000Badge } from "./Tone3000Badge";

/**
 * The attribution of a TONE3000 model: badge, "by <creator> · <licence>" and a link to the tone on TONE3000. The
 * terms forbid hiding the creator or the licence, so every place that shows such a model shows this.
 */
export function Tone3000CreditLine({ credit, badge = true }: { credit: Tone3000Credit; badge?: boolean }) {
  return (
    <span className="tone3000-credit" data-testid="tone3000-credit">
      {badge && (
        <>
          <Tone3000Badge />{" "}
        </>
      )}
      <span className="muted">
        by <span data-testid="tone3000-creator">{credit.creator}</span> ·{" "}
        <span data-testid="tone3000-licence">{credit.licenceLabel}</span> ·{" "}
      </span>
      <a href={credit.toneUrl} rel="noopener noreferrer">
        View on TONE3000<span className="visually-hidden">: {credit.toneTitle}</span>
      </a>
    </span>
  );
}
