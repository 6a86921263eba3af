/**
 * @module OAuth 2.0 authorization code + PKCE as TONE3000 runs it (`docs/tone3000-api.md` §3): the authorize
 * endpoint and its pages, the decision the pages' buttons post, the token endpoint (code exchange with S256
 * verification, refresh with rotation), and `approveAuthorizeUrl`, which makes the same decision without a browser.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, redirect, sendHtml, sendJson } from "./fake-http.ts";
import { renderAuthorizePage } from "./render-authorize-page.ts";
import { parseToneFilters, sortTones, toneMatches } from "./tone-filters.ts";
import { modelsOf } from "./tone-wire-shapes.ts";
import type { AuthorizeRequest, PendingAuthorization, Prompt, Tone3000FakeState } from "./tone3000-fake-state.ts";

export const SELECT_PAGE_PATH = "/api/v1/oauth/authorize/select";

type AuthorizeParse =
  | { kind: "ok"; request: AuthorizeRequest }
  /** An error the client can be told about on its redirect_uri. */
  | { kind: "redirect"; location: string }
  /** No trustworthy redirect_uri: answered in place (RFC 6749 §4.1.2.1). */
  | { kind: "fatal"; status: number; body: { error: string; error_description: string } };

const MISSING = "Missing required parameters";

