/**
 * @module Writes a shootout's tracks, chains and asset references, replacing what it had, in one D1 batch (a batch is
 * one transaction, so a failed write leaves the previous version whole).
 */
import { eq } from "drizzle-orm";
import type { Database } from "../context.ts";
import type { ShootoutSpec } from "../contract/index.ts";
import { chainAssetRefs, chains, shootoutDiTracks, shootouts } from "../db/schema.ts";

export async function writeShootout(
  db: Database,
  shootout: { id: string; ownerId: string; now: Date; isNew: boolean },
  spec: ShootoutSpec,
): Promise<void> {
  const { id, now } = shootout;
  const header = {
    title: spec.title,
    description: spec.description,
    visibility: spec.visibility,
    arrangement: spec.arrangement,
    updatedAt: now,
  };
  const chainRows = spec.chains.map((chain, position) => ({
    id: crypto.randomUUID(),
    shootoutId: id,
    position,
    ...chain,
  }));
  const refs = chainRows.flatMap((chain) =>
    [...new Set(chain.blocks.flatMap((b) => (b.type === "capture" || b.type === "ir" ? [b.assetId] : [])))].map(
      (assetId) => ({ chainId: chain.id, assetId }),
    ),
  );
  await db.batch([
    shootout.isNew
      ? db.insert(shootouts).values({ id, ownerId: shootout.ownerId, createdAt: now, ...header })
      : db.update(shootouts).set(header).where(eq(shootouts.id, id)),
    db.delete(shootoutDiTracks).where(eq(shootoutDiTracks.shootoutId, id)),
    db.delete(chains).where(eq(chains.shootoutId, id)),
    ...spec.diTracks.map((track, position) =>
      db.insert(shootoutDiTracks).values({ id: crypto.randomUUID(), shootoutId: id, position, ...track }),
    ),
    ...chainRows.map((row) => db.insert(chains).values(row)),
    ...(refs.length ? [db.insert(chainAssetRefs).values(refs)] : []),
  ]);
}
