/**
 * @module Which shootouts use an asset, as a DI track or in a chain block: the reason a delete is refused.
 */
import { eq } from "drizzle-orm";
import type { Database } from "../context.ts";
import { chainAssetRefs, chains, shootoutDiTracks, shootouts } from "../db/schema.ts";

export async function shootoutsUsingAsset(db: Database, assetId: string): Promise<{ id: string; title: string }[]> {
  const [asDi, inChains] = await db.batch([
    db
      .selectDistinct({ id: shootouts.id, title: shootouts.title })
      .from(shootoutDiTracks)
      .innerJoin(shootouts, eq(shootouts.id, shootoutDiTracks.shootoutId))
      .where(eq(shootoutDiTracks.assetId, assetId)),
    db
      .selectDistinct({ id: shootouts.id, title: shootouts.title })
      .from(chainAssetRefs)
      .innerJoin(chains, eq(chains.id, chainAssetRefs.chainId))
      .innerJoin(shootouts, eq(shootouts.id, chains.shootoutId))
      .where(eq(chainAssetRefs.assetId, assetId)),
  ]);
  const byId = new Map([...asDi, ...inChains].map((s) => [s.id, s]));
  return [...byId.values()];
}
