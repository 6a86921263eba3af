/**
 * @module Contract tests for the local TONE3000 stand-in: every endpoint is called over HTTP and parsed with the
 * wire schemas the api's client uses (`tone3000-wire.ts`), and the behaviours `docs/tone3000-api.md` documents
 * (§3 OAuth + PKCE, §5–§10, §13) are asserted. The literal §13 bodies are parsed too, so the schemas are checked
 * against the docs. The suite runs against the generated catalogue always and the shared-fixtures one where present.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  tone3000ErrorSchema,
  tone3000ModelPageSchema,
  tone3000ModelSchema,
  tone3000OAuthErrorSchema,
  tone3000TokensSchema,
  tone3000ToneListSchema,
  tone3000TonePageSchema,
  tone3000ToneSchema,
  tone3000UserSchema,
} from "../../workers/api/src/contract/tone3000/tone3000-wire.ts";
import { generateDemoAssets } from "../demo/generate-demo-assets.ts";
import { hasSharedFixtures, sharedFixturesDir } from "../shared-fixtures-dir.ts";
import { type FakeCatalog, loadFakeCatalog } from "./fake-catalog.ts";
import { startTone3000Fake, type Tone3000Fake } from "./start-tone3000-fake.ts";

// --- §13 example bodies, copied literally ---
const EXAMPLE_TOKENS = {
  access_token: "fake-at-1",
  refresh_token: "fake-rt-1",
  token_type: "bearer",
  expires_in: 3600,
  scope: "read",
};
const EXAMPLE_REUSED_REFRESH = { error: "invalid_grant", error_description: "Refresh token already used or expired" };
const EXAMPLE_USER = {
  id: "0b7e2c1a-5d7f-4a53-9a57-3c2f0e6d9a10",
  username: "di_tester",
  display_name: null,
  is_verified: false,
  avatar_url: null,
  bio: null,
  links: null,
  created_at: "2026-06-03T17:29:54.434431+00:00",
  updated_at: "2026-06-03T17:29:54.434431+00:00",
  url: "https://www.tone3000.com/di_tester",
};
const EXAMPLE_SEARCH = {
  data: [
    {
      id: 44269,
      title: "JCM800 2203",
      description: "Lead channel, gain 7",
      tags: [{ name: "crunch" }],
      makes: [{ name: "Marshall JCM800" }],
      gear: "amp",
      format: "nam",
      models_count: 6,
      a1_models_count: 3,
      a2_models_count: 3,
      irs_count: 0,
      custom_models_count: 0,
      favorites_count: 12,
      downloads_count: 870,
      created_at: "2026-02-01T10:00:00.000+00:00",
      updated_at: "2026-02-01T10:00:00.000+00:00",
      images: ["https://api.tone3000.com/storage/v1/object/public/images/fake1.jpg"],
      user_id: "9f1d6c2e-0000-4000-8000-000000000001",
      user: {
        id: "9f1d6c2e-0000-4000-8000-000000000001",
        username: "szymon",
        avatar_url: null,
        url: "https://www.tone3000.com/szymon",
      },
      url: "https://www.tone3000.com/jcm800-2203-44269",
    },
  ],
  page: 1,
  page_size: 2,
  total: 1,
  total_pages: 1,
};
/** §13 describes the detail in words: the search item plus these fields, makes with ids, A1 models_count. */
const EXAMPLE_SEARCH_ITEM = EXAMPLE_SEARCH.data[0] as (typeof EXAMPLE_SEARCH.data)[number];
const EXAMPLE_DETAIL = {
  ...EXAMPLE_SEARCH_ITEM,
  makes: [{ id: 1701, name: "Marshall JCM800" }],
  models_count: 3,
  license: "cc-by",
  sizes: ["standard"],
  links: [],
  is_public: true,
  is_favorite: false,
};
const EXAMPLE_MODELS = {
  data: [
    {
      id: 300101,
      tone_id: 44269,
      user_id: "9f1d6c2e-0000-4000-8000-000000000001",
      name: "JCM800 capture 3",
      model_url: "https://www.tone3000.com/api/v1/models/300101/download/k3j9x2.nam",
      size: "standard",
      architecture_version: "2",
      created_at: "2026-02-01T10:05:00.000+00:00",
      updated_at: "2026-02-01T10:05:00.000+00:00",
    },
  ],
  page: 1,
  page_size: 2,
  total: 3,
  total_pages: 2,
};
const EXAMPLE_IR_MODEL = {
  id: 300201,
  tone_id: 1612,
  name: "Mesa OS 4x12 57 m160",
  size: null,
  architecture_version: null,
  model_url: "https://www.tone3000.com/api/v1/models/300201/download/p0q1r2.wav",
};
const EXAMPLE_FORBIDDEN = { error: "Forbidden" };
const EXAMPLE_UNAUTHORIZED = { error: "Missing or invalid Authorization header" };
const EXAMPLE_BAD_ARCHITECTURE = { error: "architecture must be '1', '2', or 'custom' when provided" };

