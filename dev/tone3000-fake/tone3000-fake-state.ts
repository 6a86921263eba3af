/**
 * @module Everything the local TONE3000 stand-in remembers between requests: pending authorizations, codes,
 * access and refresh tokens (with rotation), favourites, downloads, the per-client rate-limit window and the
 * counters tests read back. In memory only: a restart is a fresh TONE3000.
 */
import { randomBytes } from "node:crypto";
import type { FakeCatalog, FakeTone } from "./fake-catalog.ts";
import type { ToneFilters } from "./tone-filters.ts";

/** What `GET /__fake/stats` and `stats()` report. */
export interface Tone3000FakeStats {
  authorizationCodeGrants: number;
  refreshGrants: number;
  /** Token requests answered with an error (invalid_grant, invalid_client, …). */
  failedTokenRequests: number;
  /** Requests per URL path (query left out), `/__fake/` controls excluded. */
  requestsByPath: Record<string, number>;
  /** Successful `model_url` fetches. */
  modelDownloads: number;
  /** Requests answered 429. */
  rateLimited: number;
}

export type Prompt = "select_tone" | "load_tone" | "load_model" | undefined;

/** A validated `/oauth/authorize` request, kept while the user is on the stand-in's pages. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  prompt: Prompt;
  toneId: number | undefined;
  modelId: number | undefined;
  filters: ToneFilters;
}

export interface PendingAuthorization {
  id: string;
  request: AuthorizeRequest;
  signedIn: boolean;
  expiresAt: number;
}

interface CodeRecord {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  userId: string;
  expiresAt: number;
}

interface AccessTokenRecord {
  userId: string;
  clientId: string;
  expiresAt: number;
}

interface RefreshTokenRecord {
  userId: string;
  clientId: string;
  /** `used` after rotation, `revoked` by the test control: both answer invalid_grant. */
  status: "active" | "used" | "revoked";
}

export interface FavoriteRecord {
  id: number;
  tone_id: number;
  user_id: string;
  created_at: string;
}

/** Codes and pending authorizations live 30 minutes (INTEGRATION.md error table, §3.3). */
export const CODE_LIFETIME_MS = 30 * 60_000;
const RATE_WINDOW_MS = 60_000;

export interface Tone3000FakeStateOptions {
  catalog: FakeCatalog;
  accessTokenSeconds: number;
  rateLimitPerMinute: number;
  clientIds: string[];
  /** Registered redirect URIs besides the always-allowed http://localhost and http://127.0.0.1 ones. */
  redirectUris: string[];
  now: () => number;
}

export class Tone3000FakeState {
  readonly catalog: FakeCatalog;
  readonly options: Tone3000FakeStateOptions;
  private readonly authorizations = new Map<string, PendingAuthorization>();
  private readonly codes = new Map<string, CodeRecord>();
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly favorites = new Map<string, FavoriteRecord>();
  /** Per user, tone ids most recently downloaded first (`/tones/downloaded` is de-duplicated). */
  private readonly downloads = new Map<string, number[]>();
  private readonly requestTimes = new Map<string, number[]>();
  private tokenCounter = 0;
  private favoriteCounter = 5520;
  private readonly counters: Tone3000FakeStats = {
    authorizationCodeGrants: 0,
    refreshGrants: 0,
    failedTokenRequests: 0,
    requestsByPath: {},
    modelDownloads: 0,
    rateLimited: 0,
  };

  constructor(options: Tone3000FakeStateOptions) {
    this.options = options;
    this.catalog = options.catalog;
  }

  now(): number {
    return this.options.now();
  }

  stats(): Tone3000FakeStats {
    return structuredClone(this.counters);
  }

  countRequest(path: string): void {
    this.counters.requestsByPath[path] = (this.counters.requestsByPath[path] ?? 0) + 1;
  }

  countTokenFailure(): void {
    this.counters.failedTokenRequests += 1;
  }

  // --- authorize pages ---

  openAuthorization(request: AuthorizeRequest, signedIn: boolean): PendingAuthorization {
    const pending = { id: randomToken(12), request, signedIn, expiresAt: this.now() + CODE_LIFETIME_MS };
    this.authorizations.set(pending.id, pending);
    return pending;
  }

  /** A pending authorization that is neither finished nor expired. */
  authorization(id: string): PendingAuthorization | undefined {
    const pending = this.authorizations.get(id);
    if (pending && pending.expiresAt <= this.now()) this.authorizations.delete(id);
    return this.authorizations.get(id);
  }

  /** Pages carry `authorization_id`, which is single-use (§3.1): a finished flow cannot be replayed. */
  finishAuthorization(id: string): void {
    this.authorizations.delete(id);
  }

  // --- codes and tokens ---

  issueCode(request: AuthorizeRequest): string {
    const code = `fake-code-${randomToken(16)}`;
    this.codes.set(code, {
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      userId: this.catalog.signedInUserId,
      expiresAt: this.now() + CODE_LIFETIME_MS,
    });
    return code;
  }

