/**
 * @module `render`: the creator submits, follows and cancels renders; render nodes claim them, heartbeat, report
 * progress and finish them. Every node report is checked against the lease, so a node that lost its render (lease
 * expired, render canceled or given to another node) is refused and changes nothing.
 */
import { TRPCError } from "@trpc/server";
import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Context } from "../context.ts";
import {
  artifactEventSchema,
  artifactManifestSchema,
  logEventSchema,
  PROGRESS_STAGES,
  segmentEventSchema,
  stageEventSchema,
} from "../contract/index.ts";
import { renderEvents, renders, shootouts } from "../db/schema.ts";
import { appendRenderEvent } from "../renders/append-render-event.ts";
import { freezeRenderSpec } from "../renders/freeze-render-spec.ts";
import { publicRender } from "../renders/public-render.ts";
import { claimRender, renewLease } from "../renders/render-lease.ts";
import { claimWaiter, wakeClaimers } from "../renders/render-queue.ts";
import { ownedShootout, shootoutAssets } from "../shootouts/owned-shootout.ts";
import { authedProcedure, nodeProcedure, publicProcedure, router } from "../trpc.ts";

/** Long-poll limit of `claim`: under the ~30 s that proxies and the Workers runtime allow an idle request. */
export const MAX_CLAIM_WAIT_SECONDS = 25;
export const MAX_EVENTS_PER_REPORT = 50;
export const MAX_EVENTS_PER_READ = 1000;

const idInput = z.object({ id: z.string().min(1).max(64) });
const renderIdInput = z.object({ renderId: z.string().min(1).max(64) });
const without = { renderId: true, seq: true, at: true } as const;
/** What a node may report; the lifecycle events (queued, claimed, succeeded, failed, canceled) are the api's own. */
const nodeEventSchema = z.discriminatedUnion("type", [
  stageEventSchema.omit(without),
  segmentEventSchema.omit(without),
  logEventSchema.omit(without),
  artifactEventSchema.omit(without),
]);

async function ownedRender(ctx: Pick<Context, "db">, ownerId: string, id: string) {
  const render = await ctx.db.query.renders.findFirst({ where: and(eq(renders.id, id), eq(renders.ownerId, ownerId)) });
  if (!render) throw new TRPCError({ code: "NOT_FOUND", message: `no render ${id}` });
  return render;
}

function leaseLost(renderId: string): TRPCError {
  return new TRPCError({
    code: "CONFLICT",
    message: `render ${renderId} is not leased to this node (expired, canceled or taken over): stop working on it`,
  });
}

/** Overall progress from a stage event: each pipeline stage is an equal share. */
function overallProgress(stage: (typeof PROGRESS_STAGES)[number], fraction: number): number {
  return (PROGRESS_STAGES.indexOf(stage) + fraction) / PROGRESS_STAGES.length;
}

