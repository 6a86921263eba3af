/**
 * @module The realtime Worker's bindings, written out rather than taken from the generated global `Env`: the api
 * type-checks this Worker's RPC surface (`Service<typeof Realtime>`) inside its own program, where `Env` is the api's.
 */
import type { JobRoom } from "./job-room.ts";
import type { RenderQueue } from "./render-queue.ts";

export interface RealtimeEnv {
  JOB_ROOM: DurableObjectNamespace<JobRoom>;
  RENDER_QUEUE: DurableObjectNamespace<RenderQueue>;
}
