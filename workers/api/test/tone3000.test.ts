/**
 * TONE3000 against the local stand-in (dev/tone3000-fake, started by vitest.config.ts), through the api's real
 * routes: OAuth + PKCE, token storage and refresh rotation, search, import by reference, and render-time streaming.
 */
import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { createDatabase } from "../src/context.ts";
import { tone3000Accounts, tone3000OAuthStates, users } from "../src/db/schema.ts";
import { encryptToken } from "../src/tone3000/token-cipher.ts";
import { Tone3000Error } from "../src/tone3000/tone3000-error.ts";
import { resetTone3000RateLimit, tone3000Fetch } from "../src/tone3000/tone3000-http.ts";
import { tone3000AccessToken } from "../src/tone3000/tone3000-session.ts";
import { sha256Hex } from "./support/audio-files.ts";
import { type BrowserClient, browserClient, trpcFailure, uniqueEmail } from "./support/browser-client.ts";
import { creatorWithLibrary } from "./support/library.ts";
import { nodeClient } from "./support/node-client.ts";
import {
  approveOnFake,
  fakeControl,
  fakeStats,
  fakeUrl,
  finishFlow,
  startFlow,
} from "./support/tone3000-fake-client.ts";
import { uploadJson } from "./support/upload.ts";

const db = createDatabase(env.DB);
const JCM800_TONE_ID = 44269;

/** Signs in with TONE3000 from a fresh browser (the stand-in's di_tester), returning the signed-in browser. */
async function signInWithTone3000(browser: BrowserClient = browserClient()) {
  const authorize = await startFlow(browser, "purpose=signin&returnTo=/library");
  const callback = await approveOnFake(authorize.toString());
  const { location } = await finishFlow(browser, callback);
  expect(location).toBe("/library");
  return browser;
}

/** A password account that connects TONE3000 through the link flow (each test gets its own TONE3000 session). */
async function linkedCreator() {
  const browser = browserClient();
  const user = await browser.trpc.auth.signUp.mutate({
    email: uniqueEmail("t3k"),
    password: "correct horse battery",
    displayName: "Linker",
  });
  // di_tester can be linked to one account only: free it from whoever linked it before.
  await db.update(users).set({ tone3000UserId: null }).where(eq(users.tone3000UserId, DI_TESTER_ID));
  const authorize = await startFlow(browser, "purpose=link&returnTo=/library/tone3000");
  const { location } = await finishFlow(browser, await approveOnFake(authorize.toString()));
  expect(location).toBe("/library/tone3000");
  return { browser, user };
}
const DI_TESTER_ID = "0b7e2c1a-5d7f-4a53-9a57-3c2f0e6d9a10";

async function expireOurAccessToken(userId: string) {
  await db
    .update(tone3000Accounts)
    .set({ accessExpiresAt: new Date(Date.now() - 1000) })
    .where(eq(tone3000Accounts.userId, userId));
}

