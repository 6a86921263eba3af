/**
 * @module The root router. Clients import only `type AppRouter` from here (never at runtime).
 */
import { router } from "../trpc.ts";
import { healthRouter } from "./health.ts";

export const appRouter = router({
  health: healthRouter,
});

export type AppRouter = typeof appRouter;
