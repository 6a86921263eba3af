/**
 * @module `npm start` / `just dev`: migrate the local D1, serve the app, api and realtime Workers from one Vite dev
 * server (workerd with local D1/R2/Durable Objects), seed the demo library through the api, and print the URL.
 * `GTS_PORT` picks the port (default 5173, the next free one if taken); `GTS_STATE_DIR` the local state folder;
 * `GTS_LOCAL_NODE=off` starts no local render node; `GTS_SERVE=preview` serves the production build instead. TONE3000 is the local stand-in unless workers/api/.dev.vars names
 * a real client (dev/start-local-tone3000.ts).
 */
import "./offline-env.ts";
import { spawnSync } from "node:child_process";
import { createServer, preview } from "vite";
import { migrateLocal } from "./migrate-local.ts";
import { seedLocal } from "./seed-local.ts";
import { startLocalNode } from "./start-local-node.ts";
import { startLocalTone3000 } from "./start-local-tone3000.ts";

await migrateLocal();
// Before Vite: the api's TONE3000 settings are read from the environment when the Workers are configured.
const tone3000StandIn = await startLocalTone3000();

const listen = { host: "127.0.0.1", port: Number(process.env.GTS_PORT ?? 5173) };
const logLevel = process.env.GTS_VITE_LOG_LEVEL === "info" ? "info" : "warn";
// `GTS_SERVE=preview` serves the production build (minified bundles, built Workers) in workerd instead of the dev
// server: what `just bench-web` measures.
const server =
  process.env.GTS_SERVE === "preview"
    ? await buildAndPreview(listen, logLevel)
    : await createServer({ server: listen, logLevel }).then(async (dev) => dev.listen());

const url = server.resolvedUrls?.local[0];
if (!url) throw new Error("Vite started but reported no local URL");
// Through the running api, as a creator would: the demo exercises the same procedures as the product.
const seeded = await seedLocal(url);
// One render node on this machine, as a self-hoster would run beside the api (GTS_LOCAL_NODE=off leaves it out).
if (process.env.GTS_LOCAL_NODE !== "off") await startLocalNode(url);
console.log(`Demo sign-in: ${seeded.email} / ${seeded.password}`);
if (tone3000StandIn) console.log(`TONE3000: local stand-in at ${tone3000StandIn} (sign in as di_tester)`);
console.log(`Guitar Tone Shootout is running at ${url}`);

// Vite closes the server and exits on SIGINT/SIGTERM. The in-process node goes with it: a render it held returns
// to the queue when its lease expires (a standalone `render-node start` gives renders back on SIGTERM instead).

async function buildAndPreview(listen: { host: string; port: number }, logLevel: "info" | "warn") {
  // After the TONE3000 stand-in started: the api's settings are baked into the built Worker config.
  const build = spawnSync("react-router", ["build"], { stdio: ["ignore", "ignore", "inherit"], env: process.env });
  if (build.status !== 0) throw new Error(`react-router build failed (exit ${build.status})`);
  return preview({ preview: listen, logLevel });
}
