import type { ProgressEvent } from "@gts/api/contract";
import { useEffect } from "react";
import { useRevalidator } from "react-router";
import { formatDb } from "../lib/format";
import { type InitialRender, type RenderState, useRenderProgress } from "../lib/use-render-progress";
import { ProgressBar } from "./ProgressBar";

const STATE_LABELS = {
  queued: "Queued: waiting for a render node",
  running: "Rendering",
  succeeded: "Finished",
  failed: "Failed",
  canceled: "Canceled",
} as const;

/** A render followed live: overall bar, current stage, the event log, and the error explained if it failed. */
export function RenderProgressPanel({
  render,
  chainNames,
  onState,
}: {
  render: InitialRender;
  chainNames: string[];
  /** Told the live state, so the page's controls follow it before its data is reloaded. */
  onState?: (state: RenderState) => void;
}) {
  const revalidator = useRevalidator();
  // Reload the page's data when the render ends, so the results appear.
  const live = useRenderProgress(render, () => revalidator.revalidate());
  useEffect(() => onState?.(live.state), [live.state, onState]);
  const percent = Math.round(live.progress * 100);
  return (
    <div
      className="render-panel"
      data-testid="render-progress"
      data-state={live.state}
      data-progress={percent}
      data-event-count={live.events.length}
      data-last-seq={live.events.at(-1)?.seq ?? -1}
    >
      <div className="render-status">
        <strong>{STATE_LABELS[live.state]}</strong>
        <span data-testid="render-percent">{percent}%</span>
        {live.stage && live.state === "running" && (
          <span className="muted">
            stage: {live.stage} ({Math.round(live.stageFraction * 100)}%)
          </span>
        )}
        <span className={`connection connection-${live.connection}`} aria-live="polite">
          {live.connection === "live"
            ? "Live"
            : live.connection === "reconnecting"
              ? "Reconnecting…"
              : live.connection === "connecting"
                ? "Connecting…"
                : ""}
        </span>
      </div>
      <ProgressBar
        value={live.progress}
        label="Render progress"
        tone={live.state === "failed" ? "error" : live.state === "succeeded" ? "ok" : undefined}
      />
      {live.error && (
        <p className="field-error" role="alert">
          {live.state === "failed" ? "The render failed" : "An attempt failed and will be retried"}:{" "}
          {live.error.message} <span className="muted">({live.error.code})</span>
        </p>
      )}
      {live.events.length > 0 && (
        <details className="event-log">
          <summary>Events ({live.events.length})</summary>
          <ol>
            {live.events.map((event) => (
              <li key={event.seq}>
                <span className="muted">{new Date(event.at).toLocaleTimeString("en-GB")}</span>{" "}
                {describe(event, chainNames)}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

function describe(event: ProgressEvent, chainNames: string[]): string {
  switch (event.type) {
    case "queued":
      return "Queued";
    case "claimed":
      return `Claimed by ${event.nodeName} (attempt ${event.attempt})`;
    case "stage":
      return `${event.stage}: ${Math.round(event.fraction * 100)}%${event.message ? ` — ${event.message}` : ""}`;
    case "segment":
      return `Matched "${chainNames[event.chainIndex] ?? `chain ${event.chainIndex + 1}`}" at ${event.integratedLufs.toFixed(1)} LUFS (gain ${formatDb(event.gainDb)})`;
    case "log":
      return `${event.level}: ${event.message}`;
    case "artifact":
      return `Uploaded ${event.name}`;
    case "succeeded":
      return `Succeeded${event.durationSeconds ? ` in ${event.durationSeconds.toFixed(1)} s` : ""}`;
    case "failed":
      return `Failed: ${event.error.message}${event.willRetry ? " (will retry)" : ""}`;
    case "canceled":
      return "Canceled";
  }
}
