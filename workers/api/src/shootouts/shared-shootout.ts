/**
 * @module What anyone with the link sees of an unlisted or public shootout: titles, chains and the attribution of
 * their captures and IRs. No emails, no asset ids or download paths, nothing only the owner should see.
 */
import type { ArtifactManifest, ChainBlock } from "../contract/index.ts";
import type { AssetRow } from "../db/schema.ts";
import { tone3000ReferenceOf } from "../tone3000/tone3000-reference-of.ts";
import type { LoadedShootout } from "./read-shootout.ts";

export function sharedShootout(loaded: LoadedShootout, assetsById: ReadonlyMap<string, AssetRow>, creatorName: string) {
  const { row, spec } = loaded;
  return {
    id: row.id,
    title: spec.title,
    description: spec.description,
    visibility: spec.visibility,
    creator: creatorName,
    arrangement: spec.arrangement,
    updatedAt: row.updatedAt,
    diTracks: spec.diTracks.map((track) => {
      const asset = assetsById.get(track.assetId);
      return {
        name: asset?.name ?? "DI",
        channel: track.channel,
        riffs: track.riffs,
        durationSeconds: asset?.metadata.kind === "audio" ? asset.metadata.durationSeconds : null,
      };
    }),
    chains: spec.chains.map((chain) => ({
      name: chain.name,
      colour: chain.colour,
      blocks: chain.blocks.map((block) => sharedBlock(block, assetsById)),
    })),
  };
}

function sharedBlock(block: ChainBlock, assetsById: ReadonlyMap<string, AssetRow>) {
  if (block.type !== "capture" && block.type !== "ir") return block;
  const { assetId, ...settings } = block;
  const asset = assetsById.get(assetId);
  return {
    ...settings,
    asset: {
      name: asset?.name ?? "(removed)",
      author: asset?.author ?? null,
      licence: asset?.licence ?? null,
      sourceUrl: asset?.sourceUrl ?? null,
      architecture: asset?.metadata.kind === "capture" ? asset.metadata.facts.architecture : null,
      tone3000: asset ? tone3000ReferenceOf(asset) : null,
    },
  };
}

export type SharedShootout = ReturnType<typeof sharedShootout>;

/** The newest finished render as the share page plays it: cues, per-segment loudness and artifact download paths. */
export function sharedRender(renderId: string, finishedAt: Date | null, manifest: ArtifactManifest) {
  return {
    id: renderId,
    finishedAt,
    cues: manifest.cues,
    loudness: manifest.loudness,
    artifacts: manifest.artifacts.map(({ name, kind, contentType, bytes, chainIndex }) => ({
      name,
      kind,
      contentType,
      bytes,
      ...(chainIndex === undefined ? {} : { chainIndex }),
      downloadPath: `/files/renders/${renderId}/artifacts/${encodeURIComponent(name)}`,
    })),
  };
}
