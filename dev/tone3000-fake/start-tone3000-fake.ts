/**
 * @module A local stand-in for the TONE3000 API v1 (`docs/tone3000-api.md`), for development and tests: OAuth +
 * PKCE with a clickable authorize page, the resource endpoints, `model_url` bytes, deprecation headers and the
 * rate limit, over a fixed catalogue (`fake-catalog.ts`). Tests in this process use the returned controls; tests
 * in workerd (which can only speak HTTP) use the same controls under `/__fake/`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type FakeCatalog, loadFakeCatalog } from "./fake-catalog.ts";
import { readBody, redirect, sendJson } from "./fake-http.ts";
import {
  type ApproveRequest,
  approveAuthorizeUrl,
  handleAuthorize,
  handleDecision,
  handleSelectPage,
  handleToken,
  SELECT_PAGE_PATH,
} from "./handle-oauth.ts";
import { handleResource } from "./handle-resources.ts";
import { DECISION_PATH } from "./render-authorize-page.ts";
import { Tone3000FakeState, type Tone3000FakeStats } from "./tone3000-fake-state.ts";

export interface Tone3000FakeOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Default: `loadFakeCatalog()` (shared fixtures where present, else generated demo assets). */
  catalog?: FakeCatalog;
  accessTokenSeconds?: number;
  /** Resource requests per client per sliding minute before 429 (§10: 100 by default). */
  rateLimitPerMinute?: number;
  /** Publishable keys (`client_id`s) the fake knows; the first is `Tone3000Fake.clientId`. */
  clientIds?: string[];
  /** Registered redirect URIs; http(s)://localhost and 127.0.0.1 ones are always allowed. */
  redirectUris?: string[];
  /** Clock in ms, for tests of expiry (codes, tokens, the rate-limit window). */
  now?: () => number;
  /** Called once per request, and with errors; silent by default. */
  log?: (line: string) => void;
  /**
   * Let the process exit while the fake still listens (server and connections unref'd): for a fake started by a
   * config file that no one closes, e.g. the api's vitest config, loaded even when only other projects run.
   */
  unref?: boolean;
}

export interface Tone3000Fake {
  /** Origin, e.g. `http://127.0.0.1:41234` (no trailing slash); the API base is `${url}/api/v1`. */
  url: string;
  clientId: string;
  catalog: FakeCatalog;
  stats(): Tone3000FakeStats;
  /** Every active refresh token (or one user's) answers invalid_grant from now on; returns how many. */
  revokeRefreshTokens(username?: string): number;
  /** Every access token issued so far answers 401 from now on; returns how many were live. */
  expireAccessTokens(): number;
  resetRateLimit(): void;
  close(): Promise<void>;
}

export const DEFAULT_CLIENT_ID = "t3k_pub_local_standin";

