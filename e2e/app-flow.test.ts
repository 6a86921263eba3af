/**
 * The creator's and the listener's path through the app in a real browser against the real local stack with its
 * local render node: sign up, upload a DI, a capture and IRs (the team's fixtures where `../shared` exists, else the
 * project's generated demo files), build a two-chain shootout, render it through the amp engine while watching live
 * progress reach 100%, share it unlisted, then open the link signed out and switch chains with the keyboard while it
 * plays. Screenshots of each step go to test-results/app-flow/. Any page error, console error,
 * failed request or HTTP error answer fails the test (the upload refusal provoked on purpose is the one allowed).
 */
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nameFromFileName } from "../app/lib/name-from-file-name.ts";
import { generateDemoAssets } from "../dev/demo/generate-demo-assets.ts";
import { hasSharedFixtures, sharedFixturesDir } from "../dev/shared-fixtures-dir.ts";
import { startNodeProcess } from "./failover-scenario.ts";
import { launchChromium } from "./launch-chromium.ts";
import { type LocalStack, startLocalStack } from "./local-stack.ts";
import { watchPage as watch } from "./watch-page.ts";

const SHOTS = join(import.meta.dirname, "..", "test-results", "app-flow");
const PASSWORD = "correct horse battery staple";

interface UploadFile {
  fileName: string;
  bytes: Buffer;
  /** The name the library gives it (the app's own rule). */
  name: string;
}

/** The DI, capture and IR a creator uploads: the real fixtures where present, else generated ones (fresh clones). */
async function creatorFiles(): Promise<{ di: UploadFile; capture: UploadFile; ir: UploadFile }> {
  const file = async (path: string): Promise<UploadFile> => {
    const fileName = basename(path);
    return { fileName, bytes: await readFile(path), name: nameFromFileName(fileName) };
  };
  if (hasSharedFixtures) {
    return {
      di: await file(join(sharedFixturesDir, "di", "gojira_left.wav")),
      capture: await file(join(sharedFixturesDir, "nam", "jcm800-capture-3.nam")),
      ir: await file(join(sharedFixturesDir, "ir", "mesa-os-4x12-57-m160.wav")),
    };
  }
  const generated = await generateDemoAssets(await mkdtemp(join(tmpdir(), "app-flow-")));
  const pick = (fileName: string) => {
    const asset = generated.find((a) => a.fileName === fileName);
    if (!asset) throw new Error(`the demo generator wrote no ${fileName}`);
    return file(asset.path);
  };
  return {
    di: await pick("demo-riff.wav"),
    capture: await pick("demo-crunch.nam"),
    ir: await pick("cab-4x12-closed.wav"),
  };
}

/** What the share page's player exposes as `window.__player.snapshot()` (see app/lib/ab-player.ts). */
interface PlayerState {
  activeChain: number;
  playing: boolean;
  position: number;
  starts: number;
  switches: number;
  contextState: string;
  gains: number[];
  /** Each chain's decoded stem, in frames, and the context's rate. */
  frames: number[];
  sampleRate: number;
}

function playerState(page: Page): Promise<PlayerState | undefined> {
  return page.evaluate(() => (globalThis as { __player?: { snapshot: () => PlayerState } }).__player?.snapshot());
}

/** Frames in a WAV file: its `data` chunk's size over the `fmt ` chunk's bytes per frame (block align). */
function wavFrames(bytes: Buffer): number {
  let blockAlign = 0;
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = bytes.toString("latin1", offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === "fmt ") blockAlign = bytes.readUInt16LE(offset + 20);
    if (id === "data") return size / blockAlign;
    offset += 8 + size + (size % 2);
  }
  throw new Error("no data chunk in the WAV");
}

