/**
 * @module `tone3000`: the signed-in user's TONE3000 connection, search and tone detail (through their token), and
 * importing a model into the library as a reference. Sign-in and linking are redirects (routes/tone3000-auth.ts).
 */
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { publicAsset } from "../assets/public-asset.ts";
import type { Context } from "../context.ts";
import {
  TONE3000_ARCHITECTURES,
  TONE3000_FORMATS,
  TONE3000_GEARS,
  TONE3000_PAGE_SIZE_LIMITS,
  TONE3000_SIZES,
  TONE3000_SORTS,
} from "../contract/index.ts";
import { assets, tone3000Accounts, users } from "../db/schema.ts";
import { importTone3000Model } from "../tone3000/import-tone3000-model.ts";
import { presentModel, presentTone } from "../tone3000/present-tone.ts";
import { getTone3000Tone, listTone3000Models, searchTone3000Tones } from "../tone3000/tone3000-api.ts";
import { answeringTone3000Errors, Tone3000Error } from "../tone3000/tone3000-error.ts";
import { type Tone3000Store, withTone3000Token } from "../tone3000/tone3000-session.ts";
import { authedProcedure, publicProcedure, router } from "../trpc.ts";

const toneIdSchema = z.number({ error: "toneId must be a number" }).int().positive();

function storeOf(ctx: Context): Tone3000Store {
  if ("disabled" in ctx.tone3000) throw new Tone3000Error("NOT_CONFIGURED", ctx.tone3000.disabled);
  return { db: ctx.db, config: ctx.tone3000, now: ctx.now };
}

export const tone3000Router = router({
  /** Whether TONE3000 is available here, whether it is the local stand-in, and the user's connection. */
  status: publicProcedure.query(async ({ ctx }) => {
    const available = !("disabled" in ctx.tone3000);
    const session = await ctx.session();
    const account = session
      ? await ctx.db.query.tone3000Accounts.findFirst({ where: eq(tone3000Accounts.userId, session.user.id) })
      : undefined;
    return {
      available,
      unavailableReason: "disabled" in ctx.tone3000 ? ctx.tone3000.disabled : null,
      localStandIn: available && !("disabled" in ctx.tone3000) && ctx.tone3000.localStandIn,
      account: account
        ? {
            username: account.username,
            name: account.displayName || account.username,
            avatarUrl: account.avatarUrl,
            needsReauth: account.accessTokenEnc === null,
          }
        : null,
    };
  }),

  search: authedProcedure
    .input(
      z.object({
        query: z.string().trim().max(200, "query must be at most 200 characters").optional(),
        gears: z.array(z.enum(TONE3000_GEARS)).max(TONE3000_GEARS.length).optional(),
        format: z.enum(TONE3000_FORMATS).optional(),
        architecture: z.enum(TONE3000_ARCHITECTURES).optional(),
        sizes: z.array(z.enum(TONE3000_SIZES)).max(TONE3000_SIZES.length).optional(),
        sort: z.enum(TONE3000_SORTS).optional(),
        page: z.number().int().min(1).max(1000).default(1),
        pageSize: z
          .number()
          .int()
          .min(1)
          .max(TONE3000_PAGE_SIZE_LIMITS.search, `pageSize must be at most ${TONE3000_PAGE_SIZE_LIMITS.search}`)
          .default(10),
      }),
    )
    .query(({ ctx, input }) =>
      answeringTone3000Errors(async () => {
        const store = storeOf(ctx);
        const page = await withTone3000Token(store, ctx.user.id, (token) =>
          searchTone3000Tones(store.config, token, input),
        );
        return {
          items: page.data.map(presentTone),
          page: page.page,
          // TONE3000 may clamp the page size: the answer says what it used.
          pageSize: page.page_size,
          total: page.total,
          totalPages: page.total_pages,
        };
      }),
    ),

  /** A tone with all its models, each marked with the library asset already imported from it. */
  tone: authedProcedure.input(z.object({ toneId: toneIdSchema })).query(({ ctx, input }) =>
    answeringTone3000Errors(async () => {
      const store = storeOf(ctx);
      const { tone, models } = await withTone3000Token(store, ctx.user.id, async (token) => {
        const tone = await getTone3000Tone(store.config, token, input.toneId);
        return { tone, models: await listTone3000Models(store.config, token, tone) };
      });
      const imported = models.length
        ? await ctx.db
            .select({ id: assets.id, modelId: assets.tone3000ModelId })
            .from(assets)
            .where(
              and(
                eq(assets.ownerId, ctx.user.id),
                inArray(
                  assets.tone3000ModelId,
                  models.map((m) => String(m.id)),
                ),
              ),
            )
        : [];
      const assetOf = new Map(imported.map((row) => [row.modelId, row.id]));
      return {
        tone: presentTone(tone),
        models: models.map((model) => presentModel(model, assetOf.get(String(model.id)) ?? null)),
      };
    }),
  ),

  importModel: authedProcedure
    .input(
      z.object({ toneId: toneIdSchema, modelId: z.number({ error: "modelId must be a number" }).int().positive() }),
    )
    .mutation(({ ctx, input }) =>
      answeringTone3000Errors(async () => {
        const { asset, deduplicated } = await importTone3000Model(storeOf(ctx), ctx.user.id, input);
        return { asset: publicAsset(asset), deduplicated };
      }),
    ),

  /**
   * Disconnects TONE3000: the stored tokens are deleted. Refused for an account that can only sign in with TONE3000
   * (it would lock the user out). Library references stay, but cannot render until TONE3000 is connected again.
   */
  unlink: authedProcedure.mutation(async ({ ctx }) => {
    if (ctx.user.passwordHash === null) {
      throw new Tone3000Error(
        "BAD_REQUEST",
        "This account signs in only with TONE3000, so it cannot be disconnected from it.",
      ).toTrpc();
    }
    await ctx.db.delete(tone3000Accounts).where(eq(tone3000Accounts.userId, ctx.user.id));
    await ctx.db.update(users).set({ tone3000UserId: null }).where(eq(users.id, ctx.user.id));
    return { unlinked: true };
  }),
});
