import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createContextInner } from "../src/context.ts";
import { users } from "../src/db/schema.ts";
import { appRouter } from "../src/routers/_app.ts";
import { createCallerFactory } from "../src/trpc.ts";

const createCaller = createCallerFactory(appRouter);

describe("health.check", () => {
  it("reads D1 and writes and reads R2 over HTTP through tRPC", async () => {
    const response = await exports.default.fetch("https://api.test/trpc/health.check");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { ok: boolean; r2: { ok: boolean } } } };
    expect(body.result.data.ok).toBe(true);
    expect(body.result.data.r2.ok).toBe(true);
    expect(await (await env.MEDIA.get("health/probe"))?.text()).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("counts rows that are really in D1", async () => {
    const caller = createCaller(createContextInner(env));
    const before = (await caller.health.check()).d1.counts.users;
    await createContextInner(env)
      .db.insert(users)
      .values({ id: `health-${crypto.randomUUID()}`, displayName: "Counted" });
    expect((await caller.health.check()).d1.counts.users).toBe(before + 1);
  });

  it("serves nothing but /trpc", async () => {
    expect((await exports.default.fetch("https://api.test/")).status).toBe(404);
  });
});
