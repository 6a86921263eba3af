/**
 * The builder's DI tracks in a real browser against the real local stack: riffs marked by dragging across a DI's
 * waveform (decoded from the owner's download), trimmed with the keyboard on its edge handles, zoomed with
 * Ctrl+wheel, auditioned; a second DI track (an uploaded stereo DI, its right channel); the arrangement settings;
 * then the saved shootout's plan shows both DIs and every riff, and the shootout page's edit panel changes them.
 * Screenshots go to test-results/builder-di/. Any page error, console error or failed request fails the test.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./launch-chromium.ts";
import { type LocalStack, startLocalStack } from "./local-stack.ts";
import { watchPage } from "./watch-page.ts";

const SHOTS = join(import.meta.dirname, "..", "test-results", "builder-di");
const DEMO = { email: "demo@guitar-tone-shootout.local", password: "shootout-demo" };
const DEMO_DI = "Demo riff (E-minor chugs and power chords, DI) (8.00 s)";

/** A 6 s stereo 16-bit 48 kHz WAV: plucked notes on the left, a quieter drone on the right. */
function stereoDiWav(): Buffer {
  const rate = 48_000;
  const frames = 6 * rate;
  const data = Buffer.alloc(frames * 4);
  for (let i = 0; i < frames; i++) {
    const t = i / rate;
    const left = 0.6 * Math.exp(-(t % 0.5) * 6) * Math.sin(2 * Math.PI * 82.4 * t);
    const right = 0.2 * Math.sin(2 * Math.PI * 110 * t);
    data.writeInt16LE(Math.round(left * 32767), i * 4);
    data.writeInt16LE(Math.round(right * 32767), i * 4 + 2);
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8);
  header.write("fmt ", 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(2, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 4, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Drags across a waveform canvas from one time to another (seconds), through the view it shows now. */
async function dragOnWaveform(page: Page, canvas: Locator, from: number, to: number) {
  const box = await canvas.boundingBox();
  if (!box) throw new Error("the waveform is not on screen");
  const start = Number(await canvas.getAttribute("data-view-start"));
  const span = Number(await canvas.getAttribute("data-view-span"));
  const x = (t: number) => box.x + ((t - start) / span) * box.width;
  const y = box.y + box.height * 0.6;
  await page.mouse.move(x(from), y);
  await page.mouse.down();
  await page.mouse.move((x(from) + x(to)) / 2, y, { steps: 4 });
  await page.mouse.move(x(to), y, { steps: 4 });
  await page.mouse.up();
}

describe("the builder's DI tracks, waveform riffs and arrangement", () => {
  let stack: LocalStack;
  let browser: Browser;

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    [stack, browser] = await Promise.all([startLocalStack(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("marks riffs on the waveform of two DIs and the saved shootout's plan has them all", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchPage(page);
    const shot = async (name: string, target: Locator | Page = page) => {
      if ("goto" in target) {
        await target.evaluate("window.scrollTo(0, 0)");
        await target.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
      } else {
        await target.screenshot({ path: join(SHOTS, `${name}.png`) });
      }
    };

    await page.goto(`${stack.url}signin`, { waitUntil: "networkidle" });
    await page.getByLabel("Email").fill(DEMO.email);
    await page.getByLabel("Password").fill(DEMO.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/library$/);
    await page.waitForLoadState("networkidle");

    // A second DI, stereo, uploaded to the library.
    await page.locator("[data-testid=dropzone-di] + input[type=file]").setInputFiles({
      name: "e2e-stereo-di.wav",
      mimeType: "audio/wav",
      buffer: stereoDiWav(),
    });
    await page.locator(".upload-done, .upload-refused").first().waitFor();
    await expect(page.getByTestId("upload-item").first().textContent()).resolves.toMatch(/Uploaded/);

    // 1. The first DI track: the demo DI, its first riff typed (the builder's original fields).
    await page.goto(`${stack.url}shootouts/new`, { waitUntil: "networkidle" });
    await page.getByLabel("Title").fill("E2E: two DIs, riffs from the waveform");
    await page.getByLabel("DI recording").selectOption({ label: DEMO_DI });
    await page.getByLabel("Riff start (s)").fill("0.5");
    await page.getByLabel("Riff end (s)").fill("4.5");
    const track1 = page.getByTestId("di-track").first();
    const canvas1 = track1.getByTestId("waveform");
    await track1.locator("[data-testid=riff-waveform][data-state=ready]").waitFor({ timeout: 30_000 });
    // The whole DI in view, and something drawn on the canvas.
    expect(Number(await canvas1.getAttribute("data-view-span"))).toBeCloseTo(8, 3);
    const inked = (await page.evaluate(`(() => {
      const c = document.querySelector("[data-testid=waveform]");
      const pixels = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let bright = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i] > 150) bright++;
      return bright / (c.width * c.height);
    })()`)) as number;
    expect(inked).toBeGreaterThan(0.05);
    await shot("01-waveform", track1);

    // 2. A second riff marked by dragging across the waveform from 5 s to 7 s.
    await dragOnWaveform(page, canvas1, 5, 7);
    expect(Number(await page.getByLabel("Riff 2 start (s)").inputValue())).toBeCloseTo(5, 1);
    expect(Number(await page.getByLabel("Riff 2 end (s)").inputValue())).toBeCloseTo(7, 1);
    // Exact values from the keyboard: its edge handles are sliders (Shift: 100 ms steps; Home: as far as it goes).
    const end2 = track1.getByRole("slider", { name: "Riff 2 end" });
    await end2.focus();
    await page.getByLabel("Riff 2 end (s)").fill("7");
    await end2.focus();
    await page.keyboard.press("Shift+ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await expect(page.getByLabel("Riff 2 end (s)").inputValue()).resolves.toBe("6.89");
    await expect(end2.getAttribute("aria-valuenow")).resolves.toBe("6.89");
    const start2 = track1.getByRole("slider", { name: "Riff 2 start" });
    await page.getByLabel("Riff 2 start (s)").fill("5.3");
    await start2.focus();
    // Home stops at the end of riff 1: riffs never overlap.
    await page.keyboard.press("Home");
    await expect(page.getByLabel("Riff 2 start (s)").inputValue()).resolves.toBe("4.5");
    await page.keyboard.press("PageUp");
    await expect(page.getByLabel("Riff 2 start (s)").inputValue()).resolves.toBe("5.5");
    // A drag that starts inside a riff moves it rather than marking one: still two riffs.
    expect(await track1.getByTestId("riff-row").count()).toBe(2);

    // 3. Zoom with Ctrl+wheel at 6 s, look, then show all again.
    const box = await canvas1.boundingBox();
    if (!box) throw new Error("no waveform");
    await page.mouse.move(box.x + (6 / 8) * box.width, box.y + box.height / 2);
    await page.keyboard.down("Control");
    await page.mouse.wheel(0, -200);
    await page.keyboard.up("Control");
    await page.waitForFunction('Number(document.querySelector("[data-testid=waveform]").dataset.viewSpan) < 3');
    const zoomedStart = Number(await canvas1.getAttribute("data-view-start"));
    expect(zoomedStart).toBeGreaterThan(3);
    await shot("02-zoomed-two-riffs", track1);
    await track1.getByRole("button", { name: "Show all" }).click();
    expect(Number(await canvas1.getAttribute("data-view-span"))).toBeCloseTo(8, 3);

    // 4. Audition: riff 1 (4 s) plays through Web Audio (the playhead runs) and stops.
    await track1.getByRole("button", { name: "Play riff 1" }).click();
    await page.waitForSelector("[data-testid=waveform][data-playing=true]");
    await shot("03-auditioning", track1);
    await track1.getByRole("button", { name: "Stop riff 1" }).click();
    await page.waitForSelector("[data-testid=waveform]:not([data-playing])");

    // 5. A second DI track: the uploaded stereo DI's right channel, its riff trimmed on its own waveform.
    await page.getByRole("button", { name: "Add DI track" }).click();
    await page.getByLabel("DI 2 recording").selectOption({ label: "e2e stereo di (6.00 s)" });
    await page.getByLabel("DI 2 channel").selectOption("right");
    const track2 = page.getByTestId("di-track").nth(1);
    await track2.scrollIntoViewIfNeeded();
    await track2.locator("[data-testid=riff-waveform][data-state=ready]").waitFor({ timeout: 30_000 });
    await dragOnWaveform(page, track2.getByTestId("waveform"), 4.5, 5.5);
    await page.getByLabel("DI 2 riff 2 start (s)").fill("4.5");
    await page.getByLabel("DI 2 riff 2 end (s)").fill("5.5");

    // 6. The arrangement: A/B, one round of 3 s riffs.
    await page.getByLabel("A/B riffs").check();
    await page.getByLabel("Riff length (s)").fill("3");
    await page.getByLabel("Rounds").fill("1");
    await shot("04-builder");
    await page.getByRole("button", { name: "Create shootout" }).click();
    await page.waitForURL(/\/shootouts\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { level: 1, name: "E2E: two DIs, riffs from the waveform" }).waitFor();

    // 7. The plan: two DIs × two chains; A/B plays min(3 s, riff) per riff per chain: (3 + 1.39) + (3 + 1) = 8.39 s
    // per chain, one round, two chains.
    const plan = page.getByTestId("plan-di-tracks");
    await expect(plan.textContent()).resolves.toMatch(/Demo riff.*left channel.*2 riffs \(0\.5–4\.5 s, 5\.5–6\.89 s\)/);
    await expect(plan.textContent()).resolves.toMatch(/e2e stereo di.*right channel.*2 riffs \(0–4 s, 4\.5–5\.5 s\)/);
    expect(await page.locator(".plan-segments li").count()).toBe(4);
    await expect(page.getByTestId("program-length").textContent()).resolves.toBe("16.8 s");
    await shot("05-shootout-plan");

    // 8. The shootout page's edit panel: a third riff dragged on the demo DI, full takes; the plan follows.
    await page.getByText("Edit DI tracks, riffs and arrangement").click();
    const panel = page.locator("details", { hasText: "Edit DI tracks, riffs and arrangement" });
    const editTrack = panel.getByTestId("di-track").first();
    await editTrack.scrollIntoViewIfNeeded();
    await editTrack.locator("[data-testid=riff-waveform][data-state=ready]").waitFor({ timeout: 30_000 });
    await dragOnWaveform(page, editTrack.getByTestId("waveform"), 7.1, 7.9);
    expect(await editTrack.getByTestId("riff-row").count()).toBe(3);
    await panel.getByLabel("Riff 3 start (s)").fill("7");
    await panel.getByLabel("Riff 3 end (s)").fill("8");
    await panel.getByLabel("Full takes").check();
    await panel.getByLabel("Gap between takes (s)").fill("0.5");
    await shot("06-edit-panel", panel);
    await panel.getByRole("button", { name: "Save DI tracks and arrangement" }).click();
    // Full takes: every riff whole through each chain, 0.5 s between the four segments.
    await page.waitForFunction(
      'document.querySelector("[data-testid=program-length]").textContent === "24.3 s"',
      undefined,
      {
        timeout: 15_000,
      },
    );
    await expect(plan.textContent()).resolves.toMatch(/3 riffs \(0\.5–4\.5 s, 5\.5–6\.89 s, 7–8 s\)/);
    await shot("07-shootout-edited");
    expect(problems).toEqual([]);
    await context.close();
  });
});
