/**
 * @module Messages on a JobRoom WebSocket, both directions. Browsers import these types; the schema checks input.
 */
import type { ProgressEvent } from "@gts/api/contract";
import { z } from "zod";

export const jobRoomClientMessageSchema = z.object({
  type: z.literal("echo"),
  payload: z.string().max(1000, "payload must be at most 1000 characters"),
});

export type JobRoomServerMessage =
  | { type: "hello"; renderId: string; seq: number; listeners: number }
  | { type: "echo"; renderId: string; seq: number; payload: string }
  | { type: "progress"; seq: number; event: ProgressEvent }
  | { type: "error"; message: string };

/** What `publish` answers: the room sequence number given to the event and how many sockets received it. */
export type PublishResult = { ok: true; seq: number; listeners: number } | { ok: false; error: string };
