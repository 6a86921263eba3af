/**
 * @module Request context for tRPC procedures: the database, the bucket, the request and the caller's session,
 * resolved at most once per request.
 */
import { drizzle } from "drizzle-orm/d1";
import { readSessionCookie } from "./auth/session-cookie.ts";
import { type ResolvedSession, resolveSession } from "./auth/sessions.ts";
import type { ProgressEvent } from "./contract/index.ts";
import * as schema from "./db/schema.ts";
import { readTone3000Config, type Tone3000Config, type Tone3000Env } from "./tone3000/tone3000-config.ts";

export type Database = ReturnType<typeof createDatabase>;

export function createDatabase(d1: D1Database) {
  return drizzle(d1, { schema });
}

/** The realtime Worker's RPC surface the api uses (a subset, so tests and scripts can pass their own). */
export interface RealtimePublisher {
  publish(renderId: string, event: ProgressEvent): Promise<unknown>;
  /** Wakes the owner's render nodes waiting in `render.claim` (renders/render-queue.ts); without it, claims poll D1. */
  notifyRenderQueue?(ownerId: string): Promise<unknown>;
  waitForRenderQueue?(
    ownerId: string,
    since: number | null,
    timeoutMs: number,
  ): Promise<{ version: number; notified: boolean }>;
}

export interface Context {
  db: Database;
  media: R2Bucket;
  /** Live fan-out of render events; null where no realtime Worker is bound (scripts). */
  realtime: RealtimePublisher | null;
  /** The HTTP request, or null for in-process callers (tests, scripts). */
  req: Request | null;
  /** Headers of the response, e.g. `Set-Cookie`. */
  resHeaders: Headers;
  now: () => Date;
  /** Render lease length (see renders/render-lease.ts), from `RENDER_LEASE_SECONDS`. */
  leaseMs: number;
  /** TONE3000 settings, or why TONE3000 is unavailable on this server. */
  tone3000: Tone3000Config | { disabled: string };
  /** The caller's session from the cookie, or null; looked up once per request. */
  session: () => Promise<ResolvedSession | null>;
}

/**
 * `createContextInner` exists so tests can call procedures without an HTTP request: pass `req` to act as the
 * browser that sent it (its cookie and Origin).
 */
export function createContextInner(
  env: { DB: D1Database; MEDIA: R2Bucket; REALTIME?: RealtimePublisher; RENDER_LEASE_SECONDS?: string } & Tone3000Env,
  options: { req?: Request | null; resHeaders?: Headers; now?: () => Date } = {},
): Context {
  const db = createDatabase(env.DB);
  const req = options.req ?? null;
  const now = options.now ?? (() => new Date());
  let session: Promise<ResolvedSession | null> | undefined;
  return {
    db,
    media: env.MEDIA,
    realtime: env.REALTIME ?? null,
    leaseMs: leaseMsFrom(env.RENDER_LEASE_SECONDS),
    tone3000: readTone3000Config(env),
    req,
    resHeaders: options.resHeaders ?? new Headers(),
    now,
    session: () => {
      const token = readSessionCookie(req?.headers.get("Cookie") ?? null);
      session ??= token ? resolveSession(db, token, now()) : Promise.resolve(null);
      return session;
    },
  };
}

export const DEFAULT_LEASE_SECONDS = 60;

/** 5 s to 10 min; anything else (or nothing) is the default, so a typo cannot make leases never expire. */
function leaseMsFrom(value: string | undefined): number {
  const seconds = Number(value);
  return (Number.isFinite(seconds) && seconds >= 5 && seconds <= 600 ? seconds : DEFAULT_LEASE_SECONDS) * 1000;
}
