/**
 * @module Request context for tRPC procedures: the database and bucket, built once per request.
 */
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./db/schema.ts";

export type Database = ReturnType<typeof createDatabase>;

export function createDatabase(d1: D1Database) {
  return drizzle(d1, { schema });
}

/** What procedures see. `createContextInner` exists so tests can call procedures without an HTTP request. */
export interface Context {
  db: Database;
  media: R2Bucket;
}

export function createContextInner(env: { DB: D1Database; MEDIA: R2Bucket }): Context {
  return { db: createDatabase(env.DB), media: env.MEDIA };
}
