/**
 * The production build, served as deployed (`GTS_SERVE=preview`: `react-router build`, then the built app, api and
 * realtime Workers in workerd). The dev server loads modules lazily inside requests, which hides what a deployed
 * Worker refuses at startup (named non-handler exports of an entry, random values or I/O at module scope): both
 * happened here, and only this test would have caught them. Starting the stack runs the demo seed through this build.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localApiClient } from "../dev/seed/local-api-client.ts";
import { DEMO_USER } from "../dev/seed/seed-demo.ts";
import { type LocalStack, startLocalStack } from "./local-stack.ts";

describe("the production build", () => {
  let stack: LocalStack;

  beforeAll(async () => {
    // With its local render node and the seed's demo render: the built api and a real node render the example.
    stack = await startLocalStack({ localNode: true, env: { GTS_SERVE: "preview", GTS_SEED_RENDER: "on" } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("serves minified pages, the api, sign-in, private pages, a rendered example and the TONE3000 redirect", async () => {
    const landing = await fetch(stack.url);
    expect(landing.status).toBe(200);
    const html = await landing.text();
    // Built assets have content hashes in their names; the dev server serves /app/... sources instead.
    expect(html).toMatch(/\/assets\/[\w-]+-[\w-]{8}\.js/);
    expect(html).not.toContain("/@vite/client");

    const unknown = localApiClient(stack.url);
    await expect(
      unknown.trpc.auth.signIn.mutate({ email: "nobody@example.com", password: "not a password at all" }),
    ).rejects.toThrow(/email or password is wrong/);

    const creator = localApiClient(stack.url);
    await creator.trpc.auth.signIn.mutate({ email: DEMO_USER.email, password: DEMO_USER.password });
    const { items } = await creator.trpc.shootout.list.query({});
    expect(items.length).toBeGreaterThanOrEqual(2);
    const share = await fetch(`${stack.url}s/${items[0]?.id}`);
    expect(share.status).toBe(200);
    expect(share.headers.get("cache-control")).toMatch(/public/);

    // The UI's authorization matches the api's: another user's private shootout is a not-found page, as for an id
    // that does not exist; its owner sees it.
    const copy = await creator.trpc.shootout.duplicate.mutate({ id: items[0]?.id ?? "" });
    expect(copy.visibility).toBe("private");
    const other = localApiClient(stack.url);
    await other.trpc.auth.signUp.mutate({
      email: `other-${Date.now()}@example.com`,
      password: "correct horse battery",
      displayName: "Someone else",
    });
    const page = (client: typeof creator, path: string) => client.fetch(`${stack.url}${path.slice(1)}`);
    const theirs = await page(other, `/shootouts/${copy.id}`);
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).toContain("Page not found");
    expect((await page(other, `/s/${copy.id}`)).status).toBe(404);
    const missing = await page(other, `/shootouts/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
    const own = await page(creator, `/shootouts/${copy.id}`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain(copy.title.replace(/&/g, "&amp;"));

    // The seeded public demo shootout, once the local node has rendered it, is featured on the landing page.
    const deadline = Date.now() + 150_000;
    let featured = "";
    while (!featured.includes('data-testid="example-shootout"') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      featured = await (await fetch(stack.url)).text();
    }
    expect(featured).toContain('data-testid="example-shootout"');
    expect(featured).toContain("Demo: clean, crunch and high-gain through a 4x12");

    const start = await creator.fetch(`${stack.url}auth/tone3000/start?purpose=signin`);
    expect(start.status).toBe(302);
    expect(start.headers.get("Location")).toMatch(/\/api\/v1\/oauth\/authorize\?/);
  }, 240_000);
});
