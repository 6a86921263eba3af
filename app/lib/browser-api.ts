/**
 * @module The browser's tRPC client, for data a page keeps fresh after it loaded (TanStack Query polls through it).
 * Same origin, so the session cookie goes along; loaders and actions use the server client (api.server.ts) instead.
 */
import type { AppRouter } from "@gts/api/router";
import { createTRPCClient, httpLink } from "@trpc/client";

let client: ReturnType<typeof createTRPCClient<AppRouter>> | undefined;

export function browserApi() {
  client ??= createTRPCClient<AppRouter>({ links: [httpLink({ url: "/trpc" })] });
  return client;
}
