/**
 * @module realtime Worker entry: `/realtime/renders/:id/ws` upgrades into that render's JobRoom; the api publishes
 * through the `publish` RPC of this entrypoint (service binding), never over HTTP, and wakes the render nodes waiting
 * in `render.claim` through the owner's RenderQueue (`notifyRenderQueue` / `waitForRenderQueue`).
 */
import { WorkerEntrypoint } from "cloudflare:workers";
import type { ProgressEvent } from "@gts/api/contract";
import type { PublishResult } from "./job-room-messages.ts";
import type { RealtimeEnv } from "./realtime-env.ts";
import type { RenderQueueWait } from "./render-queue.ts";

export { JobRoom } from "./job-room.ts";
export { RenderQueue } from "./render-queue.ts";

const ROOM_SOCKET_PATH = /^\/realtime\/renders\/([0-9A-Za-z_-]{1,64})\/ws$/;

export default class Realtime extends WorkerEntrypoint<RealtimeEnv> {
  override async fetch(request: Request): Promise<Response> {
    const match = ROOM_SOCKET_PATH.exec(new URL(request.url).pathname);
    if (!match?.[1]) return new Response("Not found", { status: 404 });
    const renderId = match[1];
    const url = new URL(request.url);
    url.searchParams.set("renderId", renderId);
    return this.room(renderId).fetch(new Request(url, request));
  }

  /** Called by the api Worker for each progress event it has stored in D1. */
  async publish(renderId: string, event: ProgressEvent): Promise<PublishResult> {
    return this.room(renderId).publish(event);
  }

  /** Called by the api when a render of `ownerId` became claimable (or left the queue): waiting claimers look again. */
  async notifyRenderQueue(ownerId: string): Promise<number> {
    return this.renderQueue(ownerId).notify();
  }

  /**
   * Called by `render.claim` between its D1 queries: resolves when the owner's queue is notified after `since` (the
   * version this call answered last time; null to only read it), or after `timeoutMs`.
   */
  async waitForRenderQueue(ownerId: string, since: number | null, timeoutMs: number): Promise<RenderQueueWait> {
    return this.renderQueue(ownerId).wait(since, timeoutMs);
  }

  private renderQueue(ownerId: string) {
    return this.env.RENDER_QUEUE.get(this.env.RENDER_QUEUE.idFromName(ownerId));
  }

  private room(renderId: string) {
    return this.env.JOB_ROOM.get(this.env.JOB_ROOM.idFromName(renderId));
  }
}
