/**
 * @module Appends one progress event to a render: the next gap-free `seq` is taken and the event stored in one D1
 * transaction, then the event is forwarded to the render's JobRoom for live listeners. D1 is the record; a failed
 * forward only delays what a browser sees until it reconnects and reads the events after its last `seq`.
 */

import type { Context } from "../context.ts";
import { type ProgressEvent, progressEventSchema } from "../contract/index.ts";

/** An event as its author states it; the api adds `renderId`, `seq` and `at`. */
export type RenderEventBody = ProgressEvent extends infer E
  ? E extends ProgressEvent
    ? Omit<E, "renderId" | "seq" | "at">
    : never
  : never;

export interface AppendOptions {
  /** Only while this node holds the running render's lease: a stale node's report is refused without effect. */
  leaseNodeId?: string;
  /** Overall progress 0..1 and stage name, kept on the render row for list views. */
  progress?: number;
  stage?: string;
}

/** The stored event, or null when the guard did not hold (no such render, or the lease is not this node's). */
export async function appendRenderEvent(
  ctx: Pick<Context, "db" | "realtime" | "now">,
  renderId: string,
  body: RenderEventBody,
  options: AppendOptions = {},
): Promise<ProgressEvent | null> {
  const at = ctx.now();
  // Validated with a placeholder seq: the real one is known only inside the transaction.
  const event = progressEventSchema.parse({ ...body, renderId, seq: 0, at: at.toISOString() });
  // ?3 is the node, ?5 the event time: a lease that has expired no longer counts, even before it is requeued.
  const guard =
    options.leaseNodeId === undefined ? "" : " AND lease_node_id = ?3 AND status = 'running' AND lease_expires_at > ?5";
  const guardArgs = options.leaseNodeId === undefined ? [] : [options.leaseNodeId];
  const d1 = ctx.db.$client;
  const [inserted] = await d1.batch<{ seq: number; payload: string }>([
    d1
      .prepare(
        `INSERT INTO render_events (render_id, seq, type, payload, created_at)
         SELECT id, last_seq + 1, ?2, json_set(?4, '$.seq', last_seq + 1), ?5 FROM renders WHERE id = ?1${guard}
         RETURNING seq, payload`,
      )
      .bind(renderId, event.type, ...padTo(guardArgs, 1), JSON.stringify(event), at.getTime()),
    d1
      .prepare(
        `UPDATE renders SET last_seq = last_seq + 1, progress = coalesce(?4, progress), stage = coalesce(?6, stage)
         WHERE id = ?1${guard}`,
      )
      .bind(renderId, null, ...padTo(guardArgs, 1), options.progress ?? null, at.getTime(), options.stage ?? null),
  ]);
  const row = inserted?.results[0];
  if (!row) return null;
  const stored = progressEventSchema.parse(JSON.parse(row.payload));
  try {
    const result = await ctx.realtime?.publish(renderId, stored);
    // An RPC result holds resources until disposed; leaving it to the garbage collector makes workerd warn.
    (result as Partial<Disposable> | undefined)?.[Symbol.dispose]?.();
  } catch (error) {
    console.warn(`render ${renderId}: event ${stored.seq} not forwarded to its JobRoom: ${String(error)}`);
  }
  return stored;
}

/** Numbered parameters ?3 must exist even when the guard is off; unused ones are bound to null. */
function padTo(values: string[], length: number): Array<string | null> {
  return [...values, ...Array<null>(Math.max(0, length - values.length)).fill(null)];
}
