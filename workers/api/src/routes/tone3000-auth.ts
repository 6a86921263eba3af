/**
 * @module The browser side of TONE3000's OAuth 2.0 + PKCE (docs/tone3000-api.md §3), as plain redirects:
 * `GET /auth/tone3000/start?purpose=signin|link|select&returnTo=/path` stores a single-use `state` with an encrypted
 * PKCE verifier and sends the browser to TONE3000; `GET /auth/tone3000/callback` checks the state, exchanges the
 * code (TONE3000 checks the verifier), reads the TONE3000 profile, then signs in (finding or creating our user) or
 * links the account to the signed-in user, and stores the tokens encrypted. Every failure comes back to a page of
 * ours as `?tone3000_error=<message>`; nothing is left half-done.
 */
import { eq, lt } from "drizzle-orm";
import { sessionCookie } from "../auth/session-cookie.ts";
import { createSession } from "../auth/sessions.ts";
import { type Context, createContextInner } from "../context.ts";
import { tone3000OAuthStates, type UserRow, users } from "../db/schema.ts";
import { bytesToBase64Url, decryptToken, encryptToken } from "../tone3000/token-cipher.ts";
import { getTone3000User } from "../tone3000/tone3000-api.ts";
import type { Tone3000Env } from "../tone3000/tone3000-config.ts";
import { Tone3000Error } from "../tone3000/tone3000-error.ts";
import { authorizeUrl, createPkcePair, exchangeCode } from "../tone3000/tone3000-oauth.ts";
import { saveTone3000Tokens } from "../tone3000/tone3000-session.ts";

export const TONE3000_AUTH_PREFIX = "/auth/tone3000/";
/** Long enough to sign in and browse TONE3000's picker; the code itself lives 30 min at TONE3000. */
const STATE_TTL_MS = 30 * 60 * 1000;
const PURPOSES = ["signin", "link", "select"] as const;
type Purpose = (typeof PURPOSES)[number];
const DEFAULT_RETURN: Record<Purpose, string> = {
  signin: "/library",
  link: "/library/tone3000",
  select: "/library/tone3000",
};

type Env = { DB: D1Database; MEDIA: R2Bucket } & Tone3000Env;

export async function handleTone3000Auth(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  if (request.method !== "GET") return new Response("Method not allowed", { status: 405 });
  const ctx = createContextInner(env, { req: request });
  if (url.pathname === `${TONE3000_AUTH_PREFIX}start`) return start(ctx, url);
  if (url.pathname === `${TONE3000_AUTH_PREFIX}callback`) return callback(ctx, url);
  return new Response("Not found", { status: 404 });
}