describe("OAuth 2.0 + PKCE", () => {
  it("sends the browser to TONE3000's authorize endpoint with an S256 challenge, a fresh state and our callback", async () => {
    const authorize = await startFlow(browserClient(), "purpose=signin");
    expect(authorize.origin + authorize.pathname).toBe(`${fakeUrl()}/api/v1/oauth/authorize`);
    const q = authorize.searchParams;
    expect(q.get("client_id")).toBe(env.TONE3000_CLIENT_ID);
    expect(q.get("response_type")).toBe("code");
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get("state")).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(q.get("redirect_uri")).toBe("http://localhost:5173/auth/tone3000/callback");
    const again = await startFlow(browserClient(), "purpose=signin");
    expect(again.searchParams.get("state")).not.toBe(q.get("state"));
    expect(again.searchParams.get("code_challenge")).not.toBe(q.get("code_challenge"));
  });

  it("signs in with TONE3000, creating one user for the TONE3000 account and keeping its tokens encrypted", async () => {
    await db.update(users).set({ tone3000UserId: null }).where(eq(users.tone3000UserId, DI_TESTER_ID));
    const browser = await signInWithTone3000();
    const me = await browser.trpc.auth.me.query();
    expect(me).toMatchObject({ displayName: "di_tester", email: null });
    const status = await browser.trpc.tone3000.status.query();
    expect(status).toMatchObject({
      available: true,
      localStandIn: true,
      account: { username: "di_tester", needsReauth: false },
    });
    const account = await db.query.tone3000Accounts.findFirst({ where: eq(tone3000Accounts.userId, me?.id ?? "") });
    expect(account?.accessTokenEnc).toMatch(/^v1\./);
    expect(account?.refreshTokenEnc).toMatch(/^v1\./);
    // The plaintext token works against TONE3000 and is not what the table holds.
    const { token } = await tone3000AccessToken({ db, config: tone3000Config(), now: () => new Date() }, me?.id ?? "");
    expect(account?.accessTokenEnc).not.toContain(token);
    expect((await fetch(`${fakeUrl()}/api/v1/user`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(
      200,
    );
    // Signing in again finds the same user.
    const second = await signInWithTone3000();
    expect((await second.trpc.auth.me.query())?.id).toBe(me?.id);
  });

  it("rejects a callback whose state was not issued here, and a replayed one", async () => {
    const browser = browserClient();
    const authorize = await startFlow(browser, "purpose=signin");
    const callback = await approveOnFake(authorize.toString());
    const forged = new URL(callback);
    forged.searchParams.set("state", "not-a-state-we-issued");
    const refused = await finishFlow(browser, forged);
    expect(refused.location).toMatch(/^\/signin\?tone3000_error=/);
    expect(errorOf(refused.location)).toContain("unknown or expired state");
    expect(refused.response.headers.getSetCookie()).toEqual([]);
    const before = (await fakeStats()).authorizationCodeGrants;
    // The genuine callback still works once; replaying it is refused before any exchange.
    expect((await finishFlow(browser, callback)).location).toBe("/library");
    const replay = await finishFlow(browserClient(), callback);
    expect(replay.location).toMatch(/^\/signin\?tone3000_error=/);
    expect((await fakeStats()).authorizationCodeGrants).toBe(before + 1);
  });

  it("fails cleanly when the PKCE verifier does not match the challenge (TONE3000 refuses the code)", async () => {
    const browser = browserClient();
    const authorize = await startFlow(browser, "purpose=signin");
    const state = authorize.searchParams.get("state") ?? "";
    // Swap the stored verifier for another one: the challenge TONE3000 holds no longer matches.
    await db
      .update(tone3000OAuthStates)
      .set({ verifierEnc: await encryptToken(env.TONE3000_TOKEN_KEY, "x".repeat(43), `tone3000:verifier:${state}`) })
      .where(eq(tone3000OAuthStates.state, state));
    const { location, response } = await finishFlow(browser, await approveOnFake(authorize.toString()));
    expect(location).toMatch(/^\/signin\?tone3000_error=/);
    expect(errorOf(location)).toMatch(/invalid_grant/);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("explains a declined or canceled sign-in, and still signs in when a canceled flow carries a code", async () => {
    const declined = browserClient();
    const denied = await finishFlow(
      declined,
      await approveOnFake((await startFlow(declined, "purpose=signin")).toString(), { action: "deny" }),
    );
    expect(errorOf(denied.location)).toContain("access was declined");

    const canceler = browserClient();
    const canceled = await finishFlow(
      canceler,
      await approveOnFake((await startFlow(canceler, "purpose=signin")).toString(), {
        action: "cancel",
        signedIn: false,
      }),
    );
    expect(errorOf(canceled.location)).toBe("TONE3000 sign-in was canceled.");

    const late = browserClient();
    const withCode = await approveOnFake((await startFlow(late, "purpose=signin")).toString(), {
      action: "cancel",
      signedIn: true,
    });
    expect(withCode.searchParams.get("canceled")).toBe("true");
    expect(withCode.searchParams.get("code")).toBeTruthy();
    expect((await finishFlow(late, withCode)).location).toBe("/library");
    expect(await late.trpc.auth.me.query()).not.toBeNull();
  });

  it("returns the tone picked in TONE3000's select flow to the library browser", async () => {
    const { browser } = await linkedCreator();
    const authorize = await startFlow(browser, "purpose=select&returnTo=/library/tone3000&format=nam");
    expect(authorize.searchParams.get("prompt")).toBe("select_tone");
    expect(authorize.searchParams.get("format")).toBe("nam");
    const { location } = await finishFlow(
      browser,
      await approveOnFake(authorize.toString(), { toneId: JCM800_TONE_ID }),
    );
    expect(location).toBe(`/library/tone3000?tone=${JCM800_TONE_ID}`);
    const closed = await startFlow(browser, "purpose=select&returnTo=/library/tone3000");
    const { location: noPick } = await finishFlow(
      browser,
      await approveOnFake(closed.toString(), { action: "cancel", signedIn: false }),
    );
    const notice = new URL(noPick, "http://localhost");
    expect(notice.pathname).toBe("/library/tone3000");
    expect(notice.searchParams.get("tone3000_notice")).toBe("No tone was picked on TONE3000.");
    expect(notice.searchParams.has("tone3000_error")).toBe(false);
  });

  it("asks a signed-out browser to sign in before linking, and refuses linking an account linked elsewhere", async () => {
    const signedOut = await browserClient().fetch("/auth/tone3000/start?purpose=link", { redirect: "manual" });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("Location")).toMatch(/^\/signin\?next=/);

    await linkedCreator();
    const other = browserClient();
    await other.trpc.auth.signUp.mutate({
      email: uniqueEmail("other"),
      password: "correct horse battery",
      displayName: "O",
    });
    const authorize = await startFlow(other, "purpose=link&returnTo=/library/tone3000");
    const { location } = await finishFlow(other, await approveOnFake(authorize.toString()));
    expect(errorOf(location)).toContain("already connected to another");
  });
});

describe("tokens", () => {
  it("serialises refreshes: two concurrent requests with an expired token cause one rotation", async () => {
    const { browser, user } = await linkedCreator();
    await expireOurAccessToken(user.id);
    const before = (await fakeStats()).refreshGrants;
    const [a, b] = await Promise.all([
      browser.trpc.tone3000.search.query({ query: "jcm" }),
      browser.trpc.tone3000.search.query({ query: "jcm" }),
    ]);
    expect(a.total).toBeGreaterThan(0);
    expect(b.total).toBe(a.total);
    expect((await fakeStats()).refreshGrants).toBe(before + 1);
    const account = await db.query.tone3000Accounts.findFirst({ where: eq(tone3000Accounts.userId, user.id) });
    expect(account?.refreshLockUntil).toBeNull();
    expect(account?.accessExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 30 * 60 * 1000);
  });

  it("refreshes once and retries when TONE3000 answers 401 to a token we thought valid", async () => {
    const { browser } = await linkedCreator();
    await fakeControl("expire-access-tokens");
    const before = (await fakeStats()).refreshGrants;
    expect((await browser.trpc.tone3000.search.query({ query: "jcm" })).total).toBeGreaterThan(0);
    expect((await fakeStats()).refreshGrants).toBe(before + 1);
  });

  it("turns a revoked refresh token into a clean re-login", async () => {
    const { browser, user } = await linkedCreator();
    await fakeControl("revoke-refresh-tokens");
    await expireOurAccessToken(user.id);
    const failure = await trpcFailure(browser.trpc.tone3000.search.query({ query: "jcm" }));
    expect(failure.code).toBe("UNAUTHORIZED");
    expect(failure.message).toMatch(/sign in with TONE3000 again/);
    expect((await browser.trpc.tone3000.status.query()).account).toMatchObject({ needsReauth: true });
    // Still signed in to us; connecting again restores TONE3000 access.
    const authorize = await startFlow(browser, "purpose=link&returnTo=/library/tone3000");
    await finishFlow(browser, await approveOnFake(authorize.toString()));
    expect((await browser.trpc.tone3000.status.query()).account).toMatchObject({ needsReauth: false });
    expect((await browser.trpc.tone3000.search.query({ query: "jcm" })).total).toBeGreaterThan(0);
  });

  it("says to connect TONE3000 first when the user never did", async () => {
    const browser = browserClient();
    await browser.trpc.auth.signUp.mutate({
      email: uniqueEmail("plain"),
      password: "correct horse battery",
      displayName: "P",
    });
    const failure = await trpcFailure(browser.trpc.tone3000.search.query({}));
    expect(failure).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(failure.message).toMatch(/Connect your TONE3000 account/);
    expect((await browser.trpc.tone3000.status.query()).account).toBeNull();
  });
});

describe("browse and import", () => {
  it("searches with filters and pages, and shows a tone with the models of every architecture", async () => {
    const { browser } = await linkedCreator();
    const page = await browser.trpc.tone3000.search.query({
      query: "jcm",
      format: "nam",
      architecture: "2",
      pageSize: 25,
    });
    const jcm = page.items.find((tone) => tone.id === JCM800_TONE_ID);
    expect(jcm).toMatchObject({
      title: "JCM800 2203",
      gearLabel: "Amp Head",
      format: "nam",
      creator: { username: "szymon" },
    });
    expect(page).toMatchObject({ page: 1, pageSize: 25 });
    const { tone, models } = await browser.trpc.tone3000.tone.query({ toneId: JCM800_TONE_ID });
    expect(tone).toMatchObject({ licence: "cc-by" });
    expect(models.length).toBe(tone.modelCounts.a1 + tone.modelCounts.a2 + tone.modelCounts.custom);
    expect(new Set(models.map((m) => m.architecture))).toEqual(
      new Set(["1", "2"].filter((a) => models.some((m) => m.architecture === a))),
    );
    expect(models.every((m) => m.importedAssetId === null)).toBe(true);
    const unknown = await trpcFailure(browser.trpc.tone3000.tone.query({ toneId: 999_999_999 }));
    expect(unknown.code).toBe("NOT_FOUND");
  });

  it("imports a capture as a reference: validated metadata and attribution, no bytes in R2", async () => {
    const { browser, user } = await linkedCreator();
    const { models } = await browser.trpc.tone3000.tone.query({ toneId: JCM800_TONE_ID });
    const model = models[0];
    if (!model) throw new Error("the JCM800 tone has no models");
    const downloadsBefore = (await fakeStats()).modelDownloads;
    const { asset, deduplicated } = await browser.trpc.tone3000.importModel.mutate({
      toneId: JCM800_TONE_ID,
      modelId: model.id,
    });
    expect(deduplicated).toBe(false);
    expect((await fakeStats()).modelDownloads).toBe(downloadsBefore + 1);
    expect(asset).toMatchObject({
      kind: "capture",
      source: "tone3000",
      downloadPath: null,
      licence: "cc-by",
      author: "szymon",
      metadata: { kind: "capture" },
      tone3000: {
        toneId: JCM800_TONE_ID,
        modelId: model.id,
        toneTitle: "JCM800 2203",
        creator: "szymon",
        licence: "cc-by",
      },
      licenceWarning: null,
    });
    expect(asset.tone3000?.toneUrl).not.toMatch(/\.com\/\//);
    expect((await env.MEDIA.list({ prefix: `assets/${user.id}/` })).objects).toEqual([]);
    // Adding it again returns the same asset without downloading again.
    const again = await browser.trpc.tone3000.importModel.mutate({ toneId: JCM800_TONE_ID, modelId: model.id });
    expect(again).toMatchObject({ deduplicated: true, asset: { id: asset.id } });
    expect((await fakeStats()).modelDownloads).toBe(downloadsBefore + 1);
    const { models: marked } = await browser.trpc.tone3000.tone.query({ toneId: JCM800_TONE_ID });
    expect(marked.find((m) => m.id === model.id)?.importedAssetId).toBe(asset.id);
    // Nothing of ours to download.
    expect((await browser.fetch(`/files/assets/${asset.id}`)).status).toBe(404);
    // A model of another tone is refused with the reason.
    const mismatch = await trpcFailure(browser.trpc.tone3000.importModel.mutate({ toneId: 1612, modelId: model.id }));
    expect(mismatch.message).toMatch(/does not belong to tone 1612/);
  });

  it("keeps a reference as its own entry, with its credit, when the user also uploaded the same file", async () => {
    const { browser, user } = await linkedCreator();
    const { models } = await browser.trpc.tone3000.tone.query({ toneId: JCM800_TONE_ID });
    const model = models[0];
    if (!model) throw new Error("the JCM800 tone has no models");
    const { token } = await tone3000AccessToken({ db, config: tone3000Config(), now: () => new Date() }, user.id);
    const detail = (await (
      await fetch(`${fakeUrl()}/api/v1/models/${model.id}`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { model_url: string };
    const bytes = new Uint8Array(
      await (await fetch(detail.model_url, { headers: { Authorization: `Bearer ${token}` } })).arrayBuffer(),
    );
    const uploaded = await uploadJson(browser, { kind: "capture", fileName: "my-copy.nam", bytes });
    expect(uploaded.status).toBe(201);
    const { asset, deduplicated } = await browser.trpc.tone3000.importModel.mutate({
      toneId: JCM800_TONE_ID,
      modelId: model.id,
    });
    expect(deduplicated).toBe(false);
    expect(asset.id).not.toBe(uploaded.body.asset.id);
    expect(asset).toMatchObject({
      source: "tone3000",
      sha256: uploaded.body.asset.sha256,
      tone3000: { creator: "szymon" },
    });
    // Looking up stored bytes finds the upload, never the reference.
    const bySha = await browser.trpc.asset.list.query({ sha256: asset.sha256 });
    expect(bySha.items.map((a) => a.id)).toEqual([uploaded.body.asset.id]);
  });

  it("imports an IR tone's model as an IR asset", async () => {
    const { browser } = await linkedCreator();
    const page = await browser.trpc.tone3000.search.query({ format: "ir" });
    const irTone = page.items[0];
    if (!irTone) throw new Error("the stand-in has no IR tone");
    const { models } = await browser.trpc.tone3000.tone.query({ toneId: irTone.id });
    const { asset } = await browser.trpc.tone3000.importModel.mutate({
      toneId: irTone.id,
      modelId: models[0]?.id ?? 0,
    });
    expect(asset).toMatchObject({ kind: "ir", source: "tone3000", metadata: { kind: "audio" } });
  });
});

describe("rendering a TONE3000 model", () => {
  it("streams the model from TONE3000 to the node holding the render, and stores no copy", async () => {
    const lib = await creatorWithLibrary();
    await db.update(users).set({ tone3000UserId: null }).where(eq(users.tone3000UserId, DI_TESTER_ID));
    const authorize = await startFlow(lib.browser, "purpose=link&returnTo=/library/tone3000");
    await finishFlow(lib.browser, await approveOnFake(authorize.toString()));
    const { models } = await lib.browser.trpc.tone3000.tone.query({ toneId: JCM800_TONE_ID });
    const { asset } = await lib.browser.trpc.tone3000.importModel.mutate({
      toneId: JCM800_TONE_ID,
      modelId: models[0]?.id ?? 0,
    });
    const shootout = await lib.browser.trpc.shootout.create.mutate({
      title: "TONE3000 vs upload",
      diTracks: [{ assetId: lib.diId, riffs: [{ startSeconds: 0.5, endSeconds: 4 }] }],
      chains: [
        {
          name: "JCM800",
          colour: "#F5A524",
          blocks: [
            { type: "capture", assetId: asset.id },
            { type: "ir", assetId: lib.irId },
          ],
        },
        { name: "Upload", colour: "#17c964", blocks: [{ type: "capture", assetId: lib.captureIds[0] }] },
      ],
    });
    const { id: renderId } = await lib.browser.trpc.render.submit.mutate({ shootoutId: shootout.id });
    const { token } = await lib.browser.trpc.node.create.mutate({ name: "node" });
    const claim = await nodeClient(token).render.claim.mutate({});
    const block = claim?.spec.chains[0]?.blocks[0];
    expect(block).toMatchObject({
      type: "capture",
      sha256: asset.sha256,
      tone3000: { toneId: JCM800_TONE_ID, modelId: models[0]?.id, creator: "szymon", licence: "cc-by" },
    });
    const downloadsBefore = (await fakeStats()).modelDownloads;
    const response = await exports.default.fetch(
      new Request(`http://localhost:5173/files/renders/${renderId}/inputs/${asset.sha256}`, {
        headers: { Authorization: `Bearer ${token}` },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("X-GTS-Input-Policy")).toBe("transient");
    expect(await sha256Hex(new Uint8Array(await response.arrayBuffer()))).toBe(asset.sha256);
    expect((await fakeStats()).modelDownloads).toBe(downloadsBefore + 1);
    // No object of this user's, and nothing outside the per-user asset folders, carries the model (another test's
    // user uploads the same file on purpose).
    const everything = await env.MEDIA.list();
    const ours = everything.objects.filter(
      (o) => !o.key.startsWith("assets/") || o.key.startsWith(`assets/${lib.user.id}/`),
    );
    expect(ours.length).toBeGreaterThan(0);
    const stored = await Promise.all(
      ours.map(async (o) => (await env.MEDIA.get(o.key))?.arrayBuffer().then((b) => sha256Hex(new Uint8Array(b)))),
    );
    expect(stored).not.toContain(asset.sha256);
  });

  it("fails the input with a plain reason when the owner's TONE3000 session has ended", async () => {
    const lib = await creatorWithLibrary();
    await db.update(users).set({ tone3000UserId: null }).where(eq(users.tone3000UserId, DI_TESTER_ID));
    await finishFlow(lib.browser, await approveOnFake((await startFlow(lib.browser, "purpose=link")).toString()));
    const { models } = await lib.browser.trpc.tone3000.tone.query({ toneId: JCM800_TONE_ID });
    const { asset } = await lib.browser.trpc.tone3000.importModel.mutate({
      toneId: JCM800_TONE_ID,
      modelId: models[0]?.id ?? 0,
    });
    const shootout = await lib.browser.trpc.shootout.create.mutate({
      title: "Session ends",
      diTracks: [{ assetId: lib.diId, riffs: [{ startSeconds: 0.5, endSeconds: 4 }] }],
      chains: [
        { name: "A", colour: "#F5A524", blocks: [{ type: "capture", assetId: asset.id }] },
        { name: "B", colour: "#17c964", blocks: [{ type: "capture", assetId: lib.captureIds[0] }] },
      ],
    });
    const { id: renderId } = await lib.browser.trpc.render.submit.mutate({ shootoutId: shootout.id });
    const { token } = await lib.browser.trpc.node.create.mutate({ name: "node" });
    await nodeClient(token).render.claim.mutate({});
    await fakeControl("revoke-refresh-tokens");
    await expireOurAccessToken(lib.user.id);
    const response = await exports.default.fetch(
      new Request(`http://localhost:5173/files/renders/${renderId}/inputs/${asset.sha256}`, {
        headers: { Authorization: `Bearer ${token}` },
      }),
    );
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/TONE3000 model .* sign in with TONE3000 again/);
  });
});

/** The message our callback put in `?tone3000_error=`. */
function errorOf(location: string): string | null {
  return new URL(location, "http://localhost").searchParams.get("tone3000_error");
}

function tone3000Config() {
  return {
    baseUrl: env.TONE3000_BASE_URL,
    clientId: env.TONE3000_CLIENT_ID,
    tokenKeyBase64: env.TONE3000_TOKEN_KEY,
    localStandIn: true,
  };
}

describe("rate limits", () => {
  it("reports TONE3000's 429 with its wait, then fails fast without adding to the limit until it has passed", async () => {
    const { browser } = await linkedCreator();
    await fakeControl("reset-rate-limit");
    // The stand-in allows 100 requests a minute per client, like TONE3000 by default.
    let failure: { code: string; message: string } | null = null;
    for (let batch = 0; batch < 8 && !failure; batch++) {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => browser.trpc.tone3000.search.query({ query: "jcm" })),
      );
      const rejected = results.find((r) => r.status === "rejected");
      if (rejected) failure = await trpcFailure(Promise.reject(rejected.reason));
    }
    expect(failure).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(failure?.message).toMatch(/try again in (2\d|30) s/);
    const seen = (await fakeStats()).requestsByPath["/api/v1/tones/search"] ?? 0;
    const again = await trpcFailure(browser.trpc.tone3000.search.query({ query: "jcm" }));
    expect(again.code).toBe("TOO_MANY_REQUESTS");
    expect((await fakeStats()).requestsByPath["/api/v1/tones/search"] ?? 0).toBe(seen);
    await fakeControl("reset-rate-limit");
    resetTone3000RateLimit();
  });
});

describe("talking to TONE3000", () => {
  it("says plainly when TONE3000 cannot be reached", async () => {
    const config = { ...tone3000Config(), baseUrl: "http://127.0.0.1:9" };
    const error = await tone3000Fetch(config, "/user", { accessToken: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Tone3000Error);
    expect(error).toMatchObject({ code: "UNREACHABLE" });
    expect((error as Error).message).toMatch(
      /TONE3000 could not be reached \(GET \/api\/v1\/user: .*\)\. Check the connection/,
    );
  });

  it("logs TONE3000's deprecation headers, and never sends the user's token to another origin", async () => {
    const { user } = await linkedCreator();
    const { token } = await tone3000AccessToken({ db, config: tone3000Config(), now: () => new Date() }, user.id);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const response = await tone3000Fetch(tone3000Config(), "/tones/search?platform=nam", { accessToken: token });
      expect(response.headers.get("Deprecation")).toBe("true");
      await response.body?.cancel();
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/TONE3000 deprecation on GET \/api\/v1\/tones\/search: .*legacy_platform_key/),
      );
    } finally {
      warn.mockRestore();
    }
    const elsewhere = await tone3000Fetch(tone3000Config(), "https://example.com/models/1.nam", {
      accessToken: token,
    }).catch((e: unknown) => e);
    expect(elsewhere).toMatchObject({ code: "BAD_RESPONSE" });
    expect((elsewhere as Error).message).toMatch(/pointed at https:\/\/example\.com, which is not/);
  });
});
