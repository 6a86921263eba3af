/**
 * @module The server-side tRPC client: loaders and actions call the api Worker over its service binding, not the
 * network. `apiFor(request)` acts as the browser that sent `request` (its cookie, and its Origin for mutations) and
 * collects the api's `Set-Cookie` answers so the root middleware can hand them on to the browser.
 */

import { env } from "cloudflare:workers";
import type { AppRouter } from "@gts/api/router";
import { createTRPCClient, httpBatchLink, httpLink } from "@trpc/client";

/**
 * A client for calls that need no user (health, the shared view). The host is never resolved. Not batched: this
 * client lives at module scope, and a batch would mix calls of concurrent requests into one fetch, which workerd
 * cancels as hung for every request but the one that made it.
 */
export const api = createTRPCClient<AppRouter>({
  links: [httpLink({ url: "https://api.internal/trpc", fetch: (input, init) => env.API.fetch(input, init) })],
});

export type Api = typeof api;

/**
 * A client acting for the browser behind `request`. The api sees the page's own URL, so its same-origin check and
 * its cookie attributes (Secure except on local http) are decided as for the browser itself. `setCookies` receives
 * every `Set-Cookie` the api answers with (sign-in, sign-out, session rotation).
 */
export function apiFor(request: Request, setCookies: string[] = []): Api {
  const origin = new URL(request.url).origin;
  const cookie = request.headers.get("Cookie");
  // Forward the browser's own Origin (never invent one), so a cross-site form post is refused by the api as it is.
  const browserOrigin = request.headers.get("Origin");
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${origin}/trpc`,
        headers: () => ({
          ...(cookie ? { Cookie: cookie } : {}),
          ...(browserOrigin ? { Origin: browserOrigin } : {}),
        }),
        fetch: async (input, init) => {
          const response = await env.API.fetch(input, init);
          setCookies.push(...response.headers.getSetCookie());
          return response;
        },
      }),
    ],
  });
}
