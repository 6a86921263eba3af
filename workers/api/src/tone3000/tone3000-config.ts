/**
 * @module TONE3000 settings of the api Worker. `TONE3000_CLIENT_ID` is the publishable key (`t3k_pub_…`);
 * `TONE3000_TOKEN_KEY` (a secret: 32 random bytes, base64) encrypts the tokens we keep; `TONE3000_BASE_URL` is
 * https://www.tone3000.com in production and the local stand-in (dev/tone3000-fake) under `npm start` and in tests,
 * which also set `TONE3000_LOCAL_STANDIN` so the UI can say so.
 */
export interface Tone3000Env {
  TONE3000_BASE_URL?: string;
  TONE3000_CLIENT_ID?: string;
  TONE3000_TOKEN_KEY?: string;
  TONE3000_LOCAL_STANDIN?: string;
}

export interface Tone3000Config {
  /** Origin without a trailing slash: a `//` path gets a redirect that drops headers. */
  baseUrl: string;
  clientId: string;
  tokenKeyBase64: string;
  localStandIn: boolean;
}

export const TONE3000_DEFAULT_BASE_URL = "https://www.tone3000.com";

/** The configuration, or why TONE3000 is off (shown to users and operators as it is). */
export function readTone3000Config(env: Tone3000Env): Tone3000Config | { disabled: string } {
  const clientId = env.TONE3000_CLIENT_ID?.trim() ?? "";
  if (!clientId) return { disabled: "TONE3000 is not configured on this server (TONE3000_CLIENT_ID is not set)" };
  const tokenKeyBase64 = env.TONE3000_TOKEN_KEY?.trim() ?? "";
  if (!tokenKeyBase64) {
    return { disabled: "TONE3000 is not configured on this server (the TONE3000_TOKEN_KEY secret is not set)" };
  }
  const baseUrl = (env.TONE3000_BASE_URL?.trim() || TONE3000_DEFAULT_BASE_URL).replace(/\/+$/, "");
  return { baseUrl, clientId, tokenKeyBase64, localStandIn: env.TONE3000_LOCAL_STANDIN === "1" };
}
