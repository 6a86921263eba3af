/** @module The TONE3000 reference of a library asset, or null for uploads and demo assets. */
import type { Tone3000Reference } from "../contract/index.ts";
import type { AssetRow } from "../db/schema.ts";

export function tone3000ReferenceOf(asset: AssetRow): Tone3000Reference | null {
  if (asset.source !== "tone3000") return null;
  return {
    toneId: Number(asset.tone3000ToneId),
    modelId: Number(asset.tone3000ModelId),
    toneTitle: asset.tone3000ToneTitle ?? asset.name,
    modelName: asset.tone3000ModelName ?? asset.name,
    creator: asset.author ?? "unknown creator",
    licence: asset.licence,
    toneUrl: asset.sourceUrl ?? "https://www.tone3000.com",
  };
}