/** A 0.2 s mono 48 kHz 16-bit WAV: a decaying click, as an IR (its bytes differ per `seed`, so it is new). */
function tinyIrWav(seed: number): Buffer {
  const frames = 9600;
  const data = Buffer.alloc(frames * 2);
  for (let i = 0; i < frames; i++) {
    const value = Math.round(32767 * Math.exp(-i / (200 + seed)) * (i % 2 ? -0.5 : 1));
    data.writeInt16LE(Math.max(-32768, Math.min(32767, value)), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8);
  header.write("fmt ", 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(48_000, 24);
  header.writeUInt32LE(96_000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

describe("the web app, from sign-in to a shared A/B page", () => {
  let stack: LocalStack;
  let browser: Browser;
  let renderNode: ReturnType<typeof startNodeProcess> | undefined;
  let nodeWorkDir: string | undefined;

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    [stack, browser] = await Promise.all([startLocalStack(), launchChromium()]);
  });

  afterAll(async () => {
    renderNode?.child.kill("SIGTERM");
    if (nodeWorkDir) await rm(nodeWorkDir, { recursive: true, force: true });
    await browser?.close();
    await stack?.stop();
  });

  it("a creator renders and shares a shootout; a signed-out listener switches chains while it plays", async () => {
    const creator = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Keeps every WebSocket the page opens, so the test can drop the live-progress connection on purpose.
    await creator.addInitScript(
      "(() => { const Native = window.WebSocket; const sockets = []; window.__sockets = sockets;" +
        " window.WebSocket = class extends Native { constructor(...args) { super(...args); sockets.push(this); } }; })()",
    );
    const inputs = await creatorFiles();
    const page = await creator.newPage();
    // The refused upload below answers 422 on purpose, and Chromium logs that response.
    const problems = watch(page, [/HTTP 4\d\d: .*\/files\/assets\?kind=capture/, /status of 4\d\d/]);
    const shot = async (name: string, target: Page = page) => {
      // From the top, so the sticky header is where it belongs in the full-page picture.
      await target.evaluate("window.scrollTo(0, 0)");
      await target.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    };

    // 1. Sign up, sign out, and sign in again (a wrong password first: the api's message is shown).
    const email = `creator-${Date.now()}@example.com`;
    await page.goto(`${stack.url}signup`, { waitUntil: "networkidle" });
    await page.getByLabel("Display name").fill("E2E Creator");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL(/\/library$/);
    await page.getByRole("button", { name: "Sign out" }).click();
    // Signed out lands on the landing page; leaving earlier would abort its requests.
    await page.getByRole("link", { name: "Sign in" }).first().waitFor();
    await page.waitForLoadState("networkidle");
    await page.goto(`${stack.url}signin`, { waitUntil: "networkidle" });
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").first().textContent()).resolves.toBe("email or password is wrong");
    await shot("01-signin-refused");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/library$/);
    await expect(page.getByTestId("signed-in-as").textContent()).resolves.toBe("E2E Creator");

    // 1b. A render node of one's own: the token is shown once with the command that starts the node, which is run
    // as a real `render-node start` process; the nodes page then lists it as idle.
    await page.goto(`${stack.url}nodes`, { waitUntil: "networkidle" });
    await page.getByLabel("Node name").fill("e2e studio pc");
    await page.getByRole("button", { name: "Create token" }).click();
    const command = (await page.locator(".token-once .command").textContent()) ?? "";
    const token = /GTS_NODE_TOKEN=(\S+) npx render-node start --api (\S+)/.exec(command);
    expect(token?.[2]).toBe(stack.url.replace(/\/$/, ""));
    nodeWorkDir = await mkdtemp(join(tmpdir(), "app-flow-node-"));
    renderNode = startNodeProcess(stack.url, token?.[1] ?? "", nodeWorkDir, { video: true });
    await renderNode.waitFor(/waiting for renders/);
    // No reload: the page keeps node states live (TanStack Query refetches them every 5 s).
    await page
      .locator("tr", { hasText: "e2e studio pc" })
      .getByText("Idle", { exact: true })
      .waitFor({ timeout: 20_000 });
    await shot("01b-render-node");
    await page.goto(`${stack.url}library`, { waitUntil: "networkidle" });

    // 2. An empty library says what to do; then the DI, a capture and two IRs go in, each with a full progress bar,
    // and a file that is no capture is refused by name.
    const assets = page.getByTestId("asset");
    expect(await assets.count()).toBe(0);
    await page.getByText("No DI recordings yet").waitFor();
    await shot("02-library-empty");
    const upload = async (kind: "di" | "capture" | "ir", file: { name: string; buffer: Buffer }) => {
      const before = await assets.count();
      await page.locator(`[data-testid=dropzone-${kind}] + input[type=file]`).setInputFiles({
        ...file,
        mimeType: kind === "capture" ? "application/json" : "audio/wav",
      });
      await page.waitForFunction(`document.querySelectorAll("[data-testid=asset]").length === ${before + 1}`);
    };
    await upload("di", { name: inputs.di.fileName, buffer: inputs.di.bytes });
    await upload("capture", { name: inputs.capture.fileName, buffer: inputs.capture.bytes });
    await upload("ir", { name: inputs.ir.fileName, buffer: inputs.ir.bytes });
    await upload("ir", { name: "e2e-click-ir.wav", buffer: tinyIrWav(Date.now() % 1000) });
    await page.locator("[data-testid=dropzone-capture] + input[type=file]").setInputFiles({
      name: "not-a-model.nam",
      mimeType: "application/json",
      buffer: Buffer.from('{"hello": "world"}'),
    });
    const refusal = page.locator(".upload-refused .field-error");
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toMatch(/not-a-model\.nam/);
    await expect(page.locator(".upload-done [role=progressbar]").first().getAttribute("aria-valuenow")).resolves.toBe(
      "100",
    );
    expect(await page.locator('[data-testid=asset][data-kind="capture"]').count()).toBe(1);
    await expect(page.locator('[data-testid=asset][data-kind="di"] .facts').textContent()).resolves.toMatch(
      /Rate48 kHz/,
    );
    // The api summarised each WAV's waveform as its upload streamed in, and the library draws it (not for a capture).
    const diThumbnail = page.locator('[data-testid=asset][data-kind="di"] [data-testid=waveform-thumbnail]');
    const diName = inputs.di.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    await expect(diThumbnail.getAttribute("aria-label")).resolves.toMatch(
      new RegExp(`^Waveform of ${diName}, peak [−+]?\\d+\\.\\d dBFS$`, "i"),
    );
    // One step per bucket of the 120-bucket summary, and not a flat line.
    const envelope = (await diThumbnail.locator("path").getAttribute("d")) ?? "";
    expect(envelope.match(/H\d+/g)).toHaveLength(2 * 120);
    expect(envelope).toMatch(/L\d+ 0\.\d+H/);
    expect(await page.locator('[data-testid=asset][data-kind="ir"] [data-testid=waveform-thumbnail]').count()).toBe(2);
    expect(
      await page.locator('[data-testid=asset][data-kind="capture"] [data-testid=waveform-thumbnail]').count(),
    ).toBe(0);
    await shot("03-uploads");

    // Rename the click IR.
    const uploaded = assets.filter({ hasText: "e2e click ir" });
    await uploaded.getByRole("button", { name: "Rename" }).click();
    await uploaded.getByLabel("New name for e2e click ir").fill("E2E click IR (renamed)");
    await uploaded.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: "E2E click IR (renamed)" }).waitFor();

    // 4. A two-chain shootout of the uploads: the capture through each IR (the amp engine renders it), +3 dB on one.
    await page.goto(`${stack.url}shootouts/new`, { waitUntil: "networkidle" });
    await page.getByLabel("Title").fill("E2E: open vs closed back");
    const diOption = page.getByLabel("DI recording").locator("option").filter({ hasText: inputs.di.name });
    await page.getByLabel("DI recording").selectOption((await diOption.first().getAttribute("value")) ?? "");
    await page.locator("[data-testid=di-track] .di-facts [data-testid=waveform-thumbnail]").first().waitFor();
    await page.getByLabel("Riff start (s)").fill("0.5");
    await page.getByLabel("Riff end (s)").fill("3.25");
    const captureValue = async (chain: number) =>
      (await page
        .locator(`#chain-${chain}-capture option`)
        .filter({ hasText: inputs.capture.name })
        .first()
        .getAttribute("value")) ?? "";
    await page.locator("#chain-0-name").fill("Open back 1x12");
    await page.locator("#chain-0-capture").selectOption(await captureValue(0));
    await page.locator("#chain-0-ir").selectOption({ label: "E2E click IR (renamed)" });
    await page.locator("#chain-1-name").fill("Closed back 4x12");
    await page.locator("#chain-1-capture").selectOption(await captureValue(1));
    await page.locator("#chain-1-ir").selectOption({ label: inputs.ir.name });
    // Chains start as capture → IR; a gain block comes from the block editor's "Add block" menu.
    const chain2 = page.getByRole("group", { name: "Chain 2", exact: true });
    await chain2.getByRole("button", { name: "Add block" }).click();
    await chain2.getByRole("button", { name: "Gain", exact: true }).click();
    await page.locator("#chain-1-gain").fill("3");
    await shot("04-builder");
    await page.getByRole("button", { name: "Create shootout" }).click();
    await page.waitForURL(/\/shootouts\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { level: 1, name: "E2E: open vs closed back" }).waitFor();
    // A 2.75 s riff, two chains, two rounds.
    await expect(page.getByTestId("program-length").textContent()).resolves.toBe("11.0 s");
    // The live video preview: the Remotion Player with the composition the node renders, silent from the plan until
    // a render exists; a drawn frame shows the chains. The 9:16 toggle swaps in the short, in its own frame.
    const preview = page.getByTestId("video-preview");
    const player = preview.locator(".__remotion-player");
    const playerRatio = async () => {
      const box = await player.boundingBox();
      return box ? box.width / box.height : Number.NaN;
    };
    await player.getByText("Closed back 4x12").first().waitFor({ timeout: 60_000 });
    await expect(preview.getAttribute("data-source")).resolves.toBe("plan");
    expect(await playerRatio()).toBeCloseTo(16 / 9, 2);
    await preview.getByRole("button", { name: "9:16 short" }).click();
    await page.waitForSelector("[data-testid=video-preview][data-composition=ShootoutShort] .__remotion-player");
    expect(await playerRatio()).toBeCloseTo(9 / 16, 2);
    await shot("05-shootout");
    await preview.getByRole("button", { name: "16:9 video" }).click();

    // 5. Render, following live progress over the WebSocket to 100%; the connection is dropped once on the way and
    // must come back resuming after the last event seen: every event exactly once, in order.
    await page.getByRole("button", { name: "Render", exact: true }).click();
    await page.waitForSelector('.connection-live, [data-testid=render-progress]:not([data-last-seq="-1"])');
    await page.waitForSelector('[data-testid=render-progress]:not([data-last-seq="-1"])');
    await shot("06-rendering");
    await page.evaluate("window.__sockets.filter((s) => s.url.includes('/realtime/')).at(-1).close()");
    await page.waitForSelector("[data-testid=render-progress][data-state=succeeded]", { timeout: 90_000 });
    await expect(page.getByTestId("render-percent").textContent()).resolves.toBe("100%");
    const socketUrls = (await page.evaluate(
      "window.__sockets.map((s) => s.url).filter((url) => url.includes('/realtime/'))",
    )) as string[];
    // The first connection asks for everything; the one after the drop resumes after a seq it saw.
    expect(socketUrls.length).toBeGreaterThanOrEqual(2);
    expect(socketUrls[0]).toMatch(/\?after=-1$/);
    expect(socketUrls.at(-1)).toMatch(/\?after=\d+$/);
    const progress = page.getByTestId("render-progress");
    const lastSeq = Number(await progress.getAttribute("data-last-seq"));
    expect(lastSeq).toBeGreaterThan(3);
    await expect(progress.getAttribute("data-event-count")).resolves.toBe(String(lastSeq + 1));
    await page.getByTestId("loudness-table").waitFor();
    expect(await page.locator("[data-testid=loudness-table] tbody tr").count()).toBe(2);
    await expect(page.getByTestId("downloads").textContent()).resolves.toMatch(
      /Program \(WAV, 32-bit float\).*Stem: Open back 1x12 \(WAV, 32-bit float\)/,
    );
    // The preview now plays the render: its cues and loudness, with the program as its soundtrack.
    await page.waitForSelector("[data-testid=video-preview][data-source=render] .__remotion-player");
    await page.waitForFunction('[...document.querySelectorAll("audio")].some((a) => a.src.endsWith("/program.wav"))');
    // The rendered video plays in the page (muted, so no autoplay policy stands in the way).
    const video = (await page.evaluate(
      `(async () => { const v = document.querySelector("[data-testid=render-video]"); v.muted = true; await v.play();
        await new Promise((resolve) => setTimeout(resolve, 1500)); v.pause();
        return { time: v.currentTime, duration: v.duration, error: v.error ? v.error.code : null }; })()`,
    )) as { time: number; duration: number; error: number | null };
    expect(video).toMatchObject({ error: null });
    expect(video.time).toBeGreaterThan(0.3);
    expect(video.duration).toBeGreaterThan(10);
    await shot("07-rendered");

    // 6. Unlisted: the share link appears.
    await page.getByRole("button", { name: "Unlisted" }).click();
    const shareInput = page.getByTestId("share-url");
    await shareInput.waitFor();
    const shareUrl = await shareInput.inputValue();
    expect(shareUrl).toMatch(/\/s\/[0-9a-f-]{36}$/);
    await page.waitForSelector(".badge-unlisted");
    await shot("08-unlisted");
    expect(problems).toEqual([]);

    // 7. A listener, signed out, in a fresh browser context.
    const listener = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const share = await listener.newPage();
    const listenerProblems = watch(share);
    const stemRequests: string[] = [];
    share.on("request", (request) => {
      const stem = /\/artifacts\/(stem-\d+\.(?:flac|wav))$/.exec(new URL(request.url()).pathname)?.[1];
      if (stem) stemRequests.push(stem);
    });
    const response = await share.goto(shareUrl, { waitUntil: "networkidle" });
    expect(response?.headers()["cache-control"]).toMatch(/public/);
    await expect(share.locator("h1").textContent()).resolves.toBe("E2E: open vs closed back");
    await expect(share.locator(".chain-list").textContent()).resolves.toMatch(/E2E click IR \(renamed\)/);
    await share.waitForSelector("[data-testid=ab-player][data-ready=true]", { timeout: 30_000 });
    expect(await share.getByTestId("render-video").count()).toBe(1);
    await shot("09-share", share);

    // The player fetched the FLAC listening stems, not the float WAVs, and decoded each (at the stems' 48 kHz) to
    // exactly as many frames as the WAV stem that the Files list offers beside it.
    // (Each may be fetched twice: in development React mounts the player twice, StrictMode's check of its cleanup.)
    expect([...new Set(stemRequests)].sort()).toEqual(["stem-0.flac", "stem-1.flac"]);
    const loaded = await playerState(share);
    expect(loaded?.sampleRate).toBe(48_000);
    const stemLink = (chain: string, format: string) =>
      share.getByRole("link", { name: `Stem: ${chain} (${format})`, exact: true }).getAttribute("href");
    const wavLengths: number[] = [];
    for (const chain of ["Open back 1x12", "Closed back 4x12"]) {
      expect(await stemLink(chain, "FLAC, 24-bit")).toMatch(/\/stem-\d\.flac$/);
      const wav = await listener.request.get(
        new URL((await stemLink(chain, "WAV, 32-bit float")) ?? "", shareUrl).href,
      );
      wavLengths.push(wavFrames(await wav.body()));
    }
    expect(wavLengths[0]).toBeGreaterThan(10 * 48_000);
    expect(loaded?.frames).toEqual(wavLengths);
    // Sample-aligned too: the browser's decoding of a FLAC stem is its WAV's samples to within 24-bit rounding.
    const alignment = (await share.evaluate(`(async () => {
      const decode = async (name) => new OfflineAudioContext(2, 1, 48000).decodeAudioData(
        await (await fetch(document.querySelector('a[href$="/' + name + '"]').href)).arrayBuffer());
      const [flac, wav] = await Promise.all([decode("stem-1.flac"), decode("stem-1.wav")]);
      let worst = flac.numberOfChannels === wav.numberOfChannels ? 0 : Infinity;
      for (let c = 0; c < wav.numberOfChannels; c++) {
        const a = flac.getChannelData(c), b = wav.getChannelData(c);
        for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
      }
      return { flacFrames: flac.length, wavFrames: wav.length, worstLsb24: worst * 2 ** 23 };
    })()`)) as { flacFrames: number; wavFrames: number; worstLsb24: number };
    expect(alignment.flacFrames).toBe(alignment.wavFrames);
    expect(alignment.worstLsb24).toBeLessThanOrEqual(0.5);

    await share.getByTestId("play").click();
    await share.waitForSelector("[data-testid=ab-player][data-playing=true]");
    await share.waitForTimeout(400);
    const playing = await playerState(share);
    expect(playing).toMatchObject({ activeChain: 0, playing: true, starts: 1, contextState: "running" });

    await share.keyboard.press("2");
    await share.waitForSelector("[data-testid=ab-player][data-active-chain='1']");
    await share.waitForTimeout(400);
    const switched = await playerState(share);
    // Same sources still running (no restart), the position kept moving, and the gains swapped.
    expect(switched).toMatchObject({ activeChain: 1, playing: true, starts: 1, switches: 1, gains: [0, 1] });
    expect(switched?.position).toBeGreaterThan(playing?.position ?? Number.POSITIVE_INFINITY);
    await expect(share.getByTestId("chain-button-1").getAttribute("aria-pressed")).resolves.toBe("true");
    await shot("10-share-switched", share);

    await share.keyboard.press("1");
    await share.waitForSelector("[data-testid=ab-player][data-active-chain='0']");
    expect(await playerState(share)).toMatchObject({ playing: true, starts: 1 });
    expect(listenerProblems).toEqual([]);
    expect(problems).toEqual([]);
  });
});
