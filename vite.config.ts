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
          // Added to the file's vars, not replacing them.
          config: (worker) => {
            worker.vars = { ...worker.vars, ...apiVarsFromEnvironment() };
          },
        },
        { configPath: "./workers/realtime/wrangler.toml" },
      ],
      persistState: { path: localStateDir() },
    }),
    reactRouter(),
  ],
  environments: {
    client: {
      // Found only when a browser first asks for them (the video preview's lazy Remotion Player; the query client
      // and browser tRPC client of pages that keep data live), Vite would re-optimize and answer "504 Outdated
      // Optimize Dep". Pre-bundled up front (together, so the player and the compositions share one `remotion`).
      optimizeDeps: { include: ["@remotion/player", "remotion", "@tanstack/react-query", "@trpc/client"] },
    },
  },
});

/**
 * api settings the dev scripts pass through the environment: tests shorten render leases (to see a dead node's
 * render taken over without waiting a minute); dev/start-local-tone3000.ts points TONE3000 at its local stand-in.
 */
function apiVarsFromEnvironment(): Record<string, string> {
  const e = process.env;
  const vars: Record<string, string | undefined> = {
    RENDER_LEASE_SECONDS: e.GTS_RENDER_LEASE_SECONDS,
    TONE3000_BASE_URL: e.GTS_TONE3000_BASE_URL,
    TONE3000_CLIENT_ID: e.GTS_TONE3000_CLIENT_ID,
    TONE3000_TOKEN_KEY: e.GTS_TONE3000_TOKEN_KEY,
    TONE3000_LOCAL_STANDIN: e.GTS_TONE3000_BASE_URL ? "1" : undefined,
  };
  return Object.fromEntries(Object.entries(vars).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
