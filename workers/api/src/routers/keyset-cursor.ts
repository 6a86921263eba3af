/**
 * @module Keyset paging cursors "timeMs.id" for lists ordered by a time column then id, newest first: stable under
 * inserts, unlike an offset. The page query keeps rows strictly after the cursor's (time, id).
 */
import { TRPCError } from "@trpc/server";
import { and, eq, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

export interface KeysetCursor {
  at: Date;
  id: string;
}

export function encodeCursor(at: Date, id: string): string {
  return `${at.getTime()}.${id}`;
}

export function decodeCursor(cursor: string | undefined): KeysetCursor | null {
  if (!cursor) return null;
  const match = /^(\d{1,15})\.([0-9A-Za-z_-]{1,64})$/.exec(cursor);
  if (!match?.[1] || !match[2])
    throw new TRPCError({ code: "BAD_REQUEST", message: "cursor is not one this api returned" });
  return { at: new Date(Number(match[1])), id: match[2] };
}

/** The condition for rows after the cursor in (time desc, id desc) order; undefined for the first page. */
export function afterCursor(
  cursor: KeysetCursor | null,
  timeColumn: SQLiteColumn,
  idColumn: SQLiteColumn,
): SQL | undefined {
  if (!cursor) return undefined;
  return or(lt(timeColumn, cursor.at), and(eq(timeColumn, cursor.at), lt(idColumn, cursor.id)));
}
