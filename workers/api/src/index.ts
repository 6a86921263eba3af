/**
 * @module api Worker entry: `/trpc/*` goes to the tRPC router; nothing else is served here.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContextInner } from "./context.ts";
import { appRouter } from "./routers/_app.ts";

export const TRPC_ENDPOINT = "/trpc";

export default {
  fetch(request, env) {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${TRPC_ENDPOINT}/`)) {
      return new Response("Not found", { status: 404 });
    }
    return fetchRequestHandler({
      endpoint: TRPC_ENDPOINT,
      req: request,
      router: appRouter,
      createContext: () => createContextInner(env),
    });
  },
} satisfies ExportedHandler<Env>;
