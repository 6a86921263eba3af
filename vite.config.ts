import { cloudflare } from "@cloudflare/vite-plugin";
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";
import { localStateDir } from "./dev/local-state-dir.ts";

// One Vite dev server runs all three Workers in one workerd, with the local D1/R2/Durable Object state that
// `just db-migrate-local` and the seed script write (dev/local-state-dir.ts says where).
export default defineConfig({
  plugins: [
    cloudflare({
      viteEnvironment: { name: "ssr" },
      auxiliaryWorkers: [
        {
          configPath: "./workers/api/wrangler.toml",
          // Tests shorten render leases to see a dead node's render taken over without waiting a minute.
          ...(process.env.GTS_RENDER_LEASE_SECONDS
            ? { config: { vars: { RENDER_LEASE_SECONDS: process.env.GTS_RENDER_LEASE_SECONDS } } }
            : {}),
        },
        { configPath: "./workers/realtime/wrangler.toml" },
      ],
      persistState: { path: localStateDir() },
    }),
    reactRouter(),
  ],
});
