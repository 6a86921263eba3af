/**
 * For Node programs that import `type AppRouter` (the render node, dev scripts, end-to-end tests): the router's
 * context names a few Workers globals. They come from the Workers types as module types here, not as the whole
 * Workers global lib, whose `URL` and stream globals clash with Node's. Include this file in such a tsconfig.
 */
declare global {
  type D1Database = import("@cloudflare/workers-types/index.ts").D1Database;
  type R2Bucket = import("@cloudflare/workers-types/index.ts").R2Bucket;
}

export {};
