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

  it("serves the home page with the seeded library, healthy services and live sockets, and logs no errors", async () => {
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
    await expect(page.getByTestId("status-d1").textContent()).resolves.toBe("Database: ok");
    await expect(page.getByTestId("status-r2").textContent()).resolves.toBe("Media storage: ok");

    // Live progress reaches the browser through the same origin: app Worker → realtime Worker → JobRoom.
    const messages = await page.evaluate(async (origin) => {
      const ws = new WebSocket(`${origin.replace(/^http/, "ws")}realtime/renders/e2e-render-1/ws`);
      const received: unknown[] = [];
      await new Promise<void>((resolve, reject) => {
        setTimeout(() => reject(new Error("no WebSocket messages within 10 s")), 10_000);
        ws.addEventListener("message", (event) => {
          received.push(JSON.parse(event.data as string));
          if (received.length === 1) ws.send(JSON.stringify({ type: "echo", payload: "ping" }));
          else resolve();
        });
      });
      ws.close(1000);
      return received;
    }, stack.url);
    expect(messages).toEqual([
      { type: "hello", renderId: "e2e-render-1", seq: 0, listeners: 1 },
      { type: "echo", renderId: "e2e-render-1", seq: 1, payload: "ping" },
    ]);

    expect(pageErrors).toEqual([]);
    expect(stack.stdout()).toMatch(/Demo sign-in: \S+@\S+ \/ \S+/);
    expect(stack.stderr()).not.toMatch(/error|✘/i);
  });
});
