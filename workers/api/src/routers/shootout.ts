/**
 * @module `shootout`: create and edit comparisons of the creator's own assets, plan their render, and read the
 * shared view of unlisted and public ones. Another user's private shootout is reported as not found.
 */
import { TRPCError } from "@trpc/server";
import { and, desc, eq, inArray, max } from "drizzle-orm";
import { z } from "zod";
import { MAX_TITLE_CHARS, shootoutSpecSchema } from "../contract/index.ts";
import { type AssetRow, chains, renders, shootouts, users } from "../db/schema.ts";
import { freezeRenderSpec } from "../renders/freeze-render-spec.ts";
import { ownedShootout, ownerView, shootoutAssets } from "../shootouts/owned-shootout.ts";
import { planShootout } from "../shootouts/plan-shootout.ts";
import { type LoadedShootout, readShootout } from "../shootouts/read-shootout.ts";
import { resolveShootoutAssets } from "../shootouts/resolve-shootout-assets.ts";
import { sharedRender, sharedShootout } from "../shootouts/shared-shootout.ts";
import { writeShootout } from "../shootouts/write-shootout.ts";
import { authedProcedure, publicProcedure, router } from "../trpc.ts";
import { afterCursor, decodeCursor, encodeCursor } from "./keyset-cursor.ts";

export const MAX_SHOOTOUTS_PER_PAGE = 100;
export const MAX_PUBLIC_LISTED = 24;
const idInput = z.object({ id: z.string().min(1).max(64) });

