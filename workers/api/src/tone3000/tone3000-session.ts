/**
 * @module The user's TONE3000 session kept by the api: tokens stored encrypted, an access token handed out while
 * valid, and refreshes serialised per user. TONE3000 rotates refresh tokens (each refresh spends the previous one),
 * so two requests refreshing at once would leave one holding a spent token and log the user out. A refresh first
 * takes a short lock on the account row (one conditional UPDATE, atomic in D1 across isolates); others wait until
 * the token generation moves on and use the pair the winner stored.
 */
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../context.ts";
import type { Tone3000Tokens, Tone3000User } from "../contract/index.ts";
import { type Tone3000AccountRow, tone3000Accounts } from "../db/schema.ts";
import { decryptToken, encryptToken } from "./token-cipher.ts";
import type { Tone3000Config } from "./tone3000-config.ts";
import { Tone3000Error } from "./tone3000-error.ts";
import { Tone3000Unauthorized } from "./tone3000-http.ts";
import { refreshTokens } from "./tone3000-oauth.ts";

/** Refresh this long before expiry, as the reference clients do. */
const REFRESH_MARGIN_MS = 60_000;
/** A refresh holding the lock longer than this is presumed dead (its Worker was stopped); another may take over. */
const REFRESH_LOCK_MS = 15_000;
const WAIT_POLL_MS = 100;

export interface Tone3000Store {
  db: Database;
  config: Tone3000Config;
  now: () => Date;
}

const bound = (userId: string, which: "access" | "refresh") => `tone3000:${which}:${userId}`;

/** Stores a fresh pair (after sign-in or a refresh) with the profile it belongs to; clears any refresh lock. */
export async function saveTone3000Tokens(
  store: Tone3000Store,
  userId: string,
  tokens: Tone3000Tokens,
  profile?: Tone3000User,
): Promise<void> {
  const { db, config, now } = store;
  const values = {
    accessTokenEnc: await encryptToken(config.tokenKeyBase64, tokens.access_token, bound(userId, "access")),
    refreshTokenEnc: await encryptToken(config.tokenKeyBase64, tokens.refresh_token, bound(userId, "refresh")),
    accessExpiresAt: new Date(now().getTime() + tokens.expires_in * 1000),
    refreshLockUntil: null,
    updatedAt: now(),
    ...(profile
      ? { username: profile.username, displayName: profile.display_name ?? null, avatarUrl: profile.avatar_url ?? null }
      : {}),
  };
  const [current] = await db
    .select({ generation: tone3000Accounts.tokenGeneration })
    .from(tone3000Accounts)
    .where(eq(tone3000Accounts.userId, userId));
  if (current) {
    await db
      .update(tone3000Accounts)
      .set({ ...values, tokenGeneration: current.generation + 1 })
      .where(eq(tone3000Accounts.userId, userId));
  } else {
    if (!profile) throw new Error(`no TONE3000 account row for user ${userId} to store refreshed tokens in`);
    await db.insert(tone3000Accounts).values({ userId, username: profile.username, ...values, tokenGeneration: 1 });
  }
}

export interface Tone3000AccessToken {
  token: string;
  /** The generation it came from: a 401 with it asks for a refresh only if nobody refreshed since. */
  generation: number;
}

/** A valid access token for `userId`, refreshed (once, across concurrent callers) when it is about to expire. */
export async function tone3000AccessToken(store: Tone3000Store, userId: string): Promise<Tone3000AccessToken> {
  const account = await readAccount(store.db, userId);
  const expiresAt = account.accessExpiresAt?.getTime() ?? 0;
  if (expiresAt - REFRESH_MARGIN_MS > store.now().getTime()) return decryptAccess(store, account);
  return refreshAfter(store, userId, account.tokenGeneration);
}

/**
 * Runs `call` with the user's access token; on a 401 refreshes once (unless another request already did) and runs it
 * again. A second 401 means TONE3000 no longer accepts this session: the stored tokens are dropped and the user is
 * asked to sign in with TONE3000 again.
 */
