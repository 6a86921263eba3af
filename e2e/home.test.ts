import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./launch-chromium.ts";
import { type LocalStack, startLocalStack } from "./local-stack.ts";

describe("a clean start of the local stack", () => {
  let stack: LocalStack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startLocalStack(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("serves the home page and the seeded library, streams a render's progress to its owner only, and logs no errors", async () => {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });

    const response = await page.goto(stack.url, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    await expect(page.locator("h1").textContent()).resolves.toBe("Guitar Tone Shootout");
    // The demo user, its DI, three captures and two IRs, and one shootout, read back from local D1.
    await expect(page.getByTestId("library-counts").textContent()).resolves.toMatch(
      /^1 creator · \d+ assets · \d+ shootouts?$/,
    );
    const counts = (await page.getByTestId("library-counts").textContent()) ?? "";
    expect(Number(/(\d+) assets/.exec(counts)?.[1])).toBeGreaterThanOrEqual(6);
    // Nothing rendered yet (the seed queues no render here), so the examples say how to get one.
    await expect(page.getByRole("heading", { name: "Listen to a shootout" }).count()).resolves.toBe(1);
    await page.getByTestId("no-examples").waitFor();
    await expect(page.getByTestId("status-d1").textContent()).resolves.toBe("Database: ok");
    await expect(page.getByTestId("status-r2").textContent()).resolves.toBe("Media storage: ok");

    // Live progress reaches the signed-in owner through the same origin: app Worker → realtime Worker → JobRoom.
    const live = await page.evaluate(async (origin) => {
      const call = async (path: string, body?: unknown) => {
        const init = { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } };
        const response = await fetch(`${origin}trpc/${path}`, body === undefined ? {} : init);
        const json = (await response.json()) as { result?: { data: unknown }; error?: unknown };
        if (!json.result) throw new Error(`${path}: ${JSON.stringify(json.error)}`);
        return json.result.data;
      };
      const listen = (renderId: string) =>
        new Promise<unknown[]>((resolve) => {
          const ws = new WebSocket(`${origin.replace(/^http/, "ws")}realtime/renders/${renderId}/ws?after=-1`);
          const received: unknown[] = [];
          setTimeout(() => resolve(received), 3000);
          ws.addEventListener("message", (event) => {
            received.push(JSON.parse(event.data as string));
            if (received.length === 2) resolve(received);
          });
          ws.addEventListener("error", () => resolve(["refused"]));
        });
      const anonymous = await listen("not-signed-in-render");
      await call("auth.signIn", { email: "demo@guitar-tone-shootout.local", password: "shootout-demo" });
      const shootouts = (await call("shootout.list?input=%7B%7D")) as { items: { id: string }[] };
      const render = (await call("render.submit", { shootoutId: shootouts.items[0]?.id })) as { id: string };
      return { renderId: render.id, anonymous, owner: await listen(render.id) };
    }, stack.url);
    expect(live.anonymous).toEqual(["refused"]);
    expect(live.owner).toEqual([
      { type: "hello", renderId: live.renderId, lastSeq: 0, listeners: 1 },
      { type: "progress", event: { type: "queued", renderId: live.renderId, seq: 0, at: expect.any(String) } },
    ]);

    // The one error allowed is the browser's report of the refusal this test provoked on purpose.
    expect(pageErrors.filter((e) => !/WebSocket connection to .*not-signed-in-render.* failed/.test(e))).toEqual([]);
    expect(pageErrors).toHaveLength(1);
    expect(stack.stdout()).toMatch(/Demo sign-in: \S+@\S+ \/ \S+/);
    expect(stack.stderr()).not.toMatch(/error|✘/i);
  });
});
