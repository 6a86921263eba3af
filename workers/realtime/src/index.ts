/**
 * @module realtime Worker entry: `/realtime/renders/:id/ws` upgrades into that render's JobRoom; the api publishes
 * through the `publish` RPC of this entrypoint (service binding), never over HTTP.
 */
import { WorkerEntrypoint } from "cloudflare:workers";
import type { ProgressEvent } from "@gts/api/contract";
import type { PublishResult } from "./job-room-messages.ts";
import type { RealtimeEnv } from "./realtime-env.ts";

export { JobRoom } from "./job-room.ts";

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

  private room(renderId: string) {
    return this.env.JOB_ROOM.get(this.env.JOB_ROOM.idFromName(renderId));
  }
}
