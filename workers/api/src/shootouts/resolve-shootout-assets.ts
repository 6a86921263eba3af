/**
 * @module Checks that every asset a shootout names belongs to its creator and is of the kind its place needs (a DI
 * track needs a DI, a capture block a capture, an IR block an IR), and that riffs fit inside their DI. Errors name
 * the field path, e.g. `chains[1].blocks[0].assetId`.
 */
import { TRPCError } from "@trpc/server";
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../context.ts";
import { type AssetKind, checkRiffsWithinDuration, type ShootoutSpec } from "../contract/index.ts";
import { type AssetRow, assets } from "../db/schema.ts";

export async function resolveShootoutAssets(
  db: Database,
  ownerId: string,
  spec: ShootoutSpec,
): Promise<Map<string, AssetRow>> {
  const wanted: Array<{ path: string; assetId: string; kind: AssetKind }> = [
    ...spec.diTracks.map((track, i) => ({
      path: `diTracks[${i}].assetId`,
      assetId: track.assetId,
      kind: "di" as const,
    })),
    ...spec.chains.flatMap((chain, c) =>
      chain.blocks.flatMap((block, b) =>
        block.type === "capture" || block.type === "ir"
          ? [{ path: `chains[${c}].blocks[${b}].assetId`, assetId: block.assetId, kind: block.type }]
          : [],
      ),
    ),
  ];
  const ids = [...new Set(wanted.map((w) => w.assetId))];
  const rows = ids.length
    ? await db
        .select()
        .from(assets)
        .where(and(eq(assets.ownerId, ownerId), inArray(assets.id, ids)))
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const { path, assetId, kind } of wanted) {
    const asset = byId.get(assetId);
    if (!asset) throw invalid(`${path}: no asset ${assetId} in your library`);
    if (asset.kind !== kind) throw invalid(`${path}: "${asset.name}" is a ${asset.kind}, a ${kind} is needed here`);
  }
  for (const [i, track] of spec.diTracks.entries()) {
    const metadata = byId.get(track.assetId)?.metadata;
    if (metadata?.kind !== "audio") continue;
    const problem = checkRiffsWithinDuration(track.riffs, metadata.durationSeconds);
    if (problem) throw invalid(`diTracks[${i}].${problem}`);
    if (track.channel === "right" && metadata.channels < 2) {
      throw invalid(`diTracks[${i}].channel: "right" chosen but the DI is mono`);
    }
  }
  return byId;
}

function invalid(message: string): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message });
}
