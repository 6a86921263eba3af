/**
 * @module The session cookie: its name, lifetime and attributes. HttpOnly (no script can read it), SameSite=Lax
 * (not sent on cross-site sub-requests or POSTs), Secure everywhere but plain-http localhost development.
 */

export const SESSION_COOKIE = "gts_session";
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export function readSessionCookie(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) return value.join("=") || null;
  }
  return null;
}

export function sessionCookie(token: string, requestUrl: string): string {
  return serialize(token, Math.floor(SESSION_TTL_MS / 1000), requestUrl);
}

export function clearedSessionCookie(requestUrl: string): string {
  return serialize("", 0, requestUrl);
}

function serialize(value: string, maxAgeSeconds: number, requestUrl: string): string {
  const { protocol, hostname } = new URL(requestUrl);
  const localHttp = protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(hostname);
  const secure = localHttp ? "" : "; Secure";
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}
