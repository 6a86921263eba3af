/**
 * @module A render's inputs on disk. Inputs the node may keep come from (or go into) its content-addressed cache.
 * Transient inputs (a TONE3000 model: TONE3000's API terms forbid caching, re-hosting or preloading model files; or
 * anything the api sends with `X-GTS-Input-Policy: transient` or `Cache-Control: no-store`) are downloaded into the
 * render's private folder every time, verified like the others, used by that render only and deleted with its job
 * folder: never a cache hit, never in the cache. Every download lands in the private folder first and only a keepable
 * one moves into the cache, so a transient input's bytes never touch the cache even when only the response says so.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RenderSpec, Tone3000Reference } from "@gts/api/contract";
import type { InputCache } from "./input-cache.ts";
import type { DownloadedInput } from "./node-api.ts";

/** The render's private download folder, inside its job folder (`<workDir>/jobs/<renderId>/transient`). */
export const TRANSIENT_DIR_NAME = "transient";

/** Names the process that owns a private folder, so a later node can tell a dead node's leftovers from a live one's. */
const OWNER_FILE = ".owner-pid";

/** One distinct input file of a render. */
export interface RenderInput {
  sha256: string;
  /** Set when a block of the render uses this file as a TONE3000 model. */
  tone3000?: Tone3000Reference;
}

/** The distinct input files of a render, in spec order; a file used as a TONE3000 model anywhere is one everywhere. */
export function renderInputsOf(spec: RenderSpec): RenderInput[] {
  const inputs = new Map<string, RenderInput>();
  const add = (sha256: string, tone3000: Tone3000Reference | undefined) => {
    const known = inputs.get(sha256);
    if (known === undefined || (known.tone3000 === undefined && tone3000 !== undefined)) {
      inputs.set(sha256, tone3000 === undefined ? { sha256 } : { sha256, tone3000 });
    }
  };
  for (const track of spec.diTracks) add(track.sha256, track.tone3000);
  for (const chain of spec.chains) {
    for (const block of chain.blocks) {
      if (block.type === "capture" || block.type === "ir") add(block.sha256, block.tone3000);
    }
  }
  return [...inputs.values()];
}

export interface FetchedRenderInputs {
  /** Where the input with this SHA-256 is for this render (the cache, or the render's private folder). */
  pathOf(sha256: string): string;
  /** SHA-256 of the transient inputs: nothing derived from them may outlive the render either. */
  transient: ReadonlySet<string>;
}

export async function fetchRenderInputs(options: {
  renderId: string;
  inputs: readonly RenderInput[];
  cache: InputCache;
  /** The render's private folder; the caller deletes it (with the job folder) however the render ends. */
  transientDir: string;
  /** Streams one input into `destPath` (see NodeApi.downloadInput). */
  download: (sha256: string, destPath: string) => Promise<DownloadedInput>;
  log: (line: string) => void;
  /** Called before each input; throw to stop (the daemon does when the lease is lost). */
  beforeEach?: () => void;
  /** The fraction of inputs ready, after each. */
  onProgress?: (fraction: number) => void;
}): Promise<FetchedRenderInputs> {
  const { renderId, transientDir } = options;
  const paths = new Map<string, string>();
  const transient = new Set<string>();
  for (const [index, input] of options.inputs.entries()) {
    options.beforeEach?.();
    const { sha256 } = input;
    // A TONE3000 model is downloaded for every render, even if the same bytes were once cached as someone's upload.
    const cached = input.tone3000 === undefined ? await options.cache.lookup(sha256) : null;
    if (cached !== null) {
      paths.set(sha256, cached);
    } else {
      await ownPrivateDir(transientDir);
      const part = join(transientDir, `${sha256}.part`);
      try {
        const arrived = await options.download(sha256, part);
        if (arrived.sha256 !== sha256) throw new Error(`input ${sha256}: downloaded bytes hash to ${arrived.sha256}`);
        if (input.tone3000 !== undefined || arrived.transient) {
          const path = join(transientDir, sha256);
          await rename(part, path);
          paths.set(sha256, path);
          transient.add(sha256);
          options.log(
            input.tone3000 === undefined
              ? `render ${renderId}: the api marked input ${sha256} transient: using it for this render only (not cached)`
              : `render ${renderId}: using TONE3000 model ${input.tone3000.modelId} for this render only ` +
                  `("${input.tone3000.modelName}" by ${input.tone3000.creator}; not cached)`,
          );
        } else {
          paths.set(sha256, await options.cache.put(sha256, part));
        }
      } finally {
        await rm(part, { force: true });
      }
    }
    options.onProgress?.((index + 1) / options.inputs.length);
  }
  return {
    pathOf(sha256) {
      const path = paths.get(sha256);
      if (path === undefined) throw new Error(`input ${sha256} is not an input of render ${renderId}`);
      return path;
    },
    transient,
  };
}

/** Creates the private folder (if needed) and marks it as this process's. */
async function ownPrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, OWNER_FILE), String(process.pid));
}

/**
 * Deletes the private folders that a node which died mid-render (killed, out of memory, power cut) left in
 * `<workDir>/jobs`, so a TONE3000 model never outlives the process that fetched it. A folder whose owner still runs
 * (another node sharing the work folder) is kept. Returns the folders deleted.
 */
export async function sweepTransientLeftovers(jobsDir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const job of await readdir(jobsDir).catch(() => [] as string[])) {
    const dir = join(jobsDir, job, TRANSIENT_DIR_NAME);
    const owner = Number((await readFile(join(dir, OWNER_FILE), "utf8").catch(() => "")).trim() || Number.NaN);
    if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) continue;
    const entries = await readdir(dir).catch(() => null);
    if (entries === null) continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
