/**
 * @module Loading a shootout on behalf of its owner (another user's is "not found"), its assets, and the owner's view.
 */
import { TRPCError } from "@trpc/server";
import { inArray } from "drizzle-orm";
import type { Database } from "../context.ts";
import { assets } from "../db/schema.ts";
import { type LoadedShootout, readShootout } from "./read-shootout.ts";

export async function ownedShootout(db: Database, ownerId: string, id: string): Promise<LoadedShootout> {
  const loaded = await readShootout(db, id);
  if (!loaded || loaded.row.ownerId !== ownerId)
    throw new TRPCError({ code: "NOT_FOUND", message: `no shootout ${id}` });
  return loaded;
}

export function ownerView(loaded: LoadedShootout) {
  return { id: loaded.row.id, ...loaded.spec, createdAt: loaded.row.createdAt, updatedAt: loaded.row.updatedAt };
}

export async function shootoutAssets(db: Database, loaded: LoadedShootout) {
  const ids = [
    ...loaded.spec.diTracks.map((t) => t.assetId),
    ...loaded.spec.chains.flatMap((c) =>
      c.blocks.flatMap((b) => (b.type === "capture" || b.type === "ir" ? [b.assetId] : [])),
    ),
  ];
  const rows = ids.length
    ? await db
        .select()
        .from(assets)
        .where(inArray(assets.id, [...new Set(ids)]))
    : [];
  return new Map(rows.map((row) => [row.id, row]));
}
