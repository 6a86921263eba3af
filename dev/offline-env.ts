/**
 * @module Imported first by the dev scripts: nothing they start may reach outside the npm registry (no telemetry,
 * no `cf` object fetch, no NuGet download), even when run with plain `node` rather than through the justfile.
 */
process.env.WRANGLER_SEND_METRICS ??= "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
process.env.TURBO_TELEMETRY_DISABLED ??= "1";
