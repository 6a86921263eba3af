/**
 * @module Leases: a running render belongs to one node until its lease expires. Claiming is one conditional UPDATE,
 * so two nodes can never hold the same render; an expired lease puts the render back in the queue, or fails it once
 * it has used all its attempts.
 */
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Context } from "../context.ts";
import { type RenderNodeRow, type RenderRow, renders } from "../db/schema.ts";
import { appendRenderEvent } from "./append-render-event.ts";
import { wakeClaimers } from "./render-queue.ts";

/** A node heartbeats well within the lease (`ctx.leaseMs`); a node silent for longer is presumed dead. */
type LeaseContext = Pick<Context, "db" | "realtime" | "now" | "leaseMs">;

/** Requeues (or fails, past the attempt limit) every render of `ownerId` whose lease has expired. */
export async function expireLeases(ctx: LeaseContext, ownerId: string): Promise<void> {
  const now = ctx.now();
  const expired = and(eq(renders.ownerId, ownerId), eq(renders.status, "running"), lt(renders.leaseExpiresAt, now));
  const exhausted = await ctx.db
    .update(renders)
    .set({
      status: "failed",
      leaseNodeId: null,
      leaseExpiresAt: null,
      finishedAt: now,
      error: sql`json_object('code', 'lease-expired', 'message', 'the render node stopped responding on every attempt')`,
    })
    .where(and(expired, sql`${renders.attempt} >= ${renders.maxAttempts}`))
    .returning({ id: renders.id, attempt: renders.attempt });
  const requeued = await ctx.db
    .update(renders)
    .set({ status: "queued", leaseNodeId: null, leaseExpiresAt: null })
    .where(expired)
    .returning({ id: renders.id, attempt: renders.attempt });
  for (const { id, attempt } of exhausted) {
    const message = `the render node stopped responding on attempt ${attempt} of ${attempt}`;
    await appendRenderEvent(ctx, id, { type: "failed", error: { code: "lease-expired", message }, willRetry: false });
  }
  for (const { id } of requeued) {
    await appendRenderEvent(ctx, id, { type: "queued" });
  }
  // Whoever found them (a claim) takes one; the owner's other waiting nodes may take the rest.
  if (requeued.length > 0) await wakeClaimers(ctx, ownerId);
}

/** Gives the oldest queued render of the node's owner to the node, or null when there is none. */
export async function claimRender(ctx: LeaseContext, node: RenderNodeRow): Promise<RenderRow | null> {
  await expireLeases(ctx, node.ownerId);
  const now = ctx.now();
  const oldestQueued = sql`(SELECT ${renders.id} FROM ${renders} WHERE ${renders.status} = 'queued' AND ${renders.ownerId} = ${node.ownerId} ORDER BY ${renders.queuedAt}, ${renders.id} LIMIT 1)`;
  const [claimed] = await ctx.db
    .update(renders)
    .set({
      status: "running",
      leaseNodeId: node.id,
      leaseExpiresAt: new Date(now.getTime() + ctx.leaseMs),
      attempt: sql`${renders.attempt} + 1`,
      startedAt: now,
    })
    .where(and(eq(renders.status, "queued"), eq(renders.id, oldestQueued)))
    .returning();
  if (!claimed) return null;
  await appendRenderEvent(ctx, claimed.id, { type: "claimed", nodeName: node.name, attempt: claimed.attempt });
  return claimed;
}

/** Extends the lease if the node still holds it and it has not expired; false (and no change) otherwise. */
export async function renewLease(ctx: LeaseContext, renderId: string, nodeId: string): Promise<boolean> {
  const now = ctx.now();
  const [renewed] = await ctx.db
    .update(renders)
    .set({ leaseExpiresAt: new Date(now.getTime() + ctx.leaseMs) })
    .where(
      and(
        eq(renders.id, renderId),
        eq(renders.leaseNodeId, nodeId),
        eq(renders.status, "running"),
        gt(renders.leaseExpiresAt, now),
      ),
    )
    .returning({ id: renders.id });
  return renewed !== undefined;
}
