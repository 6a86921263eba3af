import { randomBytes } from "node:crypto";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { buildWorker } from "../../dev/test-support/build-worker.ts";
import { startTone3000Fake } from "../../dev/tone3000-fake/start-tone3000-fake.ts";

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig(async () => {
  // The same SQL files wrangler applies locally and in production, applied in workerd before each test file.
  const migrations = await readD1Migrations(fromHere("../../migrations"));
  // The api's REALTIME service binding needs the real realtime Worker running beside it.
  const realtimeScript = await buildWorker(
    fromHere("../realtime/wrangler.toml"),
    fromHere("../../.wrangler/test-build/realtime"),
  );
  // TONE3000 cannot run here: its documented-contract stand-in does, on a free port, for the whole run. The api reaches
  // it over real HTTP, and tests drive it through its /__fake/ control routes.
  const tone3000 = await startTone3000Fake({ port: 0, unref: true });
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            TONE3000_BASE_URL: tone3000.url,
            TONE3000_CLIENT_ID: tone3000.clientId,
            TONE3000_TOKEN_KEY: randomBytes(32).toString("base64"),
            TONE3000_LOCAL_STANDIN: "1",
          },
          workers: [
            {
              name: "gts-realtime",
              modules: true,
              scriptPath: realtimeScript,
              // Module paths must stay inside the modules root, which defaults to this folder.
              modulesRoot: dirname(realtimeScript),
              compatibilityDate: "2026-10-01",
              durableObjects: {
                JOB_ROOM: { className: "JobRoom", useSQLite: true },
                RENDER_QUEUE: { className: "RenderQueue", useSQLite: true },
              },
            },
          ],
        },
      }),
    ],
    test: {
      name: "api",
      include: ["test/**/*.test.ts"],
      setupFiles: ["./test/apply-migrations.ts"],
      // Some tests upload a whole corpus or a library per case; CI shares two cores with the other projects.
      testTimeout: 60_000,
    },
  };
});
