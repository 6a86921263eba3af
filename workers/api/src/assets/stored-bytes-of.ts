/** @module The condition for the owner's stored copy of some bytes (a TONE3000 reference with the same bytes holds none). */
import { and, eq, ne } from "drizzle-orm";
import { assets } from "../db/schema.ts";

export function storedBytesOf(ownerId: string, sha256: string) {
  return and(eq(assets.ownerId, ownerId), eq(assets.sha256, sha256), ne(assets.source, "tone3000"));
}