/** A placeholder tone image, so pages that show tone images need no network. */
function placeholderImage(name: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320" viewBox="0 0 320 320">
<rect width="320" height="320" fill="#1f2937"/><text x="160" y="170" fill="#f59e0b" font-family="sans-serif"
font-size="28" text-anchor="middle">${name.replace(/[^\w.-]/g, "")}</text></svg>`;
}

export async function startTone3000Fake(options: Tone3000FakeOptions = {}): Promise<Tone3000Fake> {
  const clientIds = options.clientIds ?? [DEFAULT_CLIENT_ID];
  const clientId = clientIds[0];
  if (clientId === undefined) throw new Error("startTone3000Fake: clientIds must name at least one client");
  const state = new Tone3000FakeState({
    catalog: options.catalog ?? (await loadFakeCatalog()),
    accessTokenSeconds: options.accessTokenSeconds ?? 3600,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100,
    clientIds,
    redirectUris: options.redirectUris ?? [],
    now: options.now ?? Date.now,
  });
  const host = options.host ?? "127.0.0.1";
  let baseUrl = "";

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const post = req.method === "POST";
    const body = post ? await readBody(req) : "";
    let input: Record<string, unknown> = {};
    try {
      if (body) input = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, { error: "Body must be JSON" });
    }
    if (path === "/__fake/stats" && req.method === "GET") return sendJson(res, 200, state.stats());
    if (path === "/__fake/revoke-refresh-tokens" && post) {
      const username = typeof input.username === "string" ? input.username : undefined;
      return sendJson(res, 200, { revoked: state.revokeRefreshTokens(username) });
    }
    if (path === "/__fake/expire-access-tokens" && post) {
      return sendJson(res, 200, { expired: state.expireAccessTokens() });
    }
    if (path === "/__fake/reset-rate-limit" && post) {
      state.resetRateLimit();
      return sendJson(res, 200, { ok: true });
    }
    if (path === "/__fake/approve" && post) {
      if (typeof input.authorizeUrl !== "string") return sendJson(res, 400, { error: "authorizeUrl is required" });
      const answer = approveAuthorizeUrl(state, input as unknown as ApproveRequest);
      return sendJson(res, answer.status, answer.body);
    }
    sendJson(res, 404, { error: "Unknown control", controls: CONTROLS });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Concatenated, not resolved: `new URL("//x", base)` would read a double-slash path as a host.
    const url = new URL(`${baseUrl}${req.url ?? "/"}`);
    const path = url.pathname;
    // model_url and images point back at the origin the caller used (a container may know the fake by another name).
    const origin = req.headers.host ? `http://${req.headers.host}` : baseUrl;
    options.log?.(`${req.method} ${req.url}`);
    if (path.startsWith("/__fake/")) return handleControl(req, res, path);
    state.countRequest(path);
    // The real API is on Vercel: a `//` gets a 308 to the collapsed path (and redirects drop CORS headers, §1).
    if (/\/\/|\/$/.test(path) && path !== "/") {
      const collapsed = path.replace(/\/{2,}/g, "/").replace(/(.)\/$/, "$1");
      return redirect(res, 308, `${collapsed}${url.search}`);
    }
    res.setHeader("access-control-allow-origin", "*");
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-methods": "GET, PUT, POST, DELETE, OPTIONS",
        "access-control-allow-headers": "authorization, content-type",
        "access-control-max-age": "600",
      });
      res.end();
      return;
    }
    if (path === "/api/v1/oauth/authorize" && req.method === "GET") return handleAuthorize(res, url, state);
    if (path === SELECT_PAGE_PATH && req.method === "GET") return handleSelectPage(res, url, state);
    if (path === DECISION_PATH && req.method === "POST") return handleDecision(req, res, state);
    if (path === "/api/v1/oauth/token" && req.method === "POST") return handleToken(req, res, state);
    const image = /^\/storage\/v1\/object\/public\/images\/([\w.-]+)$/.exec(path);
    if (image?.[1] && req.method === "GET") {
      res.writeHead(200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=3600" });
      res.end(placeholderImage(image[1]));
      return;
    }
    if (path.startsWith("/api/v1/") && (await handleResource(req, res, url, state, origin))) return;
    sendJson(res, 404, { error: "Not found" });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log?.(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: "Internal server error" });
      else res.end();
    });
  });
  if (options.unref) {
    server.unref();
    server.on("connection", (socket) => socket.unref());
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    url: baseUrl,
    clientId,
    catalog: state.catalog,
    stats: () => state.stats(),
    revokeRefreshTokens: (username) => state.revokeRefreshTokens(username),
    expireAccessTokens: () => state.expireAccessTokens(),
    resetRateLimit: () => state.resetRateLimit(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The HTTP controls, for tests that run where only HTTP reaches the fake (workerd). */
export const CONTROLS = [
  "GET /__fake/stats",
  "POST /__fake/revoke-refresh-tokens {username?}",
  "POST /__fake/expire-access-tokens",
  "POST /__fake/reset-rate-limit",
  "POST /__fake/approve {authorizeUrl, toneId?, action?: approve|cancel|deny, signedIn?}",
];
