/**
 * @module `bundleCompositions`: bundles remotion/src once and reuses it, in this process (one promise per source hash)
 * and across processes (a folder named after the hash under the system temp folder).
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle } from "@remotion/bundler";
import { hashSources } from "./hash-sources.ts";

/** remotion/src, whose hash keys the bundle. */
export const REMOTION_SOURCE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../remotion/src");

const bundles = new Map<string, Promise<string>>();

/** Returns the bundle folder (Remotion's `serveUrl`). */
export async function bundleCompositions(options: { cacheDir?: string } = {}): Promise<string> {
  // The Remotion version is part of the key: an upgrade changes the bundle without touching our sources.
  const remotionVersion = (createRequire(import.meta.url)("@remotion/bundler/package.json") as { version: string })
    .version;
  const hash = `${remotionVersion}-${await hashSources(REMOTION_SOURCE_DIR)}`;
  let pending = bundles.get(hash);
  if (pending === undefined) {
    pending = build(hash, options.cacheDir ?? join(tmpdir(), "gts-remotion-bundles"));
    bundles.set(hash, pending);
    pending.catch(() => bundles.delete(hash));
  }
  return pending;
}

async function build(hash: string, cacheDir: string): Promise<string> {
  const outDir = join(cacheDir, hash.slice(0, 32));
  if (existsSync(join(outDir, "index.html"))) return outDir;
  await mkdir(cacheDir, { recursive: true });
  // Bundle beside the final folder and rename, so a crashed or concurrent build never leaves a half bundle in place.
  const workDir = await mkdtemp(join(cacheDir, "building-"));
  const emptyPublicDir = join(workDir, "empty-public");
  await mkdir(emptyPublicDir);
  const built = await bundle({
    entryPoint: join(REMOTION_SOURCE_DIR, "index.ts"),
    outDir: join(workDir, "bundle"),
    // The program audio is copied in per render (see renderComparison); nothing static is needed at bundle time.
    publicDir: emptyPublicDir,
    enableCaching: true,
  });
  try {
    await rename(built, outDir);
  } catch (error) {
    // Another process won the race: its bundle is the same sources.
    if (!existsSync(join(outDir, "index.html"))) throw error;
  }
  await rm(workDir, { recursive: true, force: true });
  return outDir;
}
