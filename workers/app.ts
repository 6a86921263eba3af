/**
 * @module app Worker entry: one origin for the browser. API paths (`/trpc`, `/files`, `/auth/tone3000`) and realtime go to their
 * Workers over service bindings; everything else is React Router's server build, created once at module scope.
 */
import { createRequestHandler } from "react-router";
import { followRender } from "./room-access.ts";

const handleRequest = createRequestHandler(() => import("virtual:react-router/server-build"), import.meta.env.MODE);

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith("/trpc/") || pathname.startsWith("/files/") || pathname.startsWith("/auth/tone3000/")) {
      return env.API.fetch(request);
    }
    if (pathname.startsWith("/realtime/")) {
      return followRender(request, env.API, env.REALTIME);
    }
    return handleRequest(request);
  },
} satisfies ExportedHandler<Env>;
