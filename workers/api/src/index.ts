/**
 * @module api Worker entry: `/trpc/*` goes to the tRPC router, `/files/*` to the streamed asset uploads and
 * downloads, `/auth/tone3000/*` to TONE3000's OAuth redirects; nothing else is served here.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContextInner } from "./context.ts";
import { appRouter } from "./routers/_app.ts";
import { FILES_PREFIX, handleFiles } from "./routes/files.ts";
import { handleRenderFiles, isRenderFilesPath } from "./routes/render-files.ts";
import { handleTone3000Auth, TONE3000_AUTH_PREFIX } from "./routes/tone3000-auth.ts";

// Not exported: every named export of a Worker entry must be a handler (workerd refuses the module otherwise).
const TRPC_ENDPOINT = "/trpc";

export default {
  fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (isRenderFilesPath(pathname)) return handleRenderFiles(request, env);
    if (pathname.startsWith(FILES_PREFIX)) return handleFiles(request, env);
    if (pathname.startsWith(TONE3000_AUTH_PREFIX)) return handleTone3000Auth(request, env);
    if (!pathname.startsWith(`${TRPC_ENDPOINT}/`)) return new Response("Not found", { status: 404 });
    return fetchRequestHandler({
      endpoint: TRPC_ENDPOINT,
      req: request,
      router: appRouter,
      createContext: ({ resHeaders }) => createContextInner(env, { req: request, resHeaders }),
    });
  },
} satisfies ExportedHandler<Env>;
