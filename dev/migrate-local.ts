/**
 * @module Applies the D1 migrations in /migrations to the local database (`just db-migrate-local`), with wrangler,
 * exactly as production applies them with `--remote`.
 */
import { spawn } from "node:child_process";
import { localStateDir } from "./local-state-dir.ts";

export async function migrateLocal(): Promise<void> {
  const args = ["d1", "migrations", "apply", "DB", "--local"];
  args.push("-c", "workers/api/wrangler.toml", "--persist-to", localStateDir());
  const output: Buffer[] = [];
  const child = spawn("wrangler", args, { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) {
    throw new Error(`wrangler d1 migrations apply failed (exit ${code}):\n${Buffer.concat(output).toString()}`);
  }
}

if (import.meta.main) {
  await migrateLocal();
  console.log(`D1 migrations applied (state in ${localStateDir()})`);
}
