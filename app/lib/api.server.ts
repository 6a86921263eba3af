/**
 * @module The server-side tRPC client: loaders call the api Worker over its service binding, not the network.
 */

import { env } from "cloudflare:workers";
import type { AppRouter } from "@gts/api/router";
import { createTRPCClient, httpBatchLink } from "@trpc/client";

// The host is never resolved: the service binding's fetch delivers the request straight to the api Worker.
const API_URL = "https://api.internal/trpc";

export const api = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: API_URL, fetch: (input, init) => env.API.fetch(input, init) })],
});