function isAllowedRedirect(uri: string, registered: string[]): boolean {
  if (registered.includes(uri)) return true;
  try {
    const url = new URL(uri);
    // Localhost origins need no registration (README @0c34903).
    return /^https?:$/.test(url.protocol) && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

/** `redirect_uri` with the callback parameters (§3.2) added; `state` always goes back when there is one. */
function callback(redirectUri: string, state: string | undefined, params: Record<string, string | undefined>) {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  if (state) url.searchParams.set("state", state);
  return url.toString();
}

export function parseAuthorizeRequest(params: URLSearchParams, state: Tone3000FakeState): AuthorizeParse {
  const get = (name: string) => params.get(name) || undefined;
  const clientId = get("client_id");
  const redirectUri = get("redirect_uri");
  if (!clientId || !redirectUri) {
    return { kind: "fatal", status: 400, body: { error: "invalid_request", error_description: MISSING } };
  }
  if (!state.options.clientIds.includes(clientId)) {
    return { kind: "fatal", status: 400, body: { error: "invalid_client", error_description: "Unknown client_id" } };
  }
  if (!isAllowedRedirect(redirectUri, state.options.redirectUris)) {
    const description = "redirect_uri is not registered for this client";
    return { kind: "fatal", status: 400, body: { error: "invalid_request", error_description: description } };
  }
  const oauthState = get("state");
  const fail = (description: string): AuthorizeParse => ({
    kind: "redirect",
    location: callback(redirectUri, oauthState, { error: "invalid_request", error_description: description }),
  });
  const codeChallenge = get("code_challenge");
  const method = get("code_challenge_method");
  if (!get("response_type") || !codeChallenge || !method || !oauthState) return fail(MISSING);
  if (get("response_type") !== "code") return fail("response_type must be code");
  if (method !== "S256") return fail("code_challenge_method must be S256");
  if (!/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) return fail("code_challenge must be base64url(SHA-256(verifier))");
  const prompt = get("prompt");
  if (prompt !== undefined && !["select_tone", "load_tone", "load_model"].includes(prompt)) {
    return fail("prompt must be select_tone, load_tone or load_model");
  }
  const toneId = get("tone_id") === undefined ? undefined : Number(get("tone_id"));
  const modelId = get("model_id") === undefined ? undefined : Number(get("model_id"));
  if (prompt === "load_tone" && toneId === undefined && modelId === undefined) return fail(MISSING);
  if (prompt === "load_model" && modelId === undefined) return fail(MISSING);
  const parsed = parseToneFilters(params, "select");
  if (!parsed.ok) return fail(parsed.error);
  return {
    kind: "ok",
    request: {
      clientId,
      redirectUri,
      state: oauthState,
      codeChallenge,
      prompt: prompt as Prompt,
      toneId,
      modelId,
      filters: parsed.filters,
    },
  };
}

/** Tones the signed-in user can load: public, own, or favourited (§3.2). */
function canLoad(state: Tone3000FakeState, toneId: number | undefined): boolean {
  const tone = state.catalog.tones.find((t) => t.id === toneId);
  const me = state.catalog.signedInUserId;
  return !!tone && (tone.is_public || tone.user_id === me || state.favorite(me, tone.id) !== undefined);
}

/** What the Select page lists for this request, in the order it lists them. */
export function selectableTones(state: Tone3000FakeState, request: AuthorizeRequest) {
  const { catalog } = state;
  const listed = catalog.tones.filter(
    (tone) =>
      canLoad(state, tone.id) &&
      toneMatches(
        tone,
        modelsOf(state, tone.id),
        catalog.users.find((u) => u.id === tone.user_id),
        request.filters,
      ),
  );
  return sortTones(listed, "trending", undefined, (t) => state.favoritesCount(t)).map((tone) => ({
    tone,
    creator: catalog.users.find((u) => u.id === tone.user_id),
  }));
}

type Decision = { location: string } | { error: string } | { showSelect: true; notice?: string };

/**
 * `load_tone`/`load_model` answer without a page where they can (the user is taken to be signed in on
 * tone3000.com); otherwise the user has to pick a replacement tone (`showSelect`).
 */
function loadWithoutBrowsing(state: Tone3000FakeState, request: AuthorizeRequest): Decision | undefined {
  const model = state.catalog.models.find((m) => m.id === request.modelId);
  if (request.prompt === "load_model") {
    if (model && canLoad(state, model.tone_id)) {
      return {
        location: callback(request.redirectUri, request.state, {
          code: state.issueCode(request),
          model_id: String(model.id),
        }),
      };
    }
    return { location: callback(request.redirectUri, request.state, { error: "access_denied" }) };
  }
  if (request.prompt !== "load_tone") return undefined;
  const toneId = request.toneId ?? model?.tone_id;
  if (canLoad(state, toneId)) {
    const modelId = model && model.tone_id === toneId ? String(model.id) : undefined;
    const code = state.issueCode(request);
    return {
      location: callback(request.redirectUri, request.state, { code, tone_id: String(toneId), model_id: modelId }),
    };
  }
  return { showSelect: true, notice: `Tone ${toneId} cannot be loaded; pick a replacement.` };
}

/** A button on the authorize pages (or `/__fake/approve`): where the browser goes next. */
function decide(
  state: Tone3000FakeState,
  pending: PendingAuthorization,
  action: string,
  toneId: number | undefined,
): Decision {
  const { request } = pending;
  const finish = (params: Record<string, string | undefined>): Decision => {
    state.finishAuthorization(pending.id);
    return { location: callback(request.redirectUri, request.state, params) };
  };
  switch (action) {
    case "deny":
      return finish({ error: "access_denied", error_description: "The user denied access" });
    case "cancel":
      // The menubar close: the code still comes back if the user had signed in (§3.2).
      return finish({ canceled: "true", code: pending.signedIn ? state.issueCode(request) : undefined });
    case "sign_in":
      pending.signedIn = true;
      return request.prompt === undefined ? finish({ code: state.issueCode(request) }) : { showSelect: true };
    case "select": {
      if (!pending.signedIn) return { error: "Sign in first" };
      if (!selectableTones(state, request).some(({ tone }) => tone.id === toneId)) {
        return { error: `Tone ${toneId} is not on this Select page` };
      }
      return finish({ code: state.issueCode(request), tone_id: String(toneId) });
    }
    default:
      return { error: `Unknown action ${action}` };
  }
}

function selectPageUrl(pending: PendingAuthorization): string {
  return `${SELECT_PAGE_PATH}?authorization_id=${encodeURIComponent(pending.id)}`;
}

function signedInUsername(state: Tone3000FakeState): string {
  return state.catalog.users.find((u) => u.id === state.catalog.signedInUserId)?.username ?? "di_tester";
}

export function handleAuthorize(res: ServerResponse, url: URL, state: Tone3000FakeState) {
  const parsed = parseAuthorizeRequest(url.searchParams, state);
  if (parsed.kind === "fatal") return sendJson(res, parsed.status, parsed.body);
  if (parsed.kind === "redirect") return redirect(res, 302, parsed.location);
  const direct = loadWithoutBrowsing(state, parsed.request);
  if (direct && "location" in direct) return redirect(res, 302, direct.location);
  const pending = state.openAuthorization(parsed.request, direct !== undefined);
  const notice = direct && "notice" in direct ? direct.notice : undefined;
  if (pending.signedIn)
    return redirect(res, 302, `${selectPageUrl(pending)}&notice=${encodeURIComponent(notice ?? "")}`);
  sendHtml(res, 200, renderAuthorizePage({ pending, username: signedInUsername(state) }));
}

export function handleSelectPage(res: ServerResponse, url: URL, state: Tone3000FakeState) {
  const pending = state.authorization(url.searchParams.get("authorization_id") ?? "");
  if (!pending?.signedIn) {
    return sendJson(res, 400, {
      error: "invalid_request",
      error_description: "Authorization expired or not signed in",
    });
  }
  const tones = selectableTones(state, pending.request);
  const notice = url.searchParams.get("notice") || undefined;
  sendHtml(res, 200, renderAuthorizePage({ pending, username: signedInUsername(state), tones, notice }));
}

export async function handleDecision(req: IncomingMessage, res: ServerResponse, state: Tone3000FakeState) {
  const form = new URLSearchParams(await readBody(req));
  const pending = state.authorization(form.get("authorization_id") ?? "");
  if (!pending) {
    return sendJson(res, 400, { error: "invalid_request", error_description: "Authorization expired or already used" });
  }
  const toneId = form.get("tone_id") ? Number(form.get("tone_id")) : undefined;
  const decision = decide(state, pending, form.get("action") ?? "", toneId);
  if ("error" in decision) return sendJson(res, 400, { error: "invalid_request", error_description: decision.error });
  if ("showSelect" in decision) return redirect(res, 303, selectPageUrl(pending));
  redirect(res, 302, decision.location);
}

export interface ApproveRequest {
  authorizeUrl: string;
  toneId?: number;
  action?: "approve" | "cancel" | "deny";
  signedIn?: boolean;
}

/**
 * What a user's clicks on the authorize pages would produce, for tests without a browser: `approve` signs in and,
 * for Select, picks `toneId` (default: the first tone listed); for `load_tone`, a `toneId` other than the requested
 * one is the user picking a replacement. `cancel` carries a code only with `signedIn: true`.
 */
export function approveAuthorizeUrl(
  state: Tone3000FakeState,
  input: ApproveRequest,
): { status: number; body: unknown } {
  let params: URLSearchParams;
  try {
    params = new URL(input.authorizeUrl).searchParams;
  } catch {
    return { status: 400, body: { error: "authorizeUrl must be an absolute URL" } };
  }
  const parsed = parseAuthorizeRequest(params, state);
  if (parsed.kind === "fatal") return { status: parsed.status, body: parsed.body };
  if (parsed.kind === "redirect") return { status: 200, body: { location: parsed.location } };
  const { request } = parsed;
  const action = input.action ?? "approve";
  if (action === "approve" && (request.prompt === "load_tone" || request.prompt === "load_model")) {
    const direct = loadWithoutBrowsing(state, request);
    const picksOther = input.toneId !== undefined && input.toneId !== request.toneId;
    if (direct && "location" in direct && !picksOther) return { status: 200, body: direct };
    if (request.prompt === "load_model") return { status: 200, body: direct };
  }
  const pending = state.openAuthorization(request, action === "approve" || input.signedIn === true);
  let decision: Decision;
  if (action !== "approve") decision = decide(state, pending, action, undefined);
  else if (request.prompt === undefined) decision = decide(state, pending, "sign_in", undefined);
  else {
    const toneId = input.toneId ?? selectableTones(state, request)[0]?.tone.id;
    decision = decide(state, pending, "select", toneId);
  }
  if ("location" in decision) return { status: 200, body: { location: decision.location } };
  state.finishAuthorization(pending.id);
  return { status: 400, body: { error: "error" in decision ? decision.error : "No tone to select" } };
}

function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/** `POST /api/v1/oauth/token` (§3.3): public client, form-encoded, refresh tokens rotate. */
export async function handleToken(req: IncomingMessage, res: ServerResponse, state: Tone3000FakeState) {
  const fail = (status: number, error: string, description: string) => {
    state.countTokenFailure();
    sendJson(res, status, { error, error_description: description }, { "cache-control": "no-store" });
  };
  if (!(req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) {
    return fail(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(await readBody(req));
  const get = (name: string) => form.get(name) || undefined;
  const clientId = get("client_id");
  if (!clientId || !state.options.clientIds.includes(clientId)) {
    return fail(401, "invalid_client", "Unknown client_id");
  }
  const grantType = get("grant_type");
  const ok = (tokens: unknown) => sendJson(res, 200, tokens, { "cache-control": "no-store", pragma: "no-cache" });
  if (grantType === "authorization_code") {
    const code = get("code");
    const verifier = get("code_verifier");
    const redirectUri = get("redirect_uri");
    if (!code || !verifier || !redirectUri) return fail(400, "invalid_request", MISSING);
    const record = state.takeCode(code);
    if (!record || record.clientId !== clientId) {
      return fail(400, "invalid_grant", "Authorization code is invalid, expired or already used");
    }
    if (record.redirectUri !== redirectUri) return fail(400, "invalid_grant", "redirect_uri does not match");
    if (pkceChallenge(verifier) !== record.codeChallenge) {
      return fail(400, "invalid_grant", "code_verifier does not match code_challenge");
    }
    return ok(state.issueTokens(record.userId, clientId, "authorization_code"));
  }
  if (grantType === "refresh_token") {
    const refreshToken = get("refresh_token");
    if (!refreshToken) return fail(400, "invalid_request", MISSING);
    const record = state.rotateRefreshToken(refreshToken, clientId);
    if (!record) return fail(400, "invalid_grant", "Refresh token already used or expired");
    return ok(state.issueTokens(record.userId, clientId, "refresh_token"));
  }
  return fail(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
}