export const renderRouter = router({
  submit: authedProcedure
    .input(
      z.object({
        shootoutId: z.string().min(1).max(64),
        /** Also render the 9:16 short (YouTube Shorts, Reels) beside the 16:9 video. */
        short9x16: z.boolean({ error: "short9x16 must be true or false" }).default(false),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const shootout = await ownedShootout(ctx.db, ctx.user.id, input.shootoutId);
      const id = crypto.randomUUID();
      const { spec, specHash } = await freezeRenderSpec(id, shootout, await shootoutAssets(ctx.db, shootout), {
        short9x16: input.short9x16,
      });
      const [render] = await ctx.db
        .insert(renders)
        .values({ id, shootoutId: shootout.row.id, ownerId: ctx.user.id, spec, specHash, queuedAt: ctx.now() })
        .returning();
      await appendRenderEvent(ctx, id, { type: "queued" });
      if (!render) throw new Error(`render ${id} was not stored`);
      await wakeClaimers(ctx, ctx.user.id);
      return publicRender({ ...render, lastSeq: 0 });
    }),

  get: authedProcedure
    .input(idInput)
    .query(async ({ ctx, input }) => publicRender(await ownedRender(ctx, ctx.user.id, input.id))),

  /**
   * Who may follow a render live, and how much they see (workers/room-access.ts asks, with the browser's cookie):
   * its owner everything; anyone, signed in or not, a render of an unlisted or public shootout, as a viewer (only
   * lifecycle and stage progress: workers/realtime/src/audience.ts). Anyone else gets what a missing render gets:
   * NOT_FOUND when signed in, UNAUTHORIZED when not.
   */
  watchable: publicProcedure.input(idInput).query(async ({ ctx, input }) => {
    const session = await ctx.session();
    const [render] = await ctx.db
      .select({ ownerId: renders.ownerId, visibility: shootouts.visibility })
      .from(renders)
      .innerJoin(shootouts, eq(shootouts.id, renders.shootoutId))
      .where(eq(renders.id, input.id))
      .limit(1);
    if (render && session && render.ownerId === session.user.id) return { audience: "owner" as const };
    if (render && render.visibility !== "private") return { audience: "viewer" as const };
    if (!session) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in to do this" });
    throw new TRPCError({ code: "NOT_FOUND", message: `no render ${input.id}` });
  }),

  /**
   * For the share page of an unlisted or public shootout: its newest render while that is queued or running (what a
   * viewer may know of it: id, state, progress, stage), else null. A private shootout is NOT_FOUND, as on the page.
   */
  inProgress: publicProcedure
    .input(z.object({ shootoutId: z.string().min(1).max(64) }))
    .query(async ({ ctx, input }) => {
      const [found, newest] = await ctx.db.batch([
        ctx.db
          .select({ visibility: shootouts.visibility })
          .from(shootouts)
          .where(eq(shootouts.id, input.shootoutId))
          .limit(1),
        ctx.db
          .select({ id: renders.id, status: renders.status, progress: renders.progress, stage: renders.stage })
          .from(renders)
          .where(eq(renders.shootoutId, input.shootoutId))
          .orderBy(desc(renders.queuedAt), desc(renders.id))
          .limit(1),
      ]);
      if (!found[0] || found[0].visibility === "private") {
        throw new TRPCError({ code: "NOT_FOUND", message: `no shootout ${input.shootoutId}` });
      }
      const render = newest[0];
      return render && (render.status === "queued" || render.status === "running") ? render : null;
    }),

  list: authedProcedure.input(z.object({ shootoutId: z.string().min(1).max(64) })).query(async ({ ctx, input }) => {
    const rows = await ctx.db
      .select()
      .from(renders)
      .where(and(eq(renders.ownerId, ctx.user.id), eq(renders.shootoutId, input.shootoutId)))
      .orderBy(desc(renders.queuedAt))
      .limit(100);
    return rows.map(publicRender);
  }),

  /** Events after `afterSeq`, in order: how a reconnecting client catches up without gaps or duplicates. */
  events: authedProcedure
    .input(idInput.extend({ afterSeq: z.number().int().min(-1).default(-1) }))
    .query(async ({ ctx, input }) => {
      await ownedRender(ctx, ctx.user.id, input.id);
      const rows = await ctx.db
        .select({ payload: renderEvents.payload })
        .from(renderEvents)
        .where(and(eq(renderEvents.renderId, input.id), gt(renderEvents.seq, input.afterSeq)))
        .orderBy(asc(renderEvents.seq))
        .limit(MAX_EVENTS_PER_READ);
      return rows.map((row) => row.payload);
    }),

  cancel: authedProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    await ownedRender(ctx, ctx.user.id, input.id);
    const [canceled] = await ctx.db
      .update(renders)
      .set({ status: "canceled", leaseNodeId: null, leaseExpiresAt: null, finishedAt: ctx.now() })
      .where(and(eq(renders.id, input.id), inArray(renders.status, ["queued", "running"])))
      .returning();
    if (!canceled) {
      const render = await ownedRender(ctx, ctx.user.id, input.id);
      throw new TRPCError({ code: "CONFLICT", message: `render ${input.id} has already ${render.status}` });
    }
    await appendRenderEvent(ctx, input.id, { type: "canceled" });
    await wakeClaimers(ctx, ctx.user.id);
    return publicRender(canceled);
  }),

  /**
   * Node: the oldest queued render of the node's owner, waiting up to `waitSeconds` for one; null if none. Between
   * D1 queries it waits on the owner's RenderQueue (renders/render-queue.ts), which submit, release, retry, requeue
   * and cancel notify, with a safety poll for lease expiries; without the realtime binding it polls D1.
   */
  claim: nodeProcedure
    .input(
      z.object({
        waitSeconds: z
          .number()
          .min(0)
          .max(MAX_CLAIM_WAIT_SECONDS, `waitSeconds must be at most ${MAX_CLAIM_WAIT_SECONDS}`)
          .default(0),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const deadline = Date.now() + input.waitSeconds * 1000;
      const signal = ctx.req?.signal;
      const queue = claimWaiter(ctx, ctx.node.ownerId);
      // The queue's version is read before the first query, so a render submitted after that query still wakes us.
      if (input.waitSeconds > 0) await queue.begin();
      for (;;) {
        // A node that hung up (stopped, or crashed mid-poll) must not be handed a render it will never work on.
        if (signal?.aborted) return null;
        const claimed = await claimRender(ctx, ctx.node);
        if (claimed) {
          return {
            renderId: claimed.id,
            attempt: claimed.attempt,
            leaseExpiresAt: claimed.leaseExpiresAt,
            spec: claimed.spec,
            specHash: claimed.specHash,
          };
        }
        const left = deadline - Date.now();
        if (left <= 0) return null;
        await queue.wait(left, signal);
      }
    }),

  heartbeat: nodeProcedure.input(renderIdInput).mutation(async ({ ctx, input }) => {
    if (!(await renewLease(ctx, input.renderId, ctx.node.id))) throw leaseLost(input.renderId);
    return { ok: true };
  }),

  report: nodeProcedure
    .input(
      renderIdInput.extend({
        events: z
          .array(nodeEventSchema)
          .min(1)
          .max(MAX_EVENTS_PER_REPORT, `at most ${MAX_EVENTS_PER_REPORT} events per report`),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      let lastSeq = -1;
      for (const event of input.events) {
        const stored = await appendRenderEvent(ctx, input.renderId, event, {
          leaseNodeId: ctx.node.id,
          ...(event.type === "stage"
            ? { stage: event.stage, progress: overallProgress(event.stage, event.fraction) }
            : {}),
        });
        if (!stored) throw leaseLost(input.renderId);
        lastSeq = stored.seq;
      }
      return { lastSeq };
    }),

  /**
   * Node: gives back a render it claimed but will not work on (it is stopping). The claim did no work, so it does not
   * count as an attempt.
   */
  release: nodeProcedure.input(renderIdInput).mutation(async ({ ctx, input }) => {
    const [released] = await ctx.db
      .update(renders)
      .set({
        status: "queued",
        leaseNodeId: null,
        leaseExpiresAt: null,
        startedAt: null,
        attempt: sql`${renders.attempt} - 1`,
      })
      .where(and(eq(renders.id, input.renderId), eq(renders.leaseNodeId, ctx.node.id), eq(renders.status, "running")))
      .returning();
    if (!released) throw leaseLost(input.renderId);
    await appendRenderEvent(ctx, input.renderId, { type: "queued" });
    await wakeClaimers(ctx, ctx.node.ownerId);
    return publicRender(released);
  }),

  /** Idempotent: completing a render this node already completed returns the same render. */
  complete: nodeProcedure
    .input(
      renderIdInput.extend({
        manifest: artifactManifestSchema,
        timings: z.record(z.string().max(32), z.number().min(0)).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.manifest.renderId !== input.renderId) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `manifest.renderId ${input.manifest.renderId} is not ${input.renderId}`,
        });
      }
      const now = ctx.now();
      const [completed] = await ctx.db
        .update(renders)
        .set({
          status: "succeeded",
          progress: 1,
          artifacts: input.manifest,
          timings: input.timings ?? null,
          finishedAt: now,
          leaseExpiresAt: null,
        })
        .where(
          and(
            eq(renders.id, input.renderId),
            eq(renders.leaseNodeId, ctx.node.id),
            eq(renders.status, "running"),
            gt(renders.leaseExpiresAt, now),
          ),
        )
        .returning();
      if (completed) {
        const durationSeconds = completed.startedAt
          ? (now.getTime() - completed.startedAt.getTime()) / 1000
          : undefined;
        await appendRenderEvent(ctx, input.renderId, {
          type: "succeeded",
          ...(durationSeconds === undefined ? {} : { durationSeconds }),
        });
      }
      const current = await ctx.db.query.renders.findFirst({ where: eq(renders.id, input.renderId) });
      if (current?.status === "succeeded" && current.leaseNodeId === ctx.node.id) return publicRender(current);
      throw leaseLost(input.renderId);
    }),

  /** A failed attempt: back to the queue when `retryable` and attempts remain, else the render fails. */
  fail: nodeProcedure
    .input(
      renderIdInput.extend({
        error: z.object({ code: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/), message: z.string().min(1).max(2000) }),
        retryable: z.boolean(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      const render = await ctx.db.query.renders.findFirst({ where: eq(renders.id, input.renderId) });
      const held =
        render?.status === "running" &&
        render.leaseNodeId === ctx.node.id &&
        (render.leaseExpiresAt?.getTime() ?? 0) > now.getTime();
      if (!render || !held) throw leaseLost(input.renderId);
      const willRetry = input.retryable && render.attempt < render.maxAttempts;
      const [updated] = await ctx.db
        .update(renders)
        .set(
          willRetry
            ? { status: "queued", leaseNodeId: null, leaseExpiresAt: null, error: input.error }
            : { status: "failed", leaseExpiresAt: null, error: input.error, finishedAt: now },
        )
        .where(and(eq(renders.id, input.renderId), eq(renders.leaseNodeId, ctx.node.id), eq(renders.status, "running")))
        .returning();
      if (!updated) throw leaseLost(input.renderId);
      await appendRenderEvent(ctx, input.renderId, { type: "failed", error: input.error, willRetry });
      if (willRetry) await wakeClaimers(ctx, ctx.node.ownerId);
      return publicRender(updated);
    }),
});