export async function withTone3000Token<T>(
  store: Tone3000Store,
  userId: string,
  call: (accessToken: string) => Promise<T>,
): Promise<T> {
  const first = await tone3000AccessToken(store, userId);
  try {
    return await call(first.token);
  } catch (error) {
    if (!(error instanceof Tone3000Unauthorized)) throw error;
  }
  const second = await refreshAfter(store, userId, first.generation);
  try {
    return await call(second.token);
  } catch (error) {
    if (!(error instanceof Tone3000Unauthorized)) throw error;
    await forgetTokens(store.db, userId);
    throw new Tone3000Error("REAUTH", "TONE3000 no longer accepts this session; sign in with TONE3000 again.");
  }
}

/** Refreshes unless the stored generation is already newer than `seenGeneration`; waits for a refresh in flight. */
async function refreshAfter(
  store: Tone3000Store,
  userId: string,
  seenGeneration: number,
): Promise<Tone3000AccessToken> {
  const { db, now } = store;
  const deadline = Date.now() + REFRESH_LOCK_MS + 5_000;
  for (;;) {
    const claimed = await db
      .update(tone3000Accounts)
      .set({ refreshLockUntil: new Date(now().getTime() + REFRESH_LOCK_MS) })
      .where(
        and(
          eq(tone3000Accounts.userId, userId),
          eq(tone3000Accounts.tokenGeneration, seenGeneration),
          or(isNull(tone3000Accounts.refreshLockUntil), lt(tone3000Accounts.refreshLockUntil, now())),
        ),
      )
      .returning();
    const mine = claimed[0];
    if (mine) return refreshHoldingLock(store, mine);

    const account = await readAccount(db, userId);
    if (account.tokenGeneration !== seenGeneration) return decryptAccess(store, account);
    if (Date.now() > deadline) {
      throw new Tone3000Error("UNREACHABLE", "TONE3000 took too long to renew the session; try again in a minute.");
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
  }
}

async function refreshHoldingLock(store: Tone3000Store, account: Tone3000AccountRow): Promise<Tone3000AccessToken> {
  const { db, config } = store;
  const refreshToken = account.refreshTokenEnc
    ? await decryptToken(config.tokenKeyBase64, account.refreshTokenEnc, bound(account.userId, "refresh"))
    : null;
  if (!refreshToken) {
    await forgetTokens(db, account.userId);
    throw new Tone3000Error("REAUTH", "The TONE3000 session is gone; sign in with TONE3000 again.");
  }
  try {
    const tokens = await refreshTokens(config, refreshToken);
    await saveTone3000Tokens(store, account.userId, tokens);
    return { token: tokens.access_token, generation: account.tokenGeneration + 1 };
  } catch (error) {
    if (error instanceof Tone3000Error && error.code === "REAUTH") await forgetTokens(db, account.userId);
    else {
      await db
        .update(tone3000Accounts)
        .set({ refreshLockUntil: null })
        .where(eq(tone3000Accounts.userId, account.userId));
    }
    throw error;
  }
}

async function readAccount(db: Database, userId: string): Promise<Tone3000AccountRow> {
  const account = await db.query.tone3000Accounts.findFirst({ where: eq(tone3000Accounts.userId, userId) });
  if (!account) throw new Tone3000Error("NOT_LINKED", "Connect your TONE3000 account first (Sign in with TONE3000).");
  if (!account.accessTokenEnc || !account.refreshTokenEnc) {
    throw new Tone3000Error("REAUTH", "Your TONE3000 session has ended; sign in with TONE3000 again.");
  }
  return account;
}

async function decryptAccess(store: Tone3000Store, account: Tone3000AccountRow): Promise<Tone3000AccessToken> {
  const token = account.accessTokenEnc
    ? await decryptToken(store.config.tokenKeyBase64, account.accessTokenEnc, bound(account.userId, "access"))
    : null;
  if (!token) {
    // Undecryptable (key rotated) or dropped: nothing to do but sign in again.
    await forgetTokens(store.db, account.userId);
    throw new Tone3000Error("REAUTH", "Your TONE3000 session has ended; sign in with TONE3000 again.");
  }
  return { token, generation: account.tokenGeneration };
}

/** Drops the tokens but keeps the account row, so the app can say "sign in with TONE3000 again" for this user. */
async function forgetTokens(db: Database, userId: string): Promise<void> {
  await db
    .update(tone3000Accounts)
    .set({ accessTokenEnc: null, refreshTokenEnc: null, accessExpiresAt: null, refreshLockUntil: null })
    .where(eq(tone3000Accounts.userId, userId));
}
