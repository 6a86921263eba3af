/**
 * @module What the api shows of an asset: everything but the storage key. `downloadPath` is only for the owner.
 */
import type { AssetRow } from "../db/schema.ts";

export function publicAsset(asset: AssetRow) {
  const { r2Key: _r2Key, ownerId: _ownerId, ...rest } = asset;
  return { ...rest, downloadPath: `/files/assets/${asset.id}` };
}

export type PublicAsset = ReturnType<typeof publicAsset>;
