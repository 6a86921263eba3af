/**
 * @module A render node's tRPC client: bearer token, no cookie, no Origin, as the render-node daemon calls.
 */
import { exports } from "cloudflare:workers";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "../../src/routers/_app.ts";

export function nodeClient(token: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: "http://localhost:5173/trpc",
        headers: { Authorization: `Bearer ${token}` },
        fetch: (url, init) => exports.default.fetch(new Request(url, init)),
      }),
    ],
  });
}