async function start(ctx: Context, url: URL): Promise<Response> {
  const purpose = PURPOSES.find((p) => p === url.searchParams.get("purpose")) ?? "signin";
  const returnTo = safeReturn(url.searchParams.get("returnTo"), DEFAULT_RETURN[purpose]);
  const failPage = purpose === "signin" ? "/signin" : returnTo;
  if ("disabled" in ctx.tone3000) return redirectWithError(url, failPage, ctx.tone3000.disabled);
  const session = await ctx.session();
  if (purpose !== "signin" && !session) {
    return redirect(`/signin?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
  }
  const { db, now } = ctx;
  await db.delete(tone3000OAuthStates).where(lt(tone3000OAuthStates.expiresAt, now()));
  const state = bytesToBase64Url(crypto.getRandomValues(new Uint8Array(24)));
  const pkce = await createPkcePair();
  const redirectUri = `${url.origin}${TONE3000_AUTH_PREFIX}callback`;
  await db.insert(tone3000OAuthStates).values({
    state,
    verifierEnc: await encryptToken(ctx.tone3000.tokenKeyBase64, pkce.verifier, `tone3000:verifier:${state}`),
    purpose,
    userId: session?.user.id ?? null,
    redirectUri,
    returnTo,
    expiresAt: new Date(now().getTime() + STATE_TTL_MS),
  });
  const list = (name: string) => url.searchParams.get(name)?.split(/[_,]/).filter(Boolean);
  const location = authorizeUrl(ctx.tone3000, {
    redirectUri,
    state,
    challenge: pkce.challenge,
    prompt: purpose === "select" ? "select_tone" : undefined,
    gears: list("gears"),
    format: url.searchParams.get("format") ?? undefined,
    architecture: url.searchParams.get("architecture") ?? undefined,
  });
  return new Response(null, { status: 302, headers: { Location: location, "Cache-Control": "no-store" } });
}

async function callback(ctx: Context, url: URL): Promise<Response> {
  const q = url.searchParams;
  const stateParam = q.get("state") ?? "";
  // Single use: the row is deleted as it is read, so a replayed callback finds nothing.
  const [pending] = stateParam
    ? await ctx.db.delete(tone3000OAuthStates).where(eq(tone3000OAuthStates.state, stateParam)).returning()
    : [];
  if (!pending || pending.expiresAt < ctx.now()) {
    return redirectWithError(
      url,
      "/signin",
      "The TONE3000 sign-in could not be matched to one started here (unknown or expired state); please start again.",
    );
  }
  const failPage = pending.purpose === "signin" ? "/signin" : pending.returnTo;
  if ("disabled" in ctx.tone3000) return redirectWithError(url, failPage, ctx.tone3000.disabled);
  const config = ctx.tone3000;

  const error = q.get("error");
  if (error) {
    const reason =
      error === "access_denied" ? "access was declined on TONE3000" : `${error} ${q.get("error_description") ?? ""}`;
    return redirectWithError(url, failPage, `TONE3000 did not sign you in: ${reason.trim()}.`);
  }
  const canceled = q.get("canceled") === "true";
  const code = q.get("code");
  // A canceled flow may still carry a code (the user had signed in): it is exchanged, so the account gets linked.
  if (!code && canceled && pending.purpose === "select") {
    // Closing TONE3000's picker is a choice, not a failure.
    return redirectWithParam(url, pending.returnTo, "tone3000_notice", "No tone was picked on TONE3000.");
  }
  if (!code) {
    return redirectWithError(
      url,
      failPage,
      canceled ? "TONE3000 sign-in was canceled." : "TONE3000 sent no code back.",
    );
  }

  try {
    const verifier = await decryptToken(
      config.tokenKeyBase64,
      pending.verifierEnc,
      `tone3000:verifier:${pending.state}`,
    );
    if (!verifier) throw new Tone3000Error("REAUTH", "the saved sign-in attempt could not be read; please start again");
    const tokens = await exchangeCode(config, { code, verifier, redirectUri: pending.redirectUri });
    const profile = await getTone3000User(config, tokens.access_token).catch((e: unknown) => {
      throw e instanceof Tone3000Error ? e : new Tone3000Error("BAD_RESPONSE", `TONE3000 profile: ${String(e)}`);
    });
    const store = { db: ctx.db, config, now: ctx.now };

    let user: UserRow;
    if (pending.purpose === "signin") {
      user = await findOrCreateUser(ctx, profile.id, profile.display_name || profile.username);
    } else {
      const session = await ctx.session();
      if (!session || session.user.id !== pending.userId) {
        return redirectWithError(url, "/signin", "You were signed out while on TONE3000; sign in and connect again.");
      }
      const linkedTo = await ctx.db.query.users.findFirst({ where: eq(users.tone3000UserId, profile.id) });
      if (linkedTo && linkedTo.id !== session.user.id) {
        return redirectWithError(
          url,
          failPage,
          `The TONE3000 account ${profile.username} is already connected to another Guitar Tone Shootout account.`,
        );
      }
      await ctx.db.update(users).set({ tone3000UserId: profile.id }).where(eq(users.id, session.user.id));
      user = session.user;
    }
    await saveTone3000Tokens(store, user.id, tokens, profile);

    const headers = new Headers({ "Cache-Control": "no-store" });
    if (pending.purpose === "signin") {
      const token = await createSession(ctx.db, user.id, {
        now: ctx.now(),
        userAgent: ctx.req?.headers.get("User-Agent"),
      });
      headers.append("Set-Cookie", sessionCookie(token, url.toString()));
    }
    const target = new URL(pending.returnTo, url.origin);
    const toneId = q.get("tone_id");
    if (pending.purpose === "select") {
      if (toneId && /^\d+$/.test(toneId)) target.searchParams.set("tone", toneId);
      else
        target.searchParams.set(
          "tone3000_notice",
          canceled ? "No tone was picked on TONE3000." : "TONE3000 returned no tone.",
        );
    }
    headers.set("Location", target.pathname + target.search);
    return new Response(null, { status: 303, headers });
  } catch (caught) {
    if (caught instanceof Tone3000Error) return redirectWithError(url, failPage, caught.message);
    throw caught;
  }
}

async function findOrCreateUser(ctx: Context, tone3000UserId: string, displayName: string): Promise<UserRow> {
  const existing = await ctx.db.query.users.findFirst({ where: eq(users.tone3000UserId, tone3000UserId) });
  if (existing) return existing;
  const [created] = await ctx.db
    .insert(users)
    .values({ id: crypto.randomUUID(), email: null, displayName: displayName.slice(0, 80), tone3000UserId })
    .onConflictDoNothing()
    .returning();
  if (created) return created;
  // Two callbacks for the same new TONE3000 user raced: the other created it.
  const winner = await ctx.db.query.users.findFirst({ where: eq(users.tone3000UserId, tone3000UserId) });
  if (!winner) throw new Error(`user for TONE3000 id ${tone3000UserId} vanished after a unique-key conflict`);
  return winner;
}

/** Only a path on this site: a crafted link must not send people elsewhere after TONE3000. */
function safeReturn(value: string | null, fallback: string): string {
  return value?.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : fallback;
}

/** A relative redirect: the app Worker forwards these requests, and the browser resolves it on the app's origin. */
function redirect(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
}

function redirectWithError(url: URL, path: string, message: string): Response {
  return redirectWithParam(url, path, "tone3000_error", message);
}

function redirectWithParam(url: URL, path: string, name: string, message: string): Response {
  const target = new URL(path, url.origin);
  target.searchParams.set(name, message);
  return redirect(target.pathname + target.search);
}