describe("docs §13 example bodies parse with the wire schemas", () => {
  it("tokens, user, search page, detail, models page, IR model, errors", () => {
    expect(tone3000TokensSchema.parse(EXAMPLE_TOKENS)).toMatchObject({ token_type: "bearer", expires_in: 3600 });
    expect(tone3000OAuthErrorSchema.parse(EXAMPLE_REUSED_REFRESH)).toEqual(EXAMPLE_REUSED_REFRESH);
    expect(tone3000OAuthErrorSchema.parse({ code: 400, error_code: "refresh_token_not_found", msg: "x" })).toBeTruthy();
    expect(tone3000UserSchema.parse(EXAMPLE_USER)).toMatchObject({ username: "di_tester", links: [] });
    const page = tone3000TonePageSchema.parse(EXAMPLE_SEARCH);
    expect(page.data[0]).toMatchObject({ id: 44269, models_count: 6, sizes: [] });
    expect(page.data[0]?.license).toBeUndefined();
    expect(tone3000ToneSchema.parse(EXAMPLE_DETAIL)).toMatchObject({ models_count: 3, license: "cc-by" });
    expect(tone3000ToneSchema.parse({ ...EXAMPLE_DETAIL, format: "ir", gear: "cab", sizes: null }).sizes).toEqual([]);
    expect(tone3000ModelPageSchema.parse(EXAMPLE_MODELS).data[0]?.architecture_version).toBe("2");
    expect(tone3000ModelSchema.parse(EXAMPLE_IR_MODEL)).toMatchObject({ size: null, architecture_version: null });
    expect(tone3000ToneListSchema.parse({ data: [EXAMPLE_SEARCH_ITEM] }).data).toHaveLength(1);
    for (const body of [EXAMPLE_FORBIDDEN, EXAMPLE_UNAUTHORIZED, EXAMPLE_BAD_ARCHITECTURE]) {
      expect(tone3000ErrorSchema.parse(body)).toEqual(body);
    }
  });

  it("null arrays and unknown enum values are tolerated", () => {
    const odd = { ...EXAMPLE_SEARCH_ITEM, images: null, makes: null, tags: null, gear: "theremin", format: "new" };
    expect(tone3000ToneSchema.parse(odd)).toMatchObject({ images: [], makes: [], tags: [], gear: "theremin" });
  });
});

// --- helpers ---
const REDIRECT_URI = "http://127.0.0.1:5173/auth/tone3000/callback";

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeUrl(fake: Tone3000Fake, challenge: string, extra: Record<string, string> = {}): string {
  const url = new URL("/api/v1/oauth/authorize", fake.url);
  const params = {
    client_id: fake.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: "st-1",
    ...extra,
  };
  for (const [key, value] of Object.entries(params)) if (value !== "") url.searchParams.set(key, value);
  return url.toString();
}

