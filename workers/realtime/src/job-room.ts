/**
 * @module `JobRoom`: the live fan-out of one render's progress. It holds no truth about the job (D1 does); it
 * numbers what it sends per room, so every listener sees one ordered stream, and it hibernates between messages.
 */
import { DurableObject } from "cloudflare:workers";
import { type ProgressEvent, progressEventSchema } from "@gts/api/contract";
import { z } from "zod";
import { type JobRoomServerMessage, jobRoomClientMessageSchema, type PublishResult } from "./job-room-messages.ts";
import type { RealtimeEnv } from "./realtime-env.ts";

/** What each socket remembers across hibernation. */
interface SocketAttachment {
  renderId: string;
  connectedAt: string;
}

const SEQ_KEY = "seq";

export class JobRoom extends DurableObject<RealtimeEnv> {
  /** Next room sequence number, loaded before the first message is handled (also after waking from hibernation). */
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
    const renderId = new URL(request.url).searchParams.get("renderId") ?? "";
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ renderId, connectedAt: new Date().toISOString() } satisfies SocketAttachment);
    this.send(server, { type: "hello", renderId, seq: this.seq, listeners: this.ctx.getWebSockets().length });
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
    const seq = await this.nextSeq();
    const sockets = this.ctx.getWebSockets();
    for (const ws of sockets) this.send(ws, { type: "progress", seq, event: parsed.data });
    return { ok: true, seq, listeners: sockets.length };
  }

  private async nextSeq(): Promise<number> {
    const seq = ++this.seq;
    await this.ctx.storage.put(SEQ_KEY, seq);
    return seq;
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
