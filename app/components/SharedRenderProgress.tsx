import { useRevalidator } from "react-router";
import { type InitialRender, useRenderProgress } from "../lib/use-render-progress";
import { ProgressBar } from "./ProgressBar";

const STAGE_LABELS = {
  fetch: "gathering the files",
  amp: "running the amps",
  dsp: "running the effects",
  loudness: "matching loudness",
  arrange: "arranging the comparison",
  video: "making the video",
  upload: "publishing",
} as const;

/**
 * A render of a shared shootout followed live by anyone with the link (the viewer's stream: progress and state,
 * nothing of the creator's files or nodes). When it ends the page's data is reloaded, so a finished render appears.
 * Callers key it by render id.
 */
export function SharedRenderProgress({ render }: { render: InitialRender }) {
  const revalidator = useRevalidator();
  const live = useRenderProgress(render, () => revalidator.revalidate());
  const percent = Math.round(live.progress * 100);
  const ended = live.state === "failed" || live.state === "canceled";
  return (
    <div className="render-panel" data-testid="shared-render-progress" data-state={live.state} data-progress={percent}>
      <div className="render-status" aria-live="polite">
        <strong>
          {live.state === "succeeded" ? "Rendered" : ended ? "This render did not finish" : `Rendering… ${percent}%`}
        </strong>
        {!ended && live.state !== "succeeded" && (
          <span className="muted">
            {live.state === "queued" ? "waiting for a render node" : live.stage ? STAGE_LABELS[live.stage] : "starting"}
          </span>
        )}
        {live.connection === "reconnecting" && <span className="muted">Reconnecting…</span>}
      </div>
      {!ended && (
        <ProgressBar
          value={live.progress}
          label="Render progress"
          tone={live.state === "succeeded" ? "ok" : undefined}
        />
      )}
    </div>
  );
}