async function approve(fake: Tone3000Fake, body: Record<string, unknown>) {
  const res = await fetch(`${fake.url}/__fake/approve`, { method: "POST", body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { location?: string; error?: string } };
}

function callbackParams(location: string | undefined | null): URLSearchParams {
  if (!location) throw new Error("no location");
  const url = new URL(location);
  expect(`${url.origin}${url.pathname}`).toBe(REDIRECT_URI);
  return url.searchParams;
}

async function tokenRequest(fake: Tone3000Fake, form: Record<string, string>) {
  const res = await fetch(`${fake.url}/api/v1/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

async function exchange(fake: Tone3000Fake, code: string, verifier: string) {
  return tokenRequest(fake, {
    grant_type: "authorization_code",
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT_URI,
    client_id: fake.clientId,
  });
}

async function refresh(fake: Tone3000Fake, refreshToken: string) {
  return tokenRequest(fake, { grant_type: "refresh_token", refresh_token: refreshToken, client_id: fake.clientId });
}

/** A signed-in session through `/__fake/approve` and the token endpoint. */
async function signIn(fake: Tone3000Fake) {
  const { verifier, challenge } = pkce();
  const { body } = await approve(fake, { authorizeUrl: authorizeUrl(fake, challenge) });
  const code = callbackParams(body.location).get("code");
  if (!code) throw new Error("no code");
  const tokens = await exchange(fake, code, verifier);
  expect(tokens.status).toBe(200);
  return tone3000TokensSchema.parse(tokens.body);
}

async function get(fake: Tone3000Fake, path: string, token?: string, init: RequestInit = {}) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const res = await fetch(`${fake.url}${path}`, { redirect: "manual", ...init, headers });
  const text = await res.text();
  return { res, status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

const ids = (page: { data: { id: number }[] }) => page.data.map((t) => t.id);
const authorizationId = (html: string) => /name="authorization_id" value="([^"]+)"/.exec(html)?.[1] ?? "";

async function postDecision(fake: Tone3000Fake, form: Record<string, string>) {
  return fetch(`${fake.url}/api/v1/oauth/authorize/decision`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
}

// --- the fake, per catalogue ---
const sources = hasSharedFixtures ? (["shared-fixtures", "generated"] as const) : (["generated"] as const);

describe("loadFakeCatalog", () => {
  it("builds the same tones and models from shared fixtures and from generated demo assets", async () => {
    const generated = await loadFakeCatalog({ source: "generated" });
    expect(generated.source).toBe("generated");
    const shape = (c: FakeCatalog) => ({
      tones: c.tones,
      models: c.models.map(({ bytes: _b, source_file: _s, ...rest }) => rest),
      users: c.users,
    });
    if (hasSharedFixtures) {
      const shared = await loadFakeCatalog({ source: "shared-fixtures" });
      expect(shape(shared)).toEqual(shape(generated));
    }
    expect(generated.tones.find((t) => t.id === 44269)?.title).toBe("JCM800 2203");
    expect(generated.tones.find((t) => t.id === 1612)).toMatchObject({ title: "Mesa OS 4x12", format: "ir" });
  });
});

describe.each(sources)("TONE3000 stand-in over HTTP (%s catalogue)", (source) => {
  let catalog: FakeCatalog;
  let fake: Tone3000Fake;
  let token: string;
  /** The files behind model 300101 (JCM800 capture 3) and 300201 (Mesa OS 57 m160) in this catalogue. */
  let expectedJcmBytes: Buffer;
  let expectedIrBytes: Buffer;
  let demoDir: string | undefined;

  beforeAll(async () => {
    catalog = await loadFakeCatalog({ source });
    // A high limit here: one client makes all of this suite's calls; the limit has its own fake below.
    fake = await startTone3000Fake({ catalog, rateLimitPerMinute: 100_000 });
    token = (await signIn(fake)).access_token;
    if (source === "shared-fixtures") {
      expectedJcmBytes = await readFile(join(sharedFixturesDir, "nam/jcm800-capture-3.nam"));
      expectedIrBytes = await readFile(join(sharedFixturesDir, "ir/mesa-os-4x12-57-m160.wav"));
    } else {
      demoDir = await mkdtemp(join(tmpdir(), "gts-t3k-fake-test-"));
      await generateDemoAssets(demoDir);
      expectedJcmBytes = await readFile(join(demoDir, "demo-crunch.nam"));
      expectedIrBytes = await readFile(join(demoDir, "cab-4x12-closed.wav"));
    }
  });

  afterAll(async () => {
    await fake?.close();
    if (demoDir) await rm(demoDir, { recursive: true, force: true });
  });

  describe("OAuth authorize + token (§3)", () => {
    it("standard sign-in through the HTML page, then a PKCE S256 code exchange", async () => {
      const { verifier, challenge } = pkce();
      const page = await fetch(authorizeUrl(fake, challenge), { redirect: "manual" });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("<title>TONE3000 — local stand-in</title>");
      expect(html).toContain("local stand-in for tone3000.com");
      expect(html).toMatch(/<button[^>]*value="sign_in"[^>]*>Sign in as di_tester<\/button>/);
      expect(html).toMatch(/>Cancel<\/button>/);
      expect(html).toMatch(/>Deny<\/button>/);
      const decided = await postDecision(fake, { authorization_id: authorizationId(html), action: "sign_in" });
      expect(decided.status).toBe(302);
      const params = callbackParams(decided.headers.get("location"));
      expect(params.get("state")).toBe("st-1");
      const before = fake.stats().authorizationCodeGrants;
      const tokens = await exchange(fake, params.get("code") ?? "", verifier);
      expect(tokens.status).toBe(200);
      expect(tone3000TokensSchema.parse(tokens.body)).toMatchObject({ token_type: "bearer", expires_in: 3600 });
      expect(tokens.body).toMatchObject({ scope: "read" });
      expect(fake.stats().authorizationCodeGrants).toBe(before + 1);
      // The authorization_id is single-use.
      const replay = await postDecision(fake, { authorization_id: authorizationId(html), action: "sign_in" });
      expect(replay.status).toBe(400);
    });

    it("missing state → invalid_request 'Missing required parameters' on the redirect_uri", async () => {
      const res = await fetch(authorizeUrl(fake, pkce().challenge, { state: "" }), { redirect: "manual" });
      expect(res.status).toBe(302);
      const params = callbackParams(res.headers.get("location"));
      expect(params.get("error")).toBe("invalid_request");
      expect(params.get("error_description")).toBe("Missing required parameters");
      const plain = await fetch(authorizeUrl(fake, pkce().challenge, { code_challenge_method: "plain" }), {
        redirect: "manual",
      });
      expect(callbackParams(plain.headers.get("location")).get("error")).toBe("invalid_request");
    });

    it("unknown client_id and unregistered redirect_uri are answered in place", async () => {
      const unknownUrl = new URL(authorizeUrl(fake, pkce().challenge, { client_id: "t3k_pub_nope" }));
      const unknown = await get(fake, `${unknownUrl.pathname}${unknownUrl.search}`);
      expect(unknown.status).toBe(400);
      expect(tone3000OAuthErrorSchema.parse(unknown.json)).toMatchObject({ error: "invalid_client" });
      const elsewhere = authorizeUrl(fake, pkce().challenge, { redirect_uri: "https://evil.example/cb" });
      const res = await fetch(elsewhere, { redirect: "manual" });
      expect(res.status).toBe(400);
      expect(res.headers.get("location")).toBeNull();
    });

    it("PKCE verifier mismatch, code reuse and redirect_uri mismatch → 400 invalid_grant", async () => {
      const a = pkce();
      const codeA =
        callbackParams((await approve(fake, { authorizeUrl: authorizeUrl(fake, a.challenge) })).body.location).get(
          "code",
        ) ?? "";
      const mismatch = await exchange(fake, codeA, pkce().verifier);
      expect(mismatch.status).toBe(400);
      expect(tone3000OAuthErrorSchema.parse(mismatch.body)).toMatchObject({ error: "invalid_grant" });

      const b = pkce();
      const codeB =
        callbackParams((await approve(fake, { authorizeUrl: authorizeUrl(fake, b.challenge) })).body.location).get(
          "code",
        ) ?? "";
      expect((await exchange(fake, codeB, b.verifier)).status).toBe(200);
      const reuse = await exchange(fake, codeB, b.verifier);
      expect(reuse.status).toBe(400);
      expect(reuse.body).toMatchObject({ error: "invalid_grant" });

      const c = pkce();
      const codeC =
        callbackParams((await approve(fake, { authorizeUrl: authorizeUrl(fake, c.challenge) })).body.location).get(
          "code",
        ) ?? "";
      const wrongRedirect = await tokenRequest(fake, {
        grant_type: "authorization_code",
        code: codeC,
        code_verifier: c.verifier,
        redirect_uri: "http://127.0.0.1:5173/other",
        client_id: fake.clientId,
      });
      expect(wrongRedirect.body).toMatchObject({ error: "invalid_grant" });
    });

    it("unknown client → 401 invalid_client; a JSON body → 400 invalid_request", async () => {
      const res = await tokenRequest(fake, { grant_type: "refresh_token", refresh_token: "x", client_id: "t3k_pub_x" });
      expect(res.status).toBe(401);
      expect(tone3000OAuthErrorSchema.parse(res.body)).toMatchObject({ error: "invalid_client" });
      const json = await fetch(`${fake.url}/api/v1/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ grant_type: "refresh_token", client_id: fake.clientId }),
      });
      expect(json.status).toBe(400);
      expect(await json.json()).toMatchObject({ error: "invalid_request" });
    });

    it("refresh tokens rotate: the old one answers invalid_grant, the new pair works", async () => {
      const first = await signIn(fake);
      const before = fake.stats().refreshGrants;
      const rotated = await refresh(fake, first.refresh_token);
      expect(rotated.status).toBe(200);
      const second = tone3000TokensSchema.parse(rotated.body);
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect(second.access_token).not.toBe(first.access_token);
      expect(fake.stats().refreshGrants).toBe(before + 1);
      const reused = await refresh(fake, first.refresh_token);
      expect(reused.status).toBe(400);
      expect(tone3000OAuthErrorSchema.parse(reused.body)).toEqual(EXAMPLE_REUSED_REFRESH);
      expect((await get(fake, "/api/v1/user", second.access_token)).status).toBe(200);
      expect((await refresh(fake, second.refresh_token)).status).toBe(200);
    });

    it("revoked refresh tokens answer invalid_grant (in-process and over /__fake/)", async () => {
      const one = await signIn(fake);
      expect(fake.revokeRefreshTokens("di_tester")).toBeGreaterThan(0);
      expect((await refresh(fake, one.refresh_token)).body).toEqual(EXAMPLE_REUSED_REFRESH);
      const two = await signIn(fake);
      const res = await fetch(`${fake.url}/__fake/revoke-refresh-tokens`, { method: "POST", body: "{}" });
      expect(await res.json()).toMatchObject({ revoked: expect.any(Number) });
      expect((await refresh(fake, two.refresh_token)).status).toBe(400);
    });

    it("an expired access token → 401; a refresh brings a working one", async () => {
      const session = await signIn(fake);
      const res = await fetch(`${fake.url}/__fake/expire-access-tokens`, { method: "POST" });
      expect(((await res.json()) as { expired: number }).expired).toBeGreaterThan(0);
      const expired = await get(fake, "/api/v1/user", session.access_token);
      expect(expired.status).toBe(401);
      expect(expired.json).toEqual(EXAMPLE_UNAUTHORIZED);
      const renewed = tone3000TokensSchema.parse((await refresh(fake, session.refresh_token)).body);
      expect((await get(fake, "/api/v1/user", renewed.access_token)).status).toBe(200);
      token = (await signIn(fake)).access_token;
    });

    it("cancel: canceled=true without a code before sign-in, with one after", async () => {
      const { verifier, challenge } = pkce();
      const html = await (await fetch(authorizeUrl(fake, challenge, { prompt: "select_tone" }))).text();
      const cancelled = await postDecision(fake, { authorization_id: authorizationId(html), action: "cancel" });
      const plain = callbackParams(cancelled.headers.get("location"));
      expect(plain.get("canceled")).toBe("true");
      expect(plain.get("code")).toBeNull();
      expect(plain.get("state")).toBe("st-1");

      const html2 = await (await fetch(authorizeUrl(fake, challenge, { prompt: "select_tone" }))).text();
      const id = authorizationId(html2);
      const signedIn = await postDecision(fake, { authorization_id: id, action: "sign_in" });
      expect(signedIn.status).toBe(303);
      const withCode = callbackParams(
        (await postDecision(fake, { authorization_id: id, action: "cancel" })).headers.get("location"),
      );
      expect(withCode.get("canceled")).toBe("true");
      expect((await exchange(fake, withCode.get("code") ?? "", verifier)).status).toBe(200);

      const viaControl = await approve(fake, {
        authorizeUrl: authorizeUrl(fake, challenge),
        action: "cancel",
        signedIn: true,
      });
      expect(callbackParams(viaControl.body.location).get("code")).toBeTruthy();
      const viaControlOut = await approve(fake, { authorizeUrl: authorizeUrl(fake, challenge), action: "cancel" });
      expect(callbackParams(viaControlOut.body.location).get("code")).toBeNull();
    });

    it("deny → error=access_denied", async () => {
      const { body } = await approve(fake, { authorizeUrl: authorizeUrl(fake, pkce().challenge), action: "deny" });
      const params = callbackParams(body.location);
      expect(params.get("error")).toBe("access_denied");
      expect(params.get("code")).toBeNull();
    });

    it("select_tone lists tones by format/gears/architecture and returns the picked tone_id", async () => {
      const listFor = async (extra: Record<string, string>) => {
        const html = await (
          await fetch(authorizeUrl(fake, pkce().challenge, { prompt: "select_tone", ...extra }))
        ).text();
        const id = authorizationId(html);
        const signedIn = await postDecision(fake, { authorization_id: id, action: "sign_in" });
        const page = await (await fetch(`${fake.url}${signedIn.headers.get("location")}`)).text();
        return { id, page, titles: [...page.matchAll(/aria-label="Select ([^"]+)"/g)].map((m) => m[1]) };
      };
      const irs = await listFor({ format: "ir", gears: "cab" });
      expect(irs.titles).toEqual(["Mesa OS 4x12"]);
      expect(irs.page).toMatch(/>Cancel<\/button>/);
      const amps = await listFor({ gears: "amp_amp-cab", format: "nam" });
      expect(amps.titles).toContain("JCM800 2203");
      expect(amps.titles).toContain("Dumble Overdrive Special");
      expect(amps.titles).not.toContain("Mesa Rectifier A2"); // A2-only, architecture omitted
      expect(amps.titles).not.toContain("JCM800 scratch (private)");
      const a2 = await listFor({ gears: "amp", architecture: "2" });
      expect(a2.titles).toEqual(expect.arrayContaining(["JCM800 2203", "Mesa Rectifier A2"]));
      expect((await listFor({ calibrated: "true", format: "nam" })).titles).toEqual(
        expect.arrayContaining(["JCM800 2203", "Darkglass Microtubes 900 v2 (LSTM)"]),
      );

      const offList = await postDecision(fake, { authorization_id: irs.id, action: "select", tone_id: "44269" });
      expect(offList.status).toBe(400);
      const picked = await postDecision(fake, { authorization_id: irs.id, action: "select", tone_id: "1612" });
      const params = callbackParams(picked.headers.get("location"));
      expect(params.get("tone_id")).toBe("1612");
      expect(params.get("code")).toBeTruthy();

      const viaControl = await approve(fake, {
        authorizeUrl: authorizeUrl(fake, pkce().challenge, { prompt: "select_tone", format: "nam" }),
        toneId: 44269,
      });
      expect(callbackParams(viaControl.body.location).get("tone_id")).toBe("44269");
      const filtered = await approve(fake, {
        authorizeUrl: authorizeUrl(fake, pkce().challenge, { prompt: "select_tone", format: "ir" }),
        toneId: 44269,
      });
      expect(filtered.status).toBe(400);
    });

    it("load_tone redirects straight back for a public tone, and with a replacement for a private one", async () => {
      const direct = await fetch(authorizeUrl(fake, pkce().challenge, { prompt: "load_tone", tone_id: "44269" }), {
        redirect: "manual",
      });
      expect(direct.status).toBe(302);
      const params = callbackParams(direct.headers.get("location"));
      expect(params.get("tone_id")).toBe("44269");
      expect(params.get("code")).toBeTruthy();

      const privateTone = authorizeUrl(fake, pkce().challenge, { prompt: "load_tone", tone_id: "51004" });
      const browse = await fetch(privateTone, { redirect: "manual" });
      expect(browse.headers.get("location")).toMatch(/^\/api\/v1\/oauth\/authorize\/select\?/);
      const replaced = await approve(fake, { authorizeUrl: privateTone, toneId: 44269 });
      expect(callbackParams(replaced.body.location).get("tone_id")).toBe("44269");
      const own = await approve(fake, {
        authorizeUrl: authorizeUrl(fake, pkce().challenge, { prompt: "load_tone", tone_id: "51005" }),
      });
      expect(callbackParams(own.body.location).get("tone_id")).toBe("51005");
    });
  });

  describe("resources (§5–§10)", () => {
    it("every resource endpoint answers 401 with the documented body without (or with a bad) Bearer", async () => {
      const paths = [
        "/api/v1/user",
        "/api/v1/tones/search",
        "/api/v1/tones/44269",
        "/api/v1/tones/created",
        "/api/v1/tones/favorited",
        "/api/v1/tones/downloaded",
        "/api/v1/tones/trending",
        "/api/v1/tones/latest",
        "/api/v1/tones/44269/download",
        "/api/v1/models?tone_id=44269",
        "/api/v1/models/300101",
        "/api/v1/models/300101/download/k3j9x2.nam",
      ];
      for (const path of paths) {
        for (const bad of [undefined, "not-a-token"]) {
          const res = await get(fake, path, bad);
          expect(res.status, path).toBe(401);
          expect(tone3000ErrorSchema.parse(res.json)).toEqual(EXAMPLE_UNAUTHORIZED);
        }
      }
      const put = await get(fake, "/api/v1/tones/44269/favorite", undefined, { method: "PUT" });
      expect(put.status).toBe(401);
    });

    it("GET /user is §13's di_tester", async () => {
      const { status, json } = await get(fake, "/api/v1/user", token);
      expect(status).toBe(200);
      expect(json).toEqual(EXAMPLE_USER);
      expect(tone3000UserSchema.parse(json).username).toBe("di_tester");
    });

    it("search reproduces §13's JCM800 item (all-architecture models_count, no detail-only fields)", async () => {
      const { json, res } = await get(
        fake,
        "/api/v1/tones/search?query=jcm&format=nam&architecture=2&page_size=2",
        token,
      );
      const page = tone3000TonePageSchema.parse(json);
      expect(page).toMatchObject({ page: 1, page_size: 2, total: 1, total_pages: 1 });
      expect(json?.data).toEqual([
        { ...EXAMPLE_SEARCH_ITEM, images: [`${fake.url}/storage/v1/object/public/images/fake1.svg`] },
      ]);
      const raw = ((json?.data ?? []) as Record<string, unknown>[])[0] ?? {};
      for (const key of ["license", "sizes", "links", "is_public", "is_favorite", "models"]) {
        expect(raw, key).not.toHaveProperty(key);
      }
      expect(res.headers.get("deprecation")).toBeNull();
      const image = await fetch(page.data[0]?.images[0] ?? "");
      expect(image.headers.get("content-type")).toBe("image/svg+xml");
    });

    it("architecture: omitted hides A2-only tones; 2 and custom scope; invalid → 400", async () => {
      const omitted = tone3000TonePageSchema.parse((await get(fake, "/api/v1/tones/search?page_size=25", token)).json);
      expect(ids(omitted)).toEqual(expect.arrayContaining([44269, 1612, 51001, 51003]));
      expect(ids(omitted)).not.toContain(51002);
      expect(ids(omitted)).not.toContain(51004); // private
      const a2 = tone3000TonePageSchema.parse(
        (await get(fake, "/api/v1/tones/search?architecture=2&format=nam", token)).json,
      );
      expect(ids(a2).sort()).toEqual([44269, 51002]);
      const custom = tone3000TonePageSchema.parse(
        (await get(fake, "/api/v1/tones/search?architecture=custom&format=nam", token)).json,
      );
      expect(ids(custom)).toEqual([51003]);
      const bad = await get(fake, "/api/v1/tones/search?architecture=3", token);
      expect(bad.status).toBe(400);
      expect(tone3000ErrorSchema.parse(bad.json)).toEqual(EXAMPLE_BAD_ARCHITECTURE);
      expect((await get(fake, "/api/v1/tones/44269?architecture=a2", token)).json).toEqual(EXAMPLE_BAD_ARCHITECTURE);
      expect((await get(fake, "/api/v1/models?tone_id=44269&architecture=all", token)).status).toBe(400);
    });

    it("pagination: default 10, page_size clamped to 25, 1-based pages, empty envelope", async () => {
      const all = tone3000TonePageSchema.parse((await get(fake, "/api/v1/tones/search", token)).json);
      expect(all).toMatchObject({ page: 1, page_size: 10, total: 4, total_pages: 1 });
      expect((await get(fake, "/api/v1/tones/search?page_size=100", token)).json).toMatchObject({ page_size: 25 });
      const second = tone3000TonePageSchema.parse(
        (await get(fake, "/api/v1/tones/search?page_size=3&page=2", token)).json,
      );
      expect(second).toMatchObject({ page: 2, page_size: 3, total: 4, total_pages: 2 });
      expect(second.data).toHaveLength(1);
      const none = await get(fake, "/api/v1/tones/search?query=no-such-tone", token);
      expect(none.json).toEqual({ data: [], page: 1, page_size: 10, total: 0, total_pages: 0 });
      expect(tone3000TonePageSchema.parse(none.json).total_pages).toBe(0);
    });

    it("search filters: query, gears, sizes (_ and -), tags, makes, creators, calibrated, sort", async () => {
      const search = async (q: string) =>
        ids(tone3000TonePageSchema.parse((await get(fake, `/api/v1/tones/search?${q}`, token)).json));
      expect(await search("query=MARSHALL")).toEqual([44269]); // makes, case-insensitive
      expect(await search("query=oversized")).toEqual([1612]); // description
      expect(await search("gears=amp-cab")).toEqual([51001]);
      expect((await search("gears=cab_amp")).sort()).toEqual([1612, 44269]);
      expect((await search("sizes=standard_feather")).sort()).toEqual([44269, 51001]);
      expect((await search("sizes=standard-feather")).sort()).toEqual([44269, 51001]);
      expect(await search("sizes=feather")).toEqual([51001]);
      expect(await search("tags=blues")).toEqual([51001]);
      expect(await search("makes=Mesa/Boogie")).toEqual([1612]);
      expect(await search("creators=szymon,nobody")).toEqual([44269]);
      expect((await search("calibrated=true")).sort()).toEqual([44269, 51003]);
      expect(await search("verified=true")).toEqual([51003]);
      expect(await search("sort=oldest&page_size=1")).toEqual([51003]);
      expect(await search("sort=newest&page_size=1")).toEqual([51001]);
      expect(await search("sort=downloads-all-time&page_size=1")).toEqual([1612]);
      const badGear = await get(fake, "/api/v1/tones/search?gears=banjo", token);
      expect(badGear.status).toBe(400);
      expect(badGear.json).toEqual({
        error: "gear must be one of: amp, amp-cab, pedal, outboard, cab, space, experimental",
      });
    });

    it("deprecated request forms still work and carry the deprecation headers (§9)", async () => {
      const cases: [string, number[], string][] = [
        ["platform=ir", [1612], "legacy_platform_key"],
        ["gear=amp-cab", [51001], "legacy_gear_key"],
        ["gears=ir", [1612], "legacy_ir_gear_value"],
        ["gears=full-rig", [51001], "legacy_full_rig_gear_value"],
      ];
      for (const [query, expected, key] of cases) {
        const { json, res } = await get(fake, `/api/v1/tones/search?${query}`, token);
        expect(ids(tone3000TonePageSchema.parse(json)), query).toEqual(expected);
        expect(res.headers.get("deprecation")).toBe("true");
        expect(res.headers.get("link")).toBe('<https://www.tone3000.com/api>; rel="deprecation"');
        expect(res.headers.get("x-tone3000-deprecations")).toBe(key);
      }
      const both = await get(fake, "/api/v1/tones/search?platform=nam&gears=ir", token);
      expect(both.res.headers.get("x-tone3000-deprecations")).toBe("legacy_platform_key,legacy_ir_gear_value");
      // `ir` is only stripped when a format is given (§5).
      expect(ids(tone3000TonePageSchema.parse(both.json)).sort()).toEqual([44269, 51001, 51003]);
    });

    it("null arrays come through as null on the wire and parse as empty", async () => {
      const { json } = await get(fake, "/api/v1/tones/search?query=lstm", token);
      const raw = ((json?.data ?? []) as Record<string, unknown>[])[0];
      expect(raw).toMatchObject({ id: 51003, images: null, tags: null });
      expect(tone3000TonePageSchema.parse(json).data[0]).toMatchObject({ images: [], tags: [] });
      const detail = await get(fake, "/api/v1/tones/51001", token);
      expect(detail.json).toMatchObject({ links: null });
      expect(tone3000ToneSchema.parse(detail.json).links).toEqual([]);
    });

    it("GET /tones/{id}: §13 detail (A1 models_count, licence, sizes), IR sizes null, 403/404", async () => {
      const jcm = await get(fake, "/api/v1/tones/44269", token);
      expect(jcm.json).toEqual({
        ...EXAMPLE_DETAIL,
        images: [`${fake.url}/storage/v1/object/public/images/fake1.svg`],
        tags: [{ id: 31, name: "crunch" }],
      });
      expect(tone3000ToneSchema.parse(jcm.json)).toMatchObject({ models_count: 3, a2_models_count: 3 });
      expect((await get(fake, "/api/v1/tones/44269?architecture=2", token)).json).toMatchObject({ models_count: 3 });
      expect((await get(fake, "/api/v1/tones/44269?architecture=custom", token)).json).toMatchObject({
        models_count: 0,
      });
      const ir = await get(fake, "/api/v1/tones/1612", token);
      expect(ir.json).toMatchObject({
        id: 1612,
        title: "Mesa OS 4x12",
        gear: "cab",
        format: "ir",
        sizes: null,
        irs_count: 2,
      });
      expect(tone3000ToneSchema.parse(ir.json).sizes).toEqual([]);
      expect((await get(fake, "/api/v1/tones/51001", token)).json).toMatchObject({
        license: "cc-by-nc",
        sizes: ["feather"],
      });
      expect((await get(fake, "/api/v1/tones/51005", token)).json).toMatchObject({ is_public: false });
      const forbidden = await get(fake, "/api/v1/tones/51004", token);
      expect(forbidden.status).toBe(403);
      expect(tone3000ErrorSchema.parse(forbidden.json)).toEqual(EXAMPLE_FORBIDDEN);
      expect((await get(fake, "/api/v1/tones/999999", token)).status).toBe(404);
    });

    it("created / favorited / downloaded lists, favourites PUT/DELETE, the partner-only zip", async () => {
      const created = tone3000TonePageSchema.parse((await get(fake, "/api/v1/tones/created", token)).json);
      expect(ids(created)).toEqual([51005]);
      expect((await get(fake, "/api/v1/tones/created?gear=amp", token)).json).toEqual({
        data: [],
        page: 1,
        page_size: 10,
        total: 0,
        total_pages: 0,
      });
      expect((await get(fake, "/api/v1/tones/created?page_size=500", token)).json).toMatchObject({ page_size: 100 });
      expect(tone3000TonePageSchema.parse((await get(fake, "/api/v1/tones/favorited", token)).json).total).toBe(0);

      const put = await get(fake, "/api/v1/tones/44269/favorite", token, { method: "PUT" });
      expect(put.status).toBe(200);
      expect(put.json).toMatchObject({ tone_id: 44269, user_id: EXAMPLE_USER.id, id: expect.any(Number) });
      const again = await get(fake, "/api/v1/tones/44269/favorite", token, { method: "PUT" });
      expect(again.json).toEqual(put.json);
      expect((await get(fake, "/api/v1/tones/44269", token)).json).toMatchObject({
        is_favorite: true,
        favorites_count: 13,
      });
      const favorited = tone3000TonePageSchema.parse(
        (await get(fake, "/api/v1/tones/favorited?query=jcm", token)).json,
      );
      expect(ids(favorited)).toEqual([44269]);
      expect((await get(fake, "/api/v1/tones/44269/favorite", token, { method: "DELETE" })).status).toBe(204);
      expect((await get(fake, "/api/v1/tones/44269/favorite", token, { method: "DELETE" })).status).toBe(204);
      expect((await get(fake, "/api/v1/tones/44269", token)).json).toMatchObject({
        is_favorite: false,
        favorites_count: 12,
      });
      expect((await get(fake, "/api/v1/tones/51004/favorite", token, { method: "PUT" })).status).toBe(403);

      const zip = await get(fake, "/api/v1/tones/44269/download", token);
      expect(zip.status).toBe(403);
      expect(zip.json).toEqual(EXAMPLE_FORBIDDEN);

      const model = tone3000ModelSchema.parse((await get(fake, "/api/v1/models/300101", token)).json);
      for (let i = 0; i < 2; i++) expect((await get(fake, new URL(model.model_url).pathname, token)).status).toBe(200);
      const downloaded = tone3000TonePageSchema.parse((await get(fake, "/api/v1/tones/downloaded", token)).json);
      expect(ids(downloaded)).toEqual([44269]); // de-duplicated
    });

    it("trending and latest: {data} only, public tones with a model, image and description", async () => {
      const trending = await get(fake, "/api/v1/tones/trending", token);
      expect(Object.keys(trending.json ?? {})).toEqual(["data"]);
      const list = tone3000ToneListSchema.parse(trending.json);
      expect(ids(list)).toEqual([1612, 51001, 44269, 51002]);
      expect(
        ids(tone3000ToneListSchema.parse((await get(fake, "/api/v1/tones/trending?gear=ir", token)).json)),
      ).toEqual([1612]);
      const latest = await get(fake, "/api/v1/tones/latest", token);
      expect(Object.keys(latest.json ?? {})).toEqual(["data"]);
      expect(ids(tone3000ToneListSchema.parse(latest.json))).toEqual([51002, 51001, 44269, 1612]);
    });

    it("GET /models: tone_id required, architecture scoping, page_size ≤ 300, IR models", async () => {
      const missing = await get(fake, "/api/v1/models", token);
      expect(missing.status).toBe(400);
      expect(tone3000ErrorSchema.parse(missing.json).error).toMatch(/tone_id/);
      const a2 = tone3000ModelPageSchema.parse(
        (await get(fake, "/api/v1/models?tone_id=44269&architecture=2&page_size=2", token)).json,
      );
      expect(a2).toMatchObject({ page: 1, page_size: 2, total: 3, total_pages: 2 });
      expect(a2.data.every((m) => m.architecture_version === "2" && m.tone_id === 44269)).toBe(true);
      const a1 = await get(fake, "/api/v1/models?tone_id=44269", token);
      const first = ((a1.json?.data ?? []) as Record<string, unknown>[])[0];
      expect(first).toEqual({
        ...EXAMPLE_MODELS.data[0],
        architecture_version: "1",
        model_url: `${fake.url}/api/v1/models/300101/download/k3j9x2.nam`,
      });
      expect(tone3000ModelPageSchema.parse(a1.json)).toMatchObject({ total: 3, page_size: 10 });
      expect((await get(fake, "/api/v1/models?tone_id=44269&page_size=1000", token)).json).toMatchObject({
        page_size: 300,
      });
      const irs = tone3000ModelPageSchema.parse((await get(fake, "/api/v1/models?tone_id=1612", token)).json);
      expect(irs.data[0]).toMatchObject({
        ...EXAMPLE_IR_MODEL,
        model_url: `${fake.url}/api/v1/models/300201/download/p0q1r2.wav`,
      });
      expect(irs.total).toBe(2);
      expect((await get(fake, "/api/v1/models?tone_id=51004", token)).status).toBe(403);
      expect((await get(fake, "/api/v1/models?tone_id=999999", token)).status).toBe(404);
      expect(
        tone3000ModelSchema.parse((await get(fake, "/api/v1/models/300201", token)).json).architecture_version,
      ).toBeNull();
      expect((await get(fake, "/api/v1/models/999", token)).status).toBe(404);
    });

    it("model_url: 401 without Bearer, the exact fixture bytes with it", async () => {
      const before = fake.stats().modelDownloads;
      const jcm = tone3000ModelSchema.parse((await get(fake, "/api/v1/models/300101", token)).json);
      const anonymous = await fetch(jcm.model_url);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual(EXAMPLE_UNAUTHORIZED);
      const bytes = Buffer.from(
        await (await fetch(jcm.model_url, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer(),
      );
      expect(bytes.equals(expectedJcmBytes)).toBe(true);
      if (source === "shared-fixtures") {
        // SOURCES.md's hash of jcm800-capture-3.nam: the file §13 names.
        expect(createHash("sha256").update(bytes).digest("hex")).toBe(
          "b2844965982a266cfc332ff518abd8a3f3ae841f6a2aa2bf80f5c1cd361ea902",
        );
      }
      const ir = tone3000ModelSchema.parse((await get(fake, "/api/v1/models/300201", token)).json);
      expect(ir.model_url.endsWith(".wav")).toBe(true);
      const irRes = await fetch(ir.model_url, { headers: { authorization: `Bearer ${token}` } });
      expect(irRes.headers.get("content-type")).toBe("audio/wav");
      expect(Buffer.from(await irRes.arrayBuffer()).equals(expectedIrBytes)).toBe(true);
      expect((await get(fake, "/api/v1/models/300101/download/wrong.nam", token)).status).toBe(404);
      expect(fake.stats().modelDownloads).toBe(before + 2);
    });

    it("stats over HTTP count requests per path; a double slash gets a 308", async () => {
      const stats = (await (await fetch(`${fake.url}/__fake/stats`)).json()) as Record<string, unknown>;
      expect(stats).toMatchObject({ authorizationCodeGrants: expect.any(Number), refreshGrants: expect.any(Number) });
      expect((stats.requestsByPath as Record<string, number>)["/api/v1/user"]).toBeGreaterThan(0);
      const slashes = await get(fake, "/api//tones/trending?gear=amp", token);
      expect(slashes.status).toBe(308);
      expect(slashes.res.headers.get("location")).toBe("/api/tones/trending?gear=amp");
    });
  });
});

