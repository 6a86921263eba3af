/**
 * @module The one `initTRPC` of the api: exports only the builders procedures may use. Every mutation passes the
 * same-origin check (cross-site request forgery); `authedProcedure` also requires a signed-in user.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { crossSiteRefusal } from "./auth/check-same-origin.ts";
import { sessionCookie } from "./auth/session-cookie.ts";
import { rotateSession } from "./auth/sessions.ts";
import type { Context } from "./context.ts";

const t = initTRPC.context<Context>().create();

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Every mutation from a browser must come from our own pages (see auth/check-same-origin.ts). */
const sameOriginMutations = t.middleware(({ ctx, type, next }) => {
  const refusal = type === "mutation" && ctx.req ? crossSiteRefusal(ctx.req) : null;
  if (refusal) throw new TRPCError({ code: "FORBIDDEN", message: refusal });
  return next();
});

export const publicProcedure = t.procedure.use(sameOriginMutations);

export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = await ctx.session();
  if (!session) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in to do this" });
  if (session.shouldRotate && ctx.req) {
    const token = await rotateSession(ctx.db, session, {
      now: ctx.now(),
      userAgent: ctx.req.headers.get("User-Agent"),
    });
    ctx.resHeaders.append("Set-Cookie", sessionCookie(token, ctx.req.url));
  }
  return next({ ctx: { user: session.user, sessionIdHash: session.idHash } });
});
