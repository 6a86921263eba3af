/**
 * @module `just seed [URL]`: seeds the demo library into a running local stack (`just dev` seeds on start).
 */
import { join } from "node:path";
import { localStateDir } from "./local-state-dir.ts";
import { type SeedResult, seedDemo } from "./seed/seed-demo.ts";
import { sharedFixturesDir } from "./shared-fixtures-dir.ts";

export async function seedLocal(baseUrl: string): Promise<SeedResult> {
  return seedDemo({
    baseUrl,
    assetsDir: join(localStateDir(), "demo-assets"),
    sharedFixturesDir,
    // Tests and benchmarks start the stack with GTS_SEED_RENDER=off: a queued demo render would be claimed first.
    render: process.env.GTS_SEED_RENDER !== "off",
  });
}

if (import.meta.main) {
  const baseUrl = process.argv[2] ?? "http://127.0.0.1:5173/";
  const result = await seedLocal(baseUrl);
  console.log(`Seeded ${result.assetCount} assets and ${result.shootoutCount} shootouts for ${result.email}`);
}
