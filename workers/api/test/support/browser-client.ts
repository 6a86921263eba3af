/**
 * @module A tRPC client that behaves like a browser on one origin: it keeps the session cookie it is given, sends
 * it back (from tRPC calls and plain requests alike), and puts that origin in `Origin` on POSTs. Requests go to the api Worker's real fetch handler.
 */
import { exports } from "cloudflare:workers";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import type { AppRouter } from "../../src/routers/_app.ts";

export interface BrowserClient {
  trpc: ReturnType<typeof createTRPCClient<AppRouter>>;
  /** A plain request from this browser (its cookie, and its Origin on writes), to `/files/…`. */
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
  /** The session cookie's value (the token), or null. */
  sessionToken: () => string | null;
  /** `Set-Cookie` headers of the last response. */
  lastSetCookies: () => string[];
}

export function browserClient(
  options: { siteOrigin?: string; originHeader?: string | null; sessionToken?: string | null } = {},
): BrowserClient {
  const siteOrigin = options.siteOrigin ?? "http://localhost:5173";
  const originHeader = options.originHeader === undefined ? siteOrigin : options.originHeader;
  let token = options.sessionToken ?? null;
  let setCookies: string[] = [];
  /** Keeps the session cookie a response sets (or clears), as a browser would. */
  const remember = (response: Response) => {
    setCookies = response.headers.getSetCookie();
    for (const cookie of setCookies) {
      const match = /^gts_session=([^;]*)/.exec(cookie);
      if (match) token = match[1] || null;
    }
    return response;
  };
  const trpc = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${siteOrigin}/trpc`,
        fetch: async (url, init) => {
          const headers = new Headers(init?.headers);
          if (token) headers.set("Cookie", `gts_session=${token}`);
          if (init?.method === "POST" && originHeader) headers.set("Origin", originHeader);
          return remember(await exports.default.fetch(new Request(url, { ...init, headers })));
        },
      }),
    ],
  });
  const fetchAsBrowser = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (token) headers.set("Cookie", `gts_session=${token}`);
    if (init.method && init.method !== "GET" && originHeader) headers.set("Origin", originHeader);
    return exports.default.fetch(new Request(`${siteOrigin}${path}`, { ...init, headers })).then(remember);
  };
  return { trpc, fetch: fetchAsBrowser, sessionToken: () => token, lastSetCookies: () => setCookies };
}

/** The tRPC error code and message of a failed call, for asserting on refusals. */
export async function trpcFailure(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      return { code: String(error.data?.code), message: error.message };
    }
    throw error;
  }
  throw new Error("expected the call to fail");
}

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${crypto.randomUUID()}@example.com`;
}
