/**
 * @module The one `initTRPC` of the api: exports only the builders procedures may use. Every mutation passes the
 * same-origin check (cross-site request forgery); `authedProcedure` also requires a signed-in user.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { crossSiteRefusal } from "./auth/check-same-origin.ts";
import { sessionCookie } from "./auth/session-cookie.ts";
import { rotateSession } from "./auth/sessions.ts";
import type { Context } from "./context.ts";
import { renderNodes } from "./db/schema.ts";
import { nodeForToken } from "./nodes/node-tokens.ts";

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

/** A render node, authenticated by its bearer token; a revoked token is refused at once. */
export const nodeProcedure = t.procedure.use(async ({ ctx, next }) => {
  const node = await nodeForToken(ctx.db, ctx.req?.headers.get("Authorization") ?? null);
  if (!node) throw new TRPCError({ code: "UNAUTHORIZED", message: "a valid render-node token is required" });
  // Every call counts as a sign of life for `node.list`.
  await ctx.db.update(renderNodes).set({ lastHeartbeatAt: ctx.now() }).where(eq(renderNodes.id, node.id));
  return next({ ctx: { node } });
});
