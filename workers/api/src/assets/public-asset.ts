/**
 * @module What the api shows of an asset: everything but the storage key, with the TONE3000
 * reference and licence warning of imported models. `downloadPath` is only for the owner.
 */
import { licenceWarning } from "../contract/index.ts";
import type { AssetRow } from "../db/schema.ts";
import { tone3000ReferenceOf } from "../tone3000/tone3000-reference-of.ts";

export function publicAsset(asset: AssetRow) {
  const { r2Key: _r2Key, ownerId: _ownerId, ...rest } = asset;
  const tone3000 = tone3000ReferenceOf(asset);
  return {
    ...rest,
    tone3000,
    licenceWarning: tone3000 ? licenceWarning(tone3000.licence) : null,
    // TONE3000 models are used by reference and never re-hosted, so there is nothing of ours to download.
    downloadPath: tone3000 ? null : `/files/assets/${asset.id}`,
  };
}

export type PublicAsset = ReturnType<typeof publicAsset>;
