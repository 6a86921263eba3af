/**
 * @module The root router. Clients import only `type AppRouter` from here (never at runtime).
 */
import { router } from "../trpc.ts";
import { assetRouter } from "./asset.ts";
import { authRouter } from "./auth.ts";
import { healthRouter } from "./health.ts";
import { nodeRouter } from "./node.ts";
import { renderRouter } from "./render.ts";
import { shootoutRouter } from "./shootout.ts";

export const appRouter = router({
  auth: authRouter,
  asset: assetRouter,
  shootout: shootoutRouter,
  render: renderRouter,
  node: nodeRouter,
  health: healthRouter,
});

export type AppRouter = typeof appRouter;
