/**
 * @module Throttling of failed sign-ins: at most 5 per account and 20 per client address in 15 minutes. Counting
 * failures (not attempts) means a user who types the password right is never slowed down.
 */
import { and, count, eq, gt, lt, sql } from "drizzle-orm";
import type { Database } from "../context.ts";
import { signInFailures } from "../db/schema.ts";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

export function throttleKeys(email: string, ip: string | null): { emailKey: string; ipKey: string | null } {
  return { emailKey: `email:${email}`, ipKey: ip ? `ip:${ip}` : null };
}

/** Minutes until the caller may try again, or null when not throttled. */
export async function signInBlockedForMinutes(
  db: Database,
  keys: { emailKey: string; ipKey: string | null },
  now: Date,
): Promise<number | null> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  for (const [key, limit] of [
    [keys.emailKey, MAX_FAILURES_PER_EMAIL],
    [keys.ipKey, MAX_FAILURES_PER_IP],
  ] as const) {
    if (!key) continue;
    const [row] = await db
      .select({ n: count(), oldestMs: sql<number>`min(${signInFailures.failedAt})` })
      .from(signInFailures)
      .where(and(eq(signInFailures.key, key), gt(signInFailures.failedAt, since)));
    if (row && row.n >= limit) {
      // The oldest failure in the window is the first to expire and free a try.
      const waitMs = row.oldestMs + SIGN_IN_WINDOW_MS - now.getTime();
      return Math.max(1, Math.ceil(waitMs / 60_000));
    }
  }
  return null;
}

export async function recordSignInFailure(
  db: Database,
  keys: { emailKey: string; ipKey: string | null },
  now: Date,
): Promise<void> {
  const rows = [keys.emailKey, keys.ipKey]
    .filter((k): k is string => k !== null)
    .map((key) => ({ key, failedAt: now }));
  await db.insert(signInFailures).values(rows);
  await db.delete(signInFailures).where(lt(signInFailures.failedAt, new Date(now.getTime() - SIGN_IN_WINDOW_MS)));
}

export async function clearSignInFailures(db: Database, emailKey: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.key, emailKey));
}
