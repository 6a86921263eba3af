import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      /** Read from /migrations by vitest.config.ts and applied in test/apply-migrations.ts. */
      TEST_MIGRATIONS: D1Migration[];
      /** The TONE3000 stand-in's origin, client id and a random token key, from vitest.config.ts. */
      TONE3000_BASE_URL: string;
      TONE3000_CLIENT_ID: string;
      TONE3000_TOKEN_KEY: string;
    }
  }
}
