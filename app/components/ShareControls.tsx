import { useState } from "react";
import { useFetcher } from "react-router";
import { FormMessage } from "./FormMessage";

const OPTIONS = [
  { value: "private", label: "Private", hint: "Only you" },
  { value: "unlisted", label: "Unlisted", hint: "Anyone with the link" },
  { value: "public", label: "Public", hint: "Anyone, and listed" },
] as const;

/** Who can open the shootout, and its share link once it is not private. */
export function ShareControls({ visibility, shareUrl }: { visibility: string; shareUrl: string }) {
  const fetcher = useFetcher<{ fieldErrors?: Record<string, string> }>();
  const [copied, setCopied] = useState(false);
  const pending = fetcher.formData?.get("visibility");
  const current = typeof pending === "string" ? pending : visibility;
  return (
    <section className="panel" aria-labelledby="share-heading">
      <h2 id="share-heading">Sharing</h2>
      <fetcher.Form method="post" className="segmented" aria-label="Visibility">
        <input type="hidden" name="intent" value="visibility" />
        {OPTIONS.map((option) => (
          <button
            key={option.value}
            type="submit"
            name="visibility"
            value={option.value}
            className={`segment${current === option.value ? " segment-active" : ""}`}
            aria-pressed={current === option.value}
            title={option.hint}
          >
            {option.label}
          </button>
        ))}
      </fetcher.Form>
      <FormMessage message={fetcher.data?.fieldErrors?.form} />
      {current === "private" ? (
        <p className="muted">Only you can see this shootout. Make it unlisted or public to get a link for listeners.</p>
      ) : (
        <div className="share-link">
          <label htmlFor="share-url">Share link</label>
          <div className="inline-form">
            <input
              id="share-url"
              readOnly
              value={shareUrl}
              data-testid="share-url"
              onFocus={(e) => e.currentTarget.select()}
            />
            <button
              type="button"
              className="button button-quiet"
              onClick={async () => {
                await navigator.clipboard?.writeText(shareUrl);
                setCopied(true);
              }}
            >
              {copied ? "Copied" : "Copy"}
            </button>
            <a className="button button-quiet" href={shareUrl} target="_blank" rel="noopener">
              Open
            </a>
          </div>
        </div>
      )}
    </section>
  );
}
