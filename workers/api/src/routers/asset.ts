/**
 * @module `asset`: the signed-in creator's library of DIs, captures and IRs. Uploads and downloads stream over
 * plain HTTP (routes/files.ts); this router lists, reads, renames and deletes. Another user's asset is reported as
 * not found, exactly like a missing one.
 */
import { TRPCError } from "@trpc/server";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { publicAsset } from "../assets/public-asset.ts";
import { shootoutsUsingAsset } from "../assets/shootouts-using-asset.ts";
import { storedBytesOf } from "../assets/stored-bytes-of.ts";
import type { Database } from "../context.ts";
import { assetKindSchema } from "../contract/index.ts";
import { assets } from "../db/schema.ts";
import { authedProcedure, router } from "../trpc.ts";
import { afterCursor, decodeCursor, encodeCursor } from "./keyset-cursor.ts";

export const MAX_ASSETS_PER_PAGE = 100;
const idInput = z.object({ id: z.string().min(1).max(64) });

async function ownedAsset(db: Database, ownerId: string, id: string) {
  const asset = await db.query.assets.findFirst({ where: and(eq(assets.id, id), eq(assets.ownerId, ownerId)) });
  if (!asset) throw new TRPCError({ code: "NOT_FOUND", message: `no asset ${id}` });
  return asset;
}

export const assetRouter = router({
  list: authedProcedure
    .input(
      z.object({
        kind: assetKindSchema.optional(),
        /** Lets a client skip uploading bytes the library already holds (stored uploads only, not references). */
        sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/, "sha256 must be 64 lowercase hex digits")
          .optional(),
        limit: z
          .number()
          .int()
          .min(1)
          .max(MAX_ASSETS_PER_PAGE, `limit must be at most ${MAX_ASSETS_PER_PAGE}`)
          .default(50),
        cursor: z.string().max(100).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const after = decodeCursor(input.cursor);
      const rows = await ctx.db
        .select()
        .from(assets)
        .where(
          and(
            eq(assets.ownerId, ctx.user.id),
            input.kind ? eq(assets.kind, input.kind) : undefined,
            input.sha256 ? storedBytesOf(ctx.user.id, input.sha256) : undefined,
            afterCursor(after, assets.createdAt, assets.id),
          ),
        )
        .orderBy(desc(assets.createdAt), desc(assets.id))
        .limit(input.limit + 1);
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return {
        items: page.map(publicAsset),
        nextCursor: rows.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null,
      };
    }),

  get: authedProcedure
    .input(idInput)
    .query(async ({ ctx, input }) => publicAsset(await ownedAsset(ctx.db, ctx.user.id, input.id))),

  rename: authedProcedure
    .input(
      idInput.extend({
        name: z.string().trim().min(1, "name is required").max(120, "name must be at most 120 characters"),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await ownedAsset(ctx.db, ctx.user.id, input.id);
      const [renamed] = await ctx.db
        .update(assets)
        .set({ name: input.name, updatedAt: ctx.now() })
        .where(and(eq(assets.id, input.id), eq(assets.ownerId, ctx.user.id)))
        .returning();
      if (!renamed) throw new TRPCError({ code: "NOT_FOUND", message: `no asset ${input.id}` });
      return publicAsset(renamed);
    }),

  delete: authedProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const asset = await ownedAsset(ctx.db, ctx.user.id, input.id);
    const users = await shootoutsUsingAsset(ctx.db, asset.id);
    if (users.length > 0) {
      const named = users
        .slice(0, 3)
        .map((s) => `"${s.title}"`)
        .join(", ");
      const more = users.length > 3 ? ` and ${users.length - 3} more` : "";
      throw new TRPCError({
        code: "CONFLICT",
        message: `"${asset.name}" is used by shootout${users.length === 1 ? "" : "s"} ${named}${more}: remove it there first`,
      });
    }
    await ctx.db.delete(assets).where(eq(assets.id, asset.id));
    // One row per (owner, sha256), so no other asset shares this object.
    if (asset.r2Key) await ctx.media.delete(asset.r2Key);
    return { deleted: asset.id };
  }),
});
