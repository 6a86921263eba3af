/**
 * TONE3000 in a real browser against the real local stack, its local render node and the TONE3000 stand-in that
 * `npm start` runs: sign in with TONE3000 (the stand-in's authorize page), search, open a tone, add a capture to the
 * library, build a shootout with it, render it, share it, and see the capture credited (creator, licence, "Powered by
 * TONE3000") on the share page signed out. Afterwards the render node holds no copy of the model: not in its input
 * cache, not as a converted graph, not in a job folder. Screenshots go to test-results/tone3000-flow/.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFakeCatalog } from "../dev/tone3000-fake/fake-catalog.ts";
import { launchChromium } from "./launch-chromium.ts";
import { type LocalStack, startLocalStack } from "./local-stack.ts";
import { watchPage } from "./watch-page.ts";

const SHOTS = join(import.meta.dirname, "..", "test-results", "tone3000-flow");
/** The stand-in's Dumble tone: A1 only, CC BY-NC (so the non-commercial warning shows). */
const DUMBLE_TONE_ID = 51001;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe("TONE3000: sign in, search, import, render, credit", () => {
  let stack: LocalStack;
  let browser: Browser;

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    [stack, browser] = await Promise.all([startLocalStack({ localNode: true }), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("a capture picked on TONE3000 renders through the amp engine and is credited on the share page", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchPage(page);
    const shot = async (name: string, target: Page = page) => {
      await target.evaluate("window.scrollTo(0, 0)");
      await target.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    };

    // 1. Sign in with TONE3000: our page, the stand-in's authorize page, back to the library.
    await page.goto(`${stack.url}signin`, { waitUntil: "networkidle" });
    await page.getByTestId("tone3000-stand-in-note").waitFor();
    await shot("01-signin");
    await page.getByRole("link", { name: "Sign in with TONE3000" }).click();
    await page.getByRole("button", { name: /^Sign in as / }).waitFor();
    expect(await page.title()).toMatch(/local stand-in/i);
    await shot("02-stand-in-authorize");
    await page.getByRole("button", { name: /^Sign in as / }).click();
    await page.waitForURL(/\/library$/);
    await page.getByTestId("signed-in-as").waitFor();

    // 2. Browse TONE3000: search A1 captures for "dumble", open the tone.
    await page.getByRole("link", { name: "Browse TONE3000" }).click();
    await page.getByTestId("tone3000-search-form").waitFor();
    await page.getByTestId("tone3000-stand-in").waitFor();
    await page.getByLabel("Search TONE3000").fill("dumble");
    await page.getByLabel("Format").selectOption("nam");
    await page.getByLabel("Architecture").selectOption("1");
    await page.getByTestId("tone3000-search-submit").click();
    const result = page.locator(`[data-testid=tone3000-result][data-tone-id="${DUMBLE_TONE_ID}"]`);
    await result.waitFor();
    expect(await page.getByTestId("powered-by-tone3000").count()).toBeGreaterThanOrEqual(1);
    await shot("03-search");
    await result.getByTestId("tone3000-result-link").click();
    const detail = page.locator(`[data-testid=tone3000-tone][data-tone-id="${DUMBLE_TONE_ID}"]`);
    await detail.waitFor();
    await expect(detail.getByTestId("tone3000-licence").textContent()).resolves.toMatch(/CC BY-NC/);
    await expect(detail.getByTestId("licence-warning").textContent()).resolves.toMatch(/non-commercial/i);

    // 3. Add its first model to the library (a reference: validated once, not stored).
    const model = detail.getByTestId("tone3000-model").first();
    const modelId = Number(await model.getAttribute("data-model-id"));
    await model.getByRole("button", { name: "Add to library" }).click();
    await model.getByTestId("tone3000-in-library").waitFor();
    await shot("04-added");
    await page.goto(`${stack.url}library`, { waitUntil: "networkidle" });
    const imported = page.locator("[data-testid=asset]").filter({ has: page.getByTestId("tone3000-badge") });
    const importedName =
      (await imported.filter({ hasText: "Dumble" }).first().getByRole("heading").textContent()) ?? "";
    expect(importedName).toMatch(/Dumble/);
    expect(await imported.filter({ hasText: "Dumble" }).getByRole("link", { name: "Download" }).count()).toBe(0);
    await shot("05-library");

    // 4. A two-chain shootout: the TONE3000 capture against a demo capture, both through a demo cab.
    await page.goto(`${stack.url}shootouts/new`, { waitUntil: "networkidle" });
    await page.getByLabel("Title").fill("E2E: TONE3000 Dumble vs demo crunch");
    await page
      .getByLabel("DI recording")
      .selectOption({ label: "Demo riff (E-minor chugs and power chords, DI) (8.00 s)" });
    await page.getByLabel("Riff start (s)").fill("0.5");
    await page.getByLabel("Riff end (s)").fill("3.5");
    await page.locator("#chain-0-name").fill("Dumble (TONE3000)");
    const dumbleOption = page.locator("#chain-0-capture option").filter({ hasText: importedName });
    await page.locator("#chain-0-capture").selectOption((await dumbleOption.first().getAttribute("value")) ?? "");
    await page.locator("#chain-0-ir").selectOption({ label: "Demo 4x12 closed-back cab" });
    await page.locator("#chain-1-name").fill("Demo crunch");
    const crunch = page.locator("#chain-1-capture option").filter({ hasText: /crunch/i });
    await page.locator("#chain-1-capture").selectOption((await crunch.first().getAttribute("value")) ?? "");
    await page.locator("#chain-1-ir").selectOption({ label: "Demo 4x12 closed-back cab" });
    await shot("06-builder");
    await page.getByRole("button", { name: "Create shootout" }).click();
    await page.waitForURL(/\/shootouts\/[0-9a-f-]{36}$/);

    // 5. Render on the local node: the api streams the model from TONE3000 for this render only.
    await page.getByRole("button", { name: "Render", exact: true }).click();
    await page.waitForSelector("[data-testid=render-progress][data-state=succeeded]", { timeout: 150_000 });
    await shot("07-rendered");
    await page.getByRole("button", { name: "Unlisted" }).click();
    const shareUrl = await page.getByTestId("share-url").inputValue();
    expect(problems).toEqual([]);

    // 6. Signed out, the share page credits the capture and TONE3000.
    const listener = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const share = await listener.newPage();
    const listenerProblems = watchPage(share);
    await share.goto(shareUrl, { waitUntil: "networkidle" });
    const credit = share.getByTestId("tone3000-credit");
    expect(await credit.count()).toBe(1);
    await expect(credit.textContent()).resolves.toMatch(/by .+ · CC BY-NC 4\.0/);
    expect(await share.getByTestId("powered-by-tone3000").count()).toBe(1);
    await expect(share.getByTestId("powered-by-tone3000").getByRole("link").getAttribute("href")).resolves.toMatch(
      /tone3000\.com/,
    );
    await shot("08-share", share);
    expect(listenerProblems).toEqual([]);

    // 7. Nothing of the model stays on the render node (TONE3000's terms: no caching).
    const catalog = await loadFakeCatalog();
    const bytes = catalog.models.find((m) => m.id === modelId)?.bytes;
    if (!bytes) throw new Error(`the stand-in has no model ${modelId}`);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const nodeFiles = await filesUnder(join(stack.stateDir, "render-node"));
    expect(nodeFiles.length).toBeGreaterThan(0);
    expect(nodeFiles.filter((path) => path.includes(sha256))).toEqual([]);
    expect(nodeFiles.filter((path) => path.includes(`${join("render-node", "jobs")}`))).toEqual([]);
  });
});
