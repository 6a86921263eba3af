/**
 * @module TONE3000 for `npm start`: unless `workers/api/.dev.vars` configures a real client id, the local stand-in
 * (dev/tone3000-fake) is started and the api is pointed at it through `GTS_TONE3000_*` (read by vite.config.ts), with a
 * token-encryption key kept beside the local state so stored tokens survive a restart of the server.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { localStateDir } from "./local-state-dir.ts";
import { startTone3000Fake } from "./tone3000-fake/start-tone3000-fake.ts";

/** Returns what is used: the stand-in's URL, or null when a real TONE3000 client is configured. */
export async function startLocalTone3000(): Promise<string | null> {
  const devVars = await readFile("workers/api/.dev.vars", "utf8").catch(() => "");
  if (/^\s*TONE3000_CLIENT_ID\s*=\s*"?[^"\s]+/m.test(devVars)) return null;
  const fake = await startTone3000Fake({ port: Number(process.env.GTS_TONE3000_PORT ?? 0) });
  process.env.GTS_TONE3000_BASE_URL = fake.url;
  process.env.GTS_TONE3000_CLIENT_ID = fake.clientId;
  process.env.GTS_TONE3000_TOKEN_KEY = await localTokenKey();
  return fake.url;
}

async function localTokenKey(): Promise<string> {
  const path = join(localStateDir(), "tone3000-token-key");
  const existing = (await readFile(path, "utf8").catch(() => "")).trim();
  if (existing) return existing;
  const key = randomBytes(32).toString("base64");
  await mkdir(localStateDir(), { recursive: true });
  await writeFile(path, `${key}\n`, { mode: 0o600 });
  return key;
}
