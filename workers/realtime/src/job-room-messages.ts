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
  /** First message: `lastSeq` is the newest event the room has (-1: none yet). Missed events follow it. */
  | { type: "hello"; renderId: string; lastSeq: number; listeners: number }
  | { type: "echo"; renderId: string; seq: number; payload: string }
  /** One render event; `event.seq` orders them and lets a client drop a duplicate after reconnecting. */
  | { type: "progress"; event: ProgressEvent }
  | { type: "error"; message: string };

/** What `publish` answers: how many sockets received the event, or why it was refused. */
export type PublishResult = { ok: true; listeners: number; duplicate: boolean } | { ok: false; error: string };
