/**
 * @module Where `../shared/fixtures` is (real DIs, `.nam` captures, IRs, NAM-core goldens): beside the checkout,
 * or `GTS_SHARED_FIXTURES`. It is absent on a plain clone; everything that reads it must say so and carry on.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export const sharedFixturesDir: string = process.env.GTS_SHARED_FIXTURES ?? resolve(repoRoot, "../shared/fixtures");

export const hasSharedFixtures: boolean = existsSync(join(sharedFixturesDir, "nam"));
