/**
 * @module Where local D1/R2/Durable Object state lives. Vite, wrangler and the seed script must agree on it, so it
 * is computed here only. `GTS_STATE_DIR` moves it (the end-to-end tests use a fresh one per run).
 */
import { resolve } from "node:path";

export function localStateDir(): string {
  return resolve(process.env.GTS_STATE_DIR ?? ".wrangler/state");
}