  /** Removes the code whatever happens next: codes are single-use, a failed exchange burns it too. */
  takeCode(code: string): CodeRecord | undefined {
    const record = this.codes.get(code);
    this.codes.delete(code);
    return record && record.expiresAt > this.now() ? record : undefined;
  }

  issueTokens(userId: string, clientId: string, grant: "authorization_code" | "refresh_token") {
    if (grant === "authorization_code") this.counters.authorizationCodeGrants += 1;
    else this.counters.refreshGrants += 1;
    this.tokenCounter += 1;
    const accessToken = `fake-at-${this.tokenCounter}.${randomToken(12)}`;
    const refreshToken = `fake-rt-${this.tokenCounter}.${randomToken(12)}`;
    const expiresIn = this.options.accessTokenSeconds;
    this.accessTokens.set(accessToken, { userId, clientId, expiresAt: this.now() + expiresIn * 1000 });
    this.refreshTokens.set(refreshToken, { userId, clientId, status: "active" });
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: "bearer",
      expires_in: expiresIn,
      scope: "read",
    };
  }

  /** The refresh token's record if it can still be exchanged by this client; rotation marks it used. */
  rotateRefreshToken(token: string, clientId: string): RefreshTokenRecord | undefined {
    const record = this.refreshTokens.get(token);
    if (record?.status !== "active" || record.clientId !== clientId) return undefined;
    record.status = "used";
    return record;
  }

  /** The caller of a resource request, from a live access token. */
  bearer(authorization: string | undefined): AccessTokenRecord | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    const record = match?.[1] ? this.accessTokens.get(match[1]) : undefined;
    return record && record.expiresAt > this.now() ? record : undefined;
  }

  /** Test control: every (or one user's) refresh token stops working, as when a user revokes the app. */
  revokeRefreshTokens(username?: string): number {
    const userId = username === undefined ? undefined : this.catalog.users.find((u) => u.username === username)?.id;
    if (username !== undefined && userId === undefined) return 0;
    let revoked = 0;
    for (const record of this.refreshTokens.values()) {
      if (record.status === "active" && (userId === undefined || record.userId === userId)) {
        record.status = "revoked";
        revoked += 1;
      }
    }
    return revoked;
  }

  /** Test control: every access token issued so far is expired from now on. */
  expireAccessTokens(): number {
    let expired = 0;
    for (const record of this.accessTokens.values()) {
      if (record.expiresAt > this.now()) expired += 1;
      record.expiresAt = Math.min(record.expiresAt, this.now());
    }
    return expired;
  }

  // --- rate limit ---

  /** Records one resource request; false when the client already made `rateLimitPerMinute` in the last minute. */
  takeRateLimitSlot(clientId: string): boolean {
    const since = this.now() - RATE_WINDOW_MS;
    const times = (this.requestTimes.get(clientId) ?? []).filter((t) => t > since);
    const allowed = times.length < this.options.rateLimitPerMinute;
    if (allowed) times.push(this.now());
    else this.counters.rateLimited += 1;
    this.requestTimes.set(clientId, times);
    return allowed;
  }

  resetRateLimit(): void {
    this.requestTimes.clear();
  }

  // --- favourites and downloads ---

  favorite(userId: string, toneId: number): FavoriteRecord | undefined {
    return this.favorites.get(`${userId}:${toneId}`);
  }

  addFavorite(userId: string, toneId: number): FavoriteRecord {
    const existing = this.favorite(userId, toneId);
    if (existing) return existing;
    this.favoriteCounter += 1;
    const record = { id: this.favoriteCounter, tone_id: toneId, user_id: userId, created_at: isoNow(this.now()) };
    this.favorites.set(`${userId}:${toneId}`, record);
    return record;
  }

  removeFavorite(userId: string, toneId: number): void {
    this.favorites.delete(`${userId}:${toneId}`);
  }

  /** Tone ids the user favourited, newest first. */
  favoritedToneIds(userId: string): number[] {
    return [...this.favorites.values()]
      .filter((f) => f.user_id === userId)
      .reverse()
      .map((f) => f.tone_id);
  }

  /** The catalogue count plus favourites made through this fake. */
  favoritesCount(tone: FakeTone): number {
    let added = 0;
    for (const f of this.favorites.values()) if (f.tone_id === tone.id) added += 1;
    return tone.favorites_count + added;
  }

  recordDownload(userId: string, toneId: number): void {
    this.counters.modelDownloads += 1;
    const list = (this.downloads.get(userId) ?? []).filter((id) => id !== toneId);
    this.downloads.set(userId, [toneId, ...list]);
  }

  downloadedToneIds(userId: string): number[] {
    return this.downloads.get(userId) ?? [];
  }
}

/** URL-safe random text for codes, tokens and ids. */
export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

/** ISO timestamp with an explicit offset, like the live API's. */
export function isoNow(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+00:00");
}
