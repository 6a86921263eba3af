/**
 * @module `just seed`: seeds the demo library into the local D1 and R2 (the state `just dev` serves), through
 * wrangler's platform proxy, so the data goes through the same workerd storage the Workers read.
 */
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { createDatabase } from "../workers/api/src/context.ts";
import { localStateDir } from "./local-state-dir.ts";
import { type SeedResult, seedDemo } from "./seed/seed-demo.ts";
import { sharedFixturesDir } from "./shared-fixtures-dir.ts";

export async function seedLocal(): Promise<SeedResult> {
  const proxy = await getPlatformProxy<{ DB: D1Database; MEDIA: R2Bucket }>({
    configPath: "workers/api/wrangler.toml",
    persist: { path: join(localStateDir(), "v3") },
  });
  try {
    return await seedDemo({
      db: createDatabase(proxy.env.DB),
      media: proxy.env.MEDIA,
      assetsDir: join(localStateDir(), "demo-assets"),
      sharedFixturesDir,
    });
  } finally {
    await proxy.dispose();
  }
}

if (import.meta.main) {
  const result = await seedLocal();
  console.log(`Seeded ${result.assetCount} assets and ${result.shootoutCount} shootouts for ${result.email}`);
}
