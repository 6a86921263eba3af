/**
 * @module `JobRoom`: the live fan-out of one render's progress over hibernating WebSockets. The api stores every
 * event in D1 first (the truth, numbered by a gap-free `seq`) and then publishes it here; the room keeps a copy of
 * each, so a browser that reconnects with `?after=<last seq it saw>` gets what it missed, then the live stream.
 * Each socket has an audience (audience.ts): the owner sees every event, a viewer of a shared render a filtered view.
 */
import { DurableObject } from "cloudflare:workers";
import { type ProgressEvent, progressEventSchema } from "@gts/api/contract";
import { z } from "zod";
import { AUDIENCE_HEADER, type Audience, audienceOf, eventFor } from "./audience.ts";
import { type JobRoomServerMessage, jobRoomClientMessageSchema, type PublishResult } from "./job-room-messages.ts";
import type { RealtimeEnv } from "./realtime-env.ts";

/** What each socket remembers across hibernation. */
interface SocketAttachment {
  renderId: string;
  connectedAt: string;
  audience: Audience;
}

const SEQ_KEY = "seq";
const LAST_SEQ_KEY = "lastEventSeq";
/** Events kept for resuming; a render emits far fewer. Older ones remain readable through `render.events`. */
export const MAX_STORED_EVENTS = 10_000;
const eventKey = (seq: number) => `event:${String(seq).padStart(10, "0")}`;

export class JobRoom extends DurableObject<RealtimeEnv> {
  /** Echo counter of the room (test messages), loaded before the first message is handled, also after hibernation. */
  private seq = 0;

  constructor(ctx: DurableObjectState, env: RealtimeEnv) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.seq = (await ctx.storage.get<number>(SEQ_KEY)) ?? 0;
    });
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade") !== "websocket") {
      return new Response("Expected a WebSocket upgrade", { status: 426 });
    }
    const url = new URL(request.url);
    const renderId = url.searchParams.get("renderId") ?? "";
    const after = Number(url.searchParams.get("after") ?? -1);
    if (!Number.isInteger(after) || after < -1) return new Response("after must be an integer ≥ -1", { status: 400 });
    const audience = audienceOf(request.headers.get(AUDIENCE_HEADER));
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({
      renderId,
      connectedAt: new Date().toISOString(),
      audience,
    } satisfies SocketAttachment);
    // Storage reads hold the input gate: no publish can slip in between the backlog and the live stream.
    const missed = await this.ctx.storage.list<ProgressEvent>({ start: eventKey(after + 1), prefix: "event:" });
    const lastSeq = (await this.ctx.storage.get<number>(LAST_SEQ_KEY)) ?? -1;
    this.send(server, { type: "hello", renderId, lastSeq, listeners: this.ctx.getWebSockets().length });
    for (const event of missed.values()) this.sendEvent(server, audience, event);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const parsed = jobRoomClientMessageSchema.safeParse(safeJson(message));
    if (!parsed.success) {
      this.send(ws, { type: "error", message: `invalid message: ${parsed.error.issues[0]?.message ?? "unreadable"}` });
      return;
    }
    const { renderId } = ws.deserializeAttachment() as SocketAttachment;
    // The echo takes a room sequence number like any event, so tests can check ordering end to end.
    this.send(ws, { type: "echo", renderId, seq: await this.nextSeq(), payload: parsed.data.payload });
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    // 1005/1006 mean "no code"/"abnormal" and may not be sent back: echoing them throws (docs/stack-notes §2).
    const closeCode = code === 1005 || code === 1006 ? 1000 : code;
    try {
      ws.close(closeCode, reason);
    } catch {
      // Already closed by the peer.
    }
  }

  /**
   * RPC from the api: broadcast one progress event to every listener of this render. A contract violation is
   * returned, not thrown: an exception thrown across RPC is also logged by workerd as an uncaught rejection.
   */
  async publish(event: ProgressEvent): Promise<PublishResult> {
    const parsed = progressEventSchema.safeParse(event);
    if (!parsed.success) return { ok: false, error: `invalid progress event: ${z.prettifyError(parsed.error)}` };
    const key = eventKey(parsed.data.seq);
    const sockets = this.ctx.getWebSockets();
    // A repeated forward (the api retrying) is stored and sent once.
    if ((await this.ctx.storage.get(key)) !== undefined)
      return { ok: true, listeners: sockets.length, duplicate: true };
    if (parsed.data.seq < MAX_STORED_EVENTS) await this.ctx.storage.put(key, parsed.data);
    const lastSeq = (await this.ctx.storage.get<number>(LAST_SEQ_KEY)) ?? -1;
    if (parsed.data.seq > lastSeq) await this.ctx.storage.put(LAST_SEQ_KEY, parsed.data.seq);
    for (const ws of sockets) {
      const { audience } = ws.deserializeAttachment() as SocketAttachment;
      this.sendEvent(ws, audience, parsed.data);
    }
    return { ok: true, listeners: sockets.length, duplicate: false };
  }

  private async nextSeq(): Promise<number> {
    const seq = ++this.seq;
    await this.ctx.storage.put(SEQ_KEY, seq);
    return seq;
  }

  /** One event as this socket's audience may see it; a withheld event is simply not sent (seq then skips it). */
  private sendEvent(ws: WebSocket, audience: Audience, event: ProgressEvent): void {
    const visible = eventFor(audience, event);
    if (visible) this.send(ws, { type: "progress", event: visible });
  }

  private send(ws: WebSocket, message: JobRoomServerMessage): void {
    ws.send(JSON.stringify(message));
  }
}

function safeJson(message: string | ArrayBuffer): unknown {
  try {
    return JSON.parse(typeof message === "string" ? message : new TextDecoder().decode(message));
  } catch {
    return undefined;
  }
}
