/**
 * @module `npm start` / `just dev`: migrate the local D1, serve the app, api and realtime Workers from one Vite dev
 * server (workerd with local D1/R2/Durable Objects), seed the demo library through the api, and print the URL.
 * `GTS_PORT` picks the port (default 5173, the next free one if taken); `GTS_STATE_DIR` the local state folder.
 */
import { createServer } from "vite";
import { migrateLocal } from "./migrate-local.ts";
import { seedLocal } from "./seed-local.ts";

await migrateLocal();

const server = await createServer({
  server: { host: "127.0.0.1", port: Number(process.env.GTS_PORT ?? 5173) },
  logLevel: process.env.GTS_VITE_LOG_LEVEL === "info" ? "info" : "warn",
});
await server.listen();

const url = server.resolvedUrls?.local[0];
if (!url) throw new Error("Vite started but reported no local URL");
// Through the running api, as a creator would: the demo exercises the same procedures as the product.
const seeded = await seedLocal(url);
console.log(`Demo sign-in: ${seeded.email} / ${seeded.password}`);
console.log(`Guitar Tone Shootout is running at ${url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
