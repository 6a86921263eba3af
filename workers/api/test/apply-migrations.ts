// Runs before each test file. applyD1Migrations records what it applied, so a second run in the same storage
// is a no-op rather than a "table already exists" error.

import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
