/**
 * @module `node`: the creator's render nodes. A token is shown once at creation and stored hashed; revoking it
 * refuses the node at its next call. Nodes say hello with their capabilities.
 */
import { TRPCError } from "@trpc/server";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { type RenderNodeRow, renderNodes, renders } from "../db/schema.ts";
import { hashNodeToken, newNodeToken } from "../nodes/node-tokens.ts";
import { authedProcedure, nodeProcedure, router } from "../trpc.ts";

/** A node that has not called for a lease's length (`offlineAfterMs`) is shown as offline. */
function nodeView(node: RenderNodeRow, currentRenderId: string | null, now: Date, offlineAfterMs: number) {
  const lastSeen = node.lastHeartbeatAt?.getTime() ?? 0;
  const state = node.revokedAt
    ? "revoked"
    : now.getTime() - lastSeen > offlineAfterMs
      ? "offline"
      : currentRenderId
        ? "busy"
        : "idle";
  const { tokenHash: _tokenHash, ownerId: _ownerId, ...rest } = node;
  return { ...rest, state, currentRenderId };
}

export const nodeRouter = router({
  create: authedProcedure
    .input(
      z.object({ name: z.string().trim().min(1, "name is required").max(64, "name must be at most 64 characters") }),
    )
    .mutation(async ({ ctx, input }) => {
      const token = newNodeToken();
      const [node] = await ctx.db
        .insert(renderNodes)
        .values({
          id: crypto.randomUUID(),
          ownerId: ctx.user.id,
          name: input.name,
          tokenHash: await hashNodeToken(token),
        })
        .returning();
      if (!node) throw new Error("render node was not stored");
      return { node: nodeView(node, null, ctx.now(), ctx.leaseMs), token };
    }),

  list: authedProcedure.query(async ({ ctx }) => {
    const nodes = await ctx.db
      .select()
      .from(renderNodes)
      .where(eq(renderNodes.ownerId, ctx.user.id))
      .orderBy(desc(renderNodes.createdAt));
    const leases = nodes.length
      ? await ctx.db
          .select({ nodeId: renders.leaseNodeId, renderId: renders.id })
          .from(renders)
          .where(
            and(
              eq(renders.status, "running"),
              inArray(
                renders.leaseNodeId,
                nodes.map((n) => n.id),
              ),
            ),
          )
      : [];
    const current = new Map(leases.map((l) => [l.nodeId, l.renderId]));
    return nodes.map((node) => nodeView(node, current.get(node.id) ?? null, ctx.now(), ctx.leaseMs));
  }),

  revoke: authedProcedure.input(z.object({ id: z.string().min(1).max(64) })).mutation(async ({ ctx, input }) => {
    const [revoked] = await ctx.db
      .update(renderNodes)
      .set({ revokedAt: ctx.now() })
      .where(and(eq(renderNodes.id, input.id), eq(renderNodes.ownerId, ctx.user.id), isNull(renderNodes.revokedAt)))
      .returning();
    if (!revoked) throw new TRPCError({ code: "NOT_FOUND", message: `no active render node ${input.id}` });
    return nodeView(revoked, null, ctx.now(), ctx.leaseMs);
  }),

  /** Node: reports its capabilities (cores, memory, GPU, engine version) when it starts. */
  hello: nodeProcedure
    .input(z.object({ capabilities: z.record(z.string().max(64), z.unknown()) }))
    .mutation(async ({ ctx, input }) => {
      if (JSON.stringify(input.capabilities).length > 4096) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "capabilities must be at most 4096 bytes of JSON" });
      }
      await ctx.db.update(renderNodes).set({ capabilities: input.capabilities }).where(eq(renderNodes.id, ctx.node.id));
      return { nodeId: ctx.node.id, name: ctx.node.name };
    }),
});
