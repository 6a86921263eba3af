/**
 * @module Loads a shootout with its DI tracks and chains in order, as the contract's spec plus its ids and times.
 */
import { asc, eq } from "drizzle-orm";
import type { Database } from "../context.ts";
import type { ShootoutSpec } from "../contract/index.ts";
import { chains, type ShootoutRow, shootoutDiTracks, shootouts } from "../db/schema.ts";

export interface LoadedShootout {
  row: ShootoutRow;
  spec: ShootoutSpec;
}

export async function readShootout(db: Database, id: string): Promise<LoadedShootout | null> {
  const [rows, tracks, chainRows] = await db.batch([
    db.select().from(shootouts).where(eq(shootouts.id, id)),
    db
      .select()
      .from(shootoutDiTracks)
      .where(eq(shootoutDiTracks.shootoutId, id))
      .orderBy(asc(shootoutDiTracks.position)),
    db.select().from(chains).where(eq(chains.shootoutId, id)).orderBy(asc(chains.position)),
  ]);
  const row = rows[0];
  if (!row) return null;
  return {
    row,
    spec: {
      title: row.title,
      description: row.description,
      visibility: row.visibility,
      arrangement: row.arrangement,
      diTracks: tracks.map(({ assetId, channel, riffs }) => ({ assetId, channel, riffs })),
      chains: chainRows.map(({ name, colour, blocks }) => ({ name, colour, blocks })),
    },
  };
}
