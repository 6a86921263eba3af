/**
 * @module Bundles a Worker with wrangler (`deploy --dry-run --outdir`, no upload) so another Worker's tests can
 * run it as a real auxiliary Worker in the same workerd, as production runs it beside the one under test.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

export async function buildWorker(configPath: string, outDir: string): Promise<string> {
  try {
    await promisify(execFile)("wrangler", ["deploy", "--dry-run", "--outdir", outDir, "-c", configPath]);
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`bundling ${configPath} failed:\n${stdout}\n${stderr}`);
  }
  return join(outDir, "index.js");
}