export const shootoutRouter = router({
  create: authedProcedure.input(shootoutSpecSchema).mutation(async ({ ctx, input }) => {
    await resolveShootoutAssets(ctx.db, ctx.user.id, input);
    const id = crypto.randomUUID();
    await writeShootout(ctx.db, { id, ownerId: ctx.user.id, now: ctx.now(), isNew: true }, input);
    return ownerView(await ownedShootout(ctx.db, ctx.user.id, id));
  }),

  update: authedProcedure.input(idInput.extend({ spec: shootoutSpecSchema })).mutation(async ({ ctx, input }) => {
    await ownedShootout(ctx.db, ctx.user.id, input.id);
    await resolveShootoutAssets(ctx.db, ctx.user.id, input.spec);
    await writeShootout(ctx.db, { id: input.id, ownerId: ctx.user.id, now: ctx.now(), isNew: false }, input.spec);
    return ownerView(await ownedShootout(ctx.db, ctx.user.id, input.id));
  }),

  get: authedProcedure
    .input(idInput)
    .query(async ({ ctx, input }) => ownerView(await ownedShootout(ctx.db, ctx.user.id, input.id))),

  list: authedProcedure
    .input(
      z.object({
        limit: z
          .number()
          .int()
          .min(1)
          .max(MAX_SHOOTOUTS_PER_PAGE, `limit must be at most ${MAX_SHOOTOUTS_PER_PAGE}`)
          .default(50),
        cursor: z.string().max(100).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const after = decodeCursor(input.cursor);
      const rows = await ctx.db
        .select({
          id: shootouts.id,
          title: shootouts.title,
          visibility: shootouts.visibility,
          updatedAt: shootouts.updatedAt,
        })
        .from(shootouts)
        .where(and(eq(shootouts.ownerId, ctx.user.id), afterCursor(after, shootouts.updatedAt, shootouts.id)))
        .orderBy(desc(shootouts.updatedAt), desc(shootouts.id))
        .limit(input.limit + 1);
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return {
        items: page,
        nextCursor: rows.length > input.limit && last ? encodeCursor(last.updatedAt, last.id) : null,
      };
    }),

  duplicate: authedProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const original = await ownedShootout(ctx.db, ctx.user.id, input.id);
    const suffix = " (copy)";
    const spec = {
      ...original.spec,
      title: original.spec.title.slice(0, MAX_TITLE_CHARS - suffix.length) + suffix,
      visibility: "private" as const,
    };
    const id = crypto.randomUUID();
    await writeShootout(ctx.db, { id, ownerId: ctx.user.id, now: ctx.now(), isNew: true }, spec);
    return ownerView(await ownedShootout(ctx.db, ctx.user.id, id));
  }),

  delete: authedProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    await ownedShootout(ctx.db, ctx.user.id, input.id);
    await ctx.db.delete(shootouts).where(eq(shootouts.id, input.id));
    return { deleted: input.id };
  }),

  /**
   * The segment matrix, the estimated program length and warnings, before anything is rendered; `renderSpecHash` is
   * the spec hash a render submitted now would carry (null where the shootout cannot be frozen as it is), so a page
   * can tell whether a finished render still shows the shootout as it is now.
   */
  plan: authedProcedure.input(idInput).query(async ({ ctx, input }) => {
    const loaded = await ownedShootout(ctx.db, ctx.user.id, input.id);
    const assets = await shootoutAssets(ctx.db, loaded);
    return { ...planShootout(loaded.spec, assets), renderSpecHash: await renderSpecHashNow(loaded, assets) };
  }),

  /**
   * Public shootouts with a finished render, newest render first: the landing page's examples. Unlisted ones are
   * never listed (their link is the only way in).
   */
  listPublic: publicProcedure
    .input(
      z.object({
        limit: z.number().int().min(1).max(MAX_PUBLIC_LISTED, `limit must be at most ${MAX_PUBLIC_LISTED}`).default(6),
      }),
    )
    .query(async ({ ctx, input }) => {
      const finishedAt = max(renders.finishedAt);
      const rows = await ctx.db
        .select({
          id: shootouts.id,
          title: shootouts.title,
          description: shootouts.description,
          creator: users.displayName,
          finishedAt,
        })
        .from(shootouts)
        .innerJoin(renders, and(eq(renders.shootoutId, shootouts.id), eq(renders.status, "succeeded")))
        .innerJoin(users, eq(users.id, shootouts.ownerId))
        .where(eq(shootouts.visibility, "public"))
        .groupBy(shootouts.id)
        .orderBy(desc(finishedAt))
        .limit(input.limit);
      const chainRows = rows.length
        ? await ctx.db
            .select({ shootoutId: chains.shootoutId, name: chains.name, colour: chains.colour })
            .from(chains)
            .where(
              inArray(
                chains.shootoutId,
                rows.map((r) => r.id),
              ),
            )
            .orderBy(chains.shootoutId, chains.position)
        : [];
      return rows.map((row) => ({
        ...row,
        chains: chainRows.filter((c) => c.shootoutId === row.id).map(({ name, colour }) => ({ name, colour })),
      }));
    }),

  /** The shared view of an unlisted or public shootout, for anyone with its link. */
  getShared: publicProcedure.input(idInput).query(async ({ ctx, input }) => {
    const loaded = await readShootout(ctx.db, input.id);
    if (!loaded || loaded.spec.visibility === "private") {
      throw new TRPCError({ code: "NOT_FOUND", message: `no shootout ${input.id}` });
    }
    const creator = await ctx.db.query.users.findFirst({ where: eq(users.id, loaded.row.ownerId) });
    const [latest] = await ctx.db
      .select({ id: renders.id, finishedAt: renders.finishedAt, artifacts: renders.artifacts })
      .from(renders)
      .where(and(eq(renders.shootoutId, input.id), eq(renders.status, "succeeded")))
      .orderBy(desc(renders.finishedAt))
      .limit(1);
    return {
      ...sharedShootout(loaded, await shootoutAssets(ctx.db, loaded), creator?.displayName ?? ""),
      latestRender: latest?.artifacts ? sharedRender(latest.id, latest.finishedAt, latest.artifacts) : null,
    };
  }),
});

/** The hash the render spec frozen from the shootout now would have (it leaves the render id out), or null. */
async function renderSpecHashNow(
  loaded: LoadedShootout,
  assets: ReadonlyMap<string, AssetRow>,
): Promise<string | null> {
  try {
    return (await freezeRenderSpec(crypto.randomUUID(), loaded, assets)).specHash;
  } catch {
    // A missing asset or a riff past its DI's end: such a shootout cannot be rendered, so no render shows it.
    return null;
  }
}
