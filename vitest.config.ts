import { defineConfig } from "vitest/config";

// One root config, one named project per runtime: `just test-project <name>` runs one of them.
export default defineConfig({
  test: {
    projects: [
      "workers/api/vitest.config.ts",
      "workers/realtime/vitest.config.ts",
      {
        test: {
          name: "node",
          environment: "node",
          include: [
            "workers/api/src/contract/**/*.test.ts",
            "render-node/src/**/*.test.ts",
            "remotion/src/**/*.test.ts",
            "dev/**/*.test.ts",
            "app/lib/**/*.test.ts",
          ],
        },
      },
      {
        test: {
          name: "e2e",
          environment: "node",
          include: ["e2e/**/*.test.ts"],
          // Starting workerd and Chromium from cold takes a while on a 2-core machine.
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
