/**
 * @module `health.check`: proves the api can read D1 and R2, and reports the size of the library.
 */
import { count } from "drizzle-orm";
import { assets, shootouts, users } from "../db/schema.ts";
import { publicProcedure, router } from "../trpc.ts";

/** Written and read back on every check, so a bucket that lists but cannot store is reported as down. */
const R2_PROBE_KEY = "health/probe";

export const healthRouter = router({
  check: publicProcedure.query(async ({ ctx }) => {
    const d1Started = performance.now();
    const [[userRows], [assetRows], [shootoutRows]] = await ctx.db.batch([
      ctx.db.select({ n: count() }).from(users),
      ctx.db.select({ n: count() }).from(assets),
      ctx.db.select({ n: count() }).from(shootouts),
    ]);
    const d1LatencyMs = performance.now() - d1Started;

    const r2Started = performance.now();
    const stamp = new Date().toISOString();
    await ctx.media.put(R2_PROBE_KEY, stamp);
    const probe = await ctx.media.get(R2_PROBE_KEY);
    const r2Ok = (await probe?.text()) === stamp;
    const r2LatencyMs = performance.now() - r2Started;

    return {
      ok: r2Ok,
      d1: {
        ok: true,
        latencyMs: d1LatencyMs,
        counts: { users: userRows?.n ?? 0, assets: assetRows?.n ?? 0, shootouts: shootoutRows?.n ?? 0 },
      },
      r2: { ok: r2Ok, latencyMs: r2LatencyMs },
    };
  }),
});
