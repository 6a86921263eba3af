/**
 * @module OAuth 2.0 authorization code + PKCE against TONE3000 (docs/tone3000-api.md §3): the authorize URL, the
 * code exchange and the refresh grant. TONE3000 is a public client (no secret); the verifier never leaves the api.
 */
import { type Tone3000Tokens, tone3000TokensSchema } from "../contract/index.ts";
import { bytesToBase64Url } from "./token-cipher.ts";
import type { Tone3000Config } from "./tone3000-config.ts";
import { Tone3000Error } from "./tone3000-error.ts";
import { tone3000Json } from "./tone3000-http.ts";

export interface PkcePair {
  verifier: string;
  challenge: string;
}

/** A 32-byte random verifier (as the reference client) and its S256 challenge. */
export async function createPkcePair(): Promise<PkcePair> {
  const verifier = bytesToBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return { verifier, challenge: bytesToBase64Url(new Uint8Array(digest)) };
}

export interface AuthorizeOptions {
  redirectUri: string;
  state: string;
  challenge: string;
  /** `select_tone` lets the user browse TONE3000 and pick a tone, returned as `tone_id`. */
  prompt?: "select_tone";
  gears?: string[];
  format?: string;
  architecture?: string;
}

export function authorizeUrl(config: Tone3000Config, options: AuthorizeOptions): string {
  const url = new URL(`${config.baseUrl}/api/v1/oauth/authorize`);
  const params: Record<string, string | undefined> = {
    client_id: config.clientId,
    redirect_uri: options.redirectUri,
    response_type: "code",
    code_challenge: options.challenge,
    code_challenge_method: "S256",
    state: options.state,
    prompt: options.prompt,
    gears: options.gears?.length ? options.gears.join("_") : undefined,
    format: options.format,
    architecture: options.architecture,
  };
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

export function exchangeCode(
  config: Tone3000Config,
  grant: { code: string; verifier: string; redirectUri: string },
): Promise<Tone3000Tokens> {
  return tokenRequest(
    config,
    new URLSearchParams({
      grant_type: "authorization_code",
      code: grant.code,
      code_verifier: grant.verifier,
      redirect_uri: grant.redirectUri,
      client_id: config.clientId,
    }),
    "TONE3000 did not accept the sign-in",
  );
}

/** A new token pair; the refresh token passed in is spent (TONE3000 rotates them). */
export function refreshTokens(config: Tone3000Config, refreshToken: string): Promise<Tone3000Tokens> {
  return tokenRequest(
    config,
    new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: config.clientId }),
    "TONE3000 ended the session",
  );
}

async function tokenRequest(config: Tone3000Config, body: URLSearchParams, refusal: string): Promise<Tone3000Tokens> {
  try {
    return await tone3000Json(config, "/oauth/token", tone3000TokensSchema, { method: "POST", body });
  } catch (error) {
    // invalid_grant (bad/used code or refresh token), GoTrue's refresh_token_not_found, invalid_client: all mean
    // these credentials are spent; the user has to go through TONE3000's sign-in again.
    if (error instanceof Tone3000Error && (error.code === "BAD_REQUEST" || error.code === "BAD_RESPONSE")) {
      if (/invalid_grant|refresh_token_not_found|invalid_client|HTTP 401/.test(error.message)) {
        throw new Tone3000Error(
          "REAUTH",
          `${refusal} (${error.message.replace(/^TONE3000 refused [^:]+: /, "")}); sign in with TONE3000 again.`,
        );
      }
    }
    throw error;
  }
}
