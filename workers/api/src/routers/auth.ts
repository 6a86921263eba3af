/**
 * @module `auth`: email + password accounts and the session cookie. Wrong email and wrong password give the same
 * answer, and take the same time, so the api does not reveal who has an account.
 */
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { clearedSessionCookie, sessionCookie } from "../auth/session-cookie.ts";
import { createSession, destroySession, pruneExpiredSessions } from "../auth/sessions.ts";
import {
  clearSignInFailures,
  recordSignInFailure,
  signInBlockedForMinutes,
  throttleKeys,
} from "../auth/sign-in-throttle.ts";
import type { Context } from "../context.ts";
import { type UserRow, users } from "../db/schema.ts";
import { authedProcedure, publicProcedure, router } from "../trpc.ts";

export const MIN_PASSWORD_CHARS = 10;
export const MAX_PASSWORD_CHARS = 256;

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "email must be an email address" }).max(254, "email must be at most 254 characters"));
const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_CHARS, `password must be at least ${MIN_PASSWORD_CHARS} characters`)
  .max(MAX_PASSWORD_CHARS, `password must be at most ${MAX_PASSWORD_CHARS} characters`);

/** A hash of a password nobody has, checked when the email is unknown so both failures cost the same time. */
let unknownUserHash: ReturnType<typeof hashPassword> | undefined;
/** Made on first use: a deployed Worker may not generate random values (the salt) at module scope. */
const hashForUnknownUser = () => {
  unknownUserHash ??= hashPassword("no such user: equal-time comparison");
  return unknownUserHash;
};

/** What the api says about the signed-in user: never the password fields. */
export function publicUser(user: UserRow) {
  return { id: user.id, email: user.email, displayName: user.displayName };
}

async function startSession(ctx: Context, user: UserRow) {
  const token = await createSession(ctx.db, user.id, {
    now: ctx.now(),
    userAgent: ctx.req?.headers.get("User-Agent"),
  });
  if (ctx.req) ctx.resHeaders.append("Set-Cookie", sessionCookie(token, ctx.req.url));
  return publicUser(user);
}

export const authRouter = router({
  signUp: publicProcedure
    .input(
      z.object({
        email: emailSchema,
        password: passwordSchema,
        displayName: z
          .string()
          .trim()
          .min(1, "displayName is required")
          .max(60, "displayName must be at most 60 characters"),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.db.query.users.findFirst({ where: eq(users.email, input.email) });
      if (existing) throw new TRPCError({ code: "CONFLICT", message: `an account with email ${input.email} exists` });
      const password = await hashPassword(input.password);
      const [user] = await ctx.db
        .insert(users)
        .values({
          id: crypto.randomUUID(),
          email: input.email,
          displayName: input.displayName,
          passwordHash: password.hash,
          passwordSalt: password.salt,
          passwordIterations: password.iterations,
        })
        .onConflictDoNothing()
        .returning();
      // A concurrent sign-up with the same email won the insert.
      if (!user) throw new TRPCError({ code: "CONFLICT", message: `an account with email ${input.email} exists` });
      return startSession(ctx, user);
    }),

  signIn: publicProcedure
    .input(z.object({ email: emailSchema, password: z.string().max(MAX_PASSWORD_CHARS) }))
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      const keys = throttleKeys(input.email, ctx.req?.headers.get("CF-Connecting-IP") ?? null);
      const blockedMinutes = await signInBlockedForMinutes(ctx.db, keys, now);
      if (blockedMinutes !== null) {
        throw new TRPCError({
          code: "TOO_MANY_REQUESTS",
          message: `too many failed sign-ins: try again in ${blockedMinutes} minute${blockedMinutes === 1 ? "" : "s"}`,
        });
      }
      const user = await ctx.db.query.users.findFirst({ where: eq(users.email, input.email) });
      const stored =
        user?.passwordHash && user.passwordSalt && user.passwordIterations
          ? { hash: user.passwordHash, salt: user.passwordSalt, iterations: user.passwordIterations }
          : await hashForUnknownUser();
      const valid = (await verifyPassword(input.password, stored)) && user !== undefined;
      if (!user || !valid) {
        await recordSignInFailure(ctx.db, keys, now);
        throw new TRPCError({ code: "UNAUTHORIZED", message: "email or password is wrong" });
      }
      await clearSignInFailures(ctx.db, keys.emailKey);
      await pruneExpiredSessions(ctx.db, now);
      return startSession(ctx, user);
    }),

  signOut: authedProcedure.mutation(async ({ ctx }) => {
    await destroySession(ctx.db, ctx.sessionIdHash);
    if (ctx.req) ctx.resHeaders.append("Set-Cookie", clearedSessionCookie(ctx.req.url));
    return { signedOut: true };
  }),

  /** The signed-in user, or null: for pages that render differently when signed in. */
  me: publicProcedure.query(async ({ ctx }) => {
    const session = await ctx.session();
    return session ? publicUser(session.user) : null;
  }),
});
