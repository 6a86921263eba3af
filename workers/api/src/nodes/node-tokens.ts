/**
 * @module Render-node bearer tokens: random, shown once at creation, stored only as their SHA-256, and recognisable
 * by their prefix (so a leaked one can be found by secret scanners).
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../context.ts";
import { type RenderNodeRow, renderNodes } from "../db/schema.ts";
import { sha256Hex } from "../util/sha256-hex.ts";

export const NODE_TOKEN_PREFIX = "gtsn_";

export function newNodeToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return NODE_TOKEN_PREFIX + [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function hashNodeToken(token: string): Promise<string> {
  return sha256Hex(token);
}

/** The node a bearer token belongs to, or null for an unknown or revoked token. */
export async function nodeForToken(db: Database, authorization: string | null): Promise<RenderNodeRow | null> {
  const token = /^Bearer (gtsn_[0-9a-f]{64})$/.exec(authorization ?? "")?.[1];
  if (!token) return null;
  const tokenHash = await hashNodeToken(token);
  const node = await db.query.renderNodes.findFirst({
    where: and(eq(renderNodes.tokenHash, tokenHash), isNull(renderNodes.revokedAt)),
  });
  return node ?? null;
}
