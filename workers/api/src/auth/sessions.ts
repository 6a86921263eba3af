/**
 * @module Sessions backed by the `sessions` table. The cookie carries a random token; the table stores only its
 * SHA-256, so a leaked table cannot be replayed. Sessions older than a day are rotated on use: a new token is
 * issued and the old one keeps working for a minute, so requests already in flight do not fail.
 */
import { and, eq, gt, lt } from "drizzle-orm";
import type { Database } from "../context.ts";
import { sessions, type UserRow, users } from "../db/schema.ts";
import { sha256Hex } from "../util/sha256-hex.ts";
import { SESSION_TTL_MS } from "./session-cookie.ts";

export const SESSION_ROTATE_AFTER_MS = 24 * 60 * 60 * 1000;
export const SESSION_ROTATION_GRACE_MS = 60 * 1000;

export interface ResolvedSession {
  user: UserRow;
  idHash: string;
  /** True when the caller should be given a fresh token (see `rotateSession`). */
  shouldRotate: boolean;
}

export async function createSession(
  db: Database,
  userId: string,
  options: { now: Date; userAgent?: string | null },
): Promise<string> {
  const token = randomToken();
  await db.insert(sessions).values({
    idHash: await sha256Hex(token),
    userId,
    createdAt: options.now,
    expiresAt: new Date(options.now.getTime() + SESSION_TTL_MS),
    userAgent: options.userAgent?.slice(0, 200) ?? null,
  });
  return token;
}

export async function resolveSession(db: Database, token: string, now: Date): Promise<ResolvedSession | null> {
  const idHash = await sha256Hex(token);
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now)));
  if (!row) return null;
  const { rotatedAt, createdAt } = row.session;
  if (rotatedAt && now.getTime() - rotatedAt.getTime() > SESSION_ROTATION_GRACE_MS) return null;
  const shouldRotate = !rotatedAt && now.getTime() - createdAt.getTime() > SESSION_ROTATE_AFTER_MS;
  return { user: row.user, idHash, shouldRotate };
}

/** Issues a new token for the same user and marks the old session as rotated (valid for the grace period). */
export async function rotateSession(
  db: Database,
  session: ResolvedSession,
  options: { now: Date; userAgent?: string | null },
): Promise<string> {
  const token = await createSession(db, session.user.id, options);
  await db.update(sessions).set({ rotatedAt: options.now }).where(eq(sessions.idHash, session.idHash));
  return token;
}

export async function destroySession(db: Database, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** Expired sessions are deleted lazily, a few at a time, on sign-in. */
export async function pruneExpiredSessions(db: Database, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}