describe("TONE3000 stand-in limits and lifetimes", () => {
  let catalog: FakeCatalog;
  beforeAll(async () => {
    catalog = await loadFakeCatalog();
  });

  it("the 101st resource request in a minute → 429 with Retry-After: 30; the window and the reset free it", async () => {
    let clock = Date.now();
    const fake = await startTone3000Fake({ catalog, now: () => clock });
    try {
      const { access_token } = await signIn(fake);
      for (let i = 0; i < 100; i++) expect((await get(fake, "/api/v1/user", access_token)).status).toBe(200);
      const limited = await get(fake, "/api/v1/tones/search", access_token);
      expect(limited.status).toBe(429);
      expect(limited.res.headers.get("retry-after")).toBe("30");
      expect(tone3000ErrorSchema.parse(limited.json)).toBeTruthy();
      clock += 60_001;
      expect((await get(fake, "/api/v1/user", access_token)).status).toBe(200);
      for (let i = 0; i < 99; i++) await get(fake, "/api/v1/user", access_token);
      expect((await get(fake, "/api/v1/user", access_token)).status).toBe(429);
      expect((await fetch(`${fake.url}/__fake/reset-rate-limit`, { method: "POST" })).status).toBe(200);
      expect((await get(fake, "/api/v1/user", access_token)).status).toBe(200);
      expect(fake.stats().rateLimited).toBe(2);
    } finally {
      await fake.close();
    }
  });

  it("access tokens expire after accessTokenSeconds, codes after 30 minutes", async () => {
    let clock = Date.now();
    const fake = await startTone3000Fake({
      catalog,
      now: () => clock,
      accessTokenSeconds: 60,
      clientIds: ["t3k_pub_a"],
    });
    try {
      expect(fake.clientId).toBe("t3k_pub_a");
      const tokens = await signIn(fake);
      expect(tokens.expires_in).toBe(60);
      clock += 59_000;
      expect((await get(fake, "/api/v1/user", tokens.access_token)).status).toBe(200);
      clock += 1_000;
      expect((await get(fake, "/api/v1/user", tokens.access_token)).status).toBe(401);

      const { verifier, challenge } = pkce();
      const { body } = await approve(fake, { authorizeUrl: authorizeUrl(fake, challenge) });
      clock += 30 * 60_000;
      const late = await exchange(fake, callbackParams(body.location).get("code") ?? "", verifier);
      expect(late.status).toBe(400);
      expect(late.body).toMatchObject({ error: "invalid_grant" });
    } finally {
      await fake.close();
    }
  });
});
