/** @module The states of a render: queued → running → succeeded | failed | canceled (an expired lease returns it to queued). */
import type { z } from "zod";
import { enumOf } from "./units.ts";

export const RENDER_STATUSES = ["queued", "running", "succeeded", "failed", "canceled"] as const;

export const renderStatusSchema = enumOf("status", RENDER_STATUSES);
export type RenderStatus = z.infer<typeof renderStatusSchema>;

/** States a render never leaves: no node will pick it up again and its artifacts (if any) are final. */
export const TERMINAL_RENDER_STATUSES = ["succeeded", "failed", "canceled"] as const satisfies readonly RenderStatus[];

/** Whether a render in this state is finished for good. */
export function isTerminalRenderStatus(status: RenderStatus): boolean {
  return (TERMINAL_RENDER_STATUSES as readonly RenderStatus[]).includes(status);
}
