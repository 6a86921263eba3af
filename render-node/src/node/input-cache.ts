/**
 * @module The node's content-addressed cache of render inputs (DIs, captures, IRs): one file per SHA-256, verified
 * on arrival, kept under a size cap by evicting the least recently used. Renders of the same assets skip the download.
 * Only inputs the node may keep belong here: a transient input (a TONE3000 model) is never put in (see
 * fetch-render-inputs.ts).
 */
import { copyFile, mkdir, readdir, rename, rm, stat, utimes } from "node:fs/promises";
import { join } from "node:path";

export interface InputCacheOptions {
  dir: string;
  /** Evict least-recently-used files beyond this many bytes (files in use by the current job are kept). */
  maxBytes: number;
}

export class InputCache {
  private readonly dir: string;
  private readonly maxBytes: number;

  constructor(options: InputCacheOptions) {
    this.dir = options.dir;
    this.maxBytes = options.maxBytes;
  }

  /** The path of the cached file with this SHA-256 (marked recently used), or null when it is not cached. */
  async lookup(sha256: string): Promise<string | null> {
    const path = join(this.dir, sha256);
    try {
      const now = new Date();
      await utimes(path, now, now); // marks it recently used
      return path;
    } catch {
      return null;
    }
  }

  /**
   * Moves a downloaded file, whose SHA-256 the caller has verified, into the cache and returns its new path. The move
   * is a rename, so a reader never sees half a file; across file systems it falls back to copy, rename and delete.
   */
  async put(sha256: string, verifiedPath: string): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, sha256);
    try {
      await rename(verifiedPath, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
      const tmp = `${path}.${process.pid}.${Date.now()}.part`;
      try {
        await copyFile(verifiedPath, tmp);
        await rename(tmp, path);
      } finally {
        await rm(tmp, { force: true });
      }
      await rm(verifiedPath, { force: true });
    }
    return path;
  }

  /**
   * The path of the file with this SHA-256, downloading it with `fetchTo(tmpPath)` (which returns the SHA-256 of
   * what it wrote) when it is not cached. A download whose hash differs is discarded with an error.
   */
  async ensure(sha256: string, fetchTo: (tmpPath: string) => Promise<string>): Promise<string> {
    const cached = await this.lookup(sha256);
    if (cached !== null) return cached;
    await mkdir(this.dir, { recursive: true });
    const tmp = `${join(this.dir, sha256)}.${process.pid}.${Date.now()}.part`;
    try {
      const actual = await fetchTo(tmp);
      if (actual !== sha256) throw new Error(`input ${sha256}: downloaded bytes hash to ${actual}`);
      return await this.put(sha256, tmp);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /** Deletes the least recently used files until the cache fits, never one of `keep`. */
  async evict(keep: ReadonlySet<string> = new Set()): Promise<void> {
    const names = (await readdir(this.dir).catch(() => [])).filter((name) => /^[0-9a-f]{64}$/.test(name));
    const files = await Promise.all(
      names.map(async (name) => ({
        name,
        ...(await stat(join(this.dir, name)).then((s) => ({ bytes: s.size, usedMs: s.mtimeMs }))),
      })),
    );
    let total = files.reduce((sum, f) => sum + f.bytes, 0);
    for (const file of files.sort((a, b) => a.usedMs - b.usedMs)) {
      if (total <= this.maxBytes) break;
      if (keep.has(file.name)) continue;
      await rm(join(this.dir, file.name), { force: true });
      total -= file.bytes;
    }
  }
}
