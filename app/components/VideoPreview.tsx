/**
 * The shootout page's live video preview: the Remotion Player with the compositions the render node renders
 * (`Shootout` 16:9, `ShootoutShort` 9:16), from props the loader built (app/lib/preview-props.ts), so it follows every
 * save. The player and the compositions are a separate chunk, loaded in the browser only once the page has hydrated:
 * the server renders a poster of the same size, and no other page carries their JavaScript.
 */
import { COLOURS, LANDSCAPE, PORTRAIT } from "@gts/remotion/constants";
import { Component, lazy, type ReactNode, Suspense, useState, useSyncExternalStore } from "react";
import type { VideoPreview as Preview } from "../lib/preview-props";
import { FormMessage } from "./FormMessage";

// A `.client` module: the server build gets an empty stand-in (never rendered there), so the Worker does not carry it.
const VideoPreviewPlayer = lazy(() => import("./VideoPreviewPlayer.client"));

/** Each composition's frame, and how the toggle names it. */
const FORMATS = [
  { id: "Shootout", label: "16:9 video", ...LANDSCAPE },
  { id: "ShootoutShort", label: "9:16 short", ...PORTRAIT },
] as const;
type FormatId = (typeof FORMATS)[number]["id"];

const noSubscription = () => () => {};
/** False on the server and while hydrating, true after: the player never renders on the server. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

export function VideoPreview({ preview }: { preview: Preview }) {
  const [formatId, setFormatId] = useState<FormatId>("Shootout");
  const hydrated = useHydrated();
  const format = FORMATS.find((f) => f.id === formatId) ?? FORMATS[0];
  return (
    <section
      className="panel"
      aria-labelledby="video-preview-heading"
      data-testid="video-preview"
      data-composition={format.id}
      data-source={preview.ok ? preview.source : "none"}
    >
      <h2 id="video-preview-heading">Video preview</h2>
      {preview.ok ? (
        <>
          <p className="muted">
            {preview.source === "render"
              ? "The last render, with its audio and loudness, in the video's own layout."
              : `${
                  preview.rendered === "changed-since" ? "Changed since the last render: " : "Not rendered yet: "
                }a silent preview from the plan (timings estimated, loudness measured when it renders).`}
          </p>
          <fieldset className="segmented" aria-label="Video format" style={{ padding: 0, marginInline: 0 }}>
            {FORMATS.map((option) => (
              <button
                key={option.id}
                type="button"
                className={`segment${option.id === format.id ? " segment-active" : ""}`}
                aria-pressed={option.id === format.id}
                onClick={() => setFormatId(option.id)}
              >
                {option.label}
              </button>
            ))}
          </fieldset>
          <div
            data-testid="video-preview-frame"
            style={{
              aspectRatio: `${format.widthPx} / ${format.heightPx}`,
              width: "100%",
              maxWidth: format.widthPx > format.heightPx ? undefined : "20rem",
              margin: "0 auto",
              background: COLOURS.background,
              borderRadius: "var(--radius)",
              overflow: "hidden",
            }}
          >
            {hydrated ? (
              <LoadFailure>
                <Suspense fallback={<Poster title={preview.props.title} chains={preview.props.chains} />}>
                  <VideoPreviewPlayer key={format.id} composition={format.id} props={preview.props} />
                </Suspense>
              </LoadFailure>
            ) : (
              <Poster title={preview.props.title} chains={preview.props.chains} />
            )}
          </div>
        </>
      ) : (
        <FormMessage tone="info" message={preview.message} />
      )}
    </section>
  );
}

/** A player chunk that failed to load (offline, a deploy replaced it) costs the preview only, not the page. */
class LoadFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <p role="alert" className="form-message form-error" style={{ margin: "1rem" }}>
        The video preview could not be loaded. Reload the page to try again.
      </p>
    );
  }
}

/** What shows until the player has loaded: the title and the chains in their colours, on the video's background. */
function Poster({ title, chains }: { title: string; chains: readonly { name: string; colour: string }[] }) {
  return (
    <div
      data-testid="video-preview-poster"
      style={{
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "center",
        gap: "0.5rem",
        padding: "1rem",
        color: COLOURS.text,
      }}
    >
      <strong>{title}</strong>
      <span style={{ display: "flex", flexWrap: "wrap", gap: "0.25rem 0.75rem" }}>
        {chains.map((chain) => (
          <span key={chain.name} style={{ color: chain.colour }}>
            {chain.name}
          </span>
        ))}
      </span>
      <span style={{ color: COLOURS.muted }}>Loading the preview…</span>
    </div>
  );
}
