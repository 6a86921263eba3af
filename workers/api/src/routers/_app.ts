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
import { tone3000Router } from "./tone3000.ts";

export const appRouter = router({
  auth: authRouter,
  asset: assetRouter,
  shootout: shootoutRouter,
  render: renderRouter,
  node: nodeRouter,
  tone3000: tone3000Router,
  health: healthRouter,
});

export type AppRouter = typeof appRouter;
