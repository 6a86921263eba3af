/**
 * @module Who listens on a room socket, and what each may see. The app Worker decides the audience (the render's
 * owner, or a viewer of a public or unlisted shootout: workers/room-access.ts) and states it in a header that it
 * always sets itself; the room keeps it on the socket. Owners get every event; viewers get the lifecycle and the
 * stage progress, without anything that names the creator's files, nodes or errors (log lines, stage messages,
 * per-segment figures, artifact names, node names, error texts).
 */
import type { ProgressEvent } from "@gts/api/contract";

export type Audience = "owner" | "viewer";

/** Set by the app Worker on every request it lets through to the realtime Worker, replacing the browser's own. */
export const AUDIENCE_HEADER = "X-GTS-Render-Audience";

/** Anything but an explicit "owner" is a viewer: a request that did not come through the access check sees least. */
export function audienceOf(value: string | null): Audience {
  return value === "owner" ? "owner" : "viewer";
}

/** Shown to viewers instead of the node's name. */
export const VIEWER_NODE_NAME = "a render node";

/** The event as this audience may see it, or null when it is withheld from them. */
export function eventFor(audience: Audience, event: ProgressEvent): ProgressEvent | null {
  if (audience === "owner") return event;
  switch (event.type) {
    case "queued":
    case "succeeded":
    case "canceled":
      return event;
    case "claimed":
      return { ...event, nodeName: VIEWER_NODE_NAME };
    case "stage": {
      const { message: _message, ...progress } = event;
      return progress;
    }
    case "failed":
      return {
        ...event,
        error: {
          code: "render-failed",
          message: event.willRetry ? "An attempt failed; the render will be retried." : "The render failed.",
        },
      };
    case "segment":
    case "log":
    case "artifact":
      return null;
  }
}
