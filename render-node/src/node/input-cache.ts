/**
 * @module The node's content-addressed cache of render inputs (DIs, captures, IRs): one file per SHA-256, verified
 * on arrival, kept under a size cap by evicting the least recently used. Renders of the same assets skip the download.
 */
import { mkdir, readdir, rename, rm, stat, utimes } from "node:fs/promises";
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

  /**
   * The path of the file with this SHA-256, downloading it with `fetchTo(tmpPath)` (which returns the SHA-256 of
   * what it wrote) when it is not cached. A download whose hash differs is discarded with an error.
   */
  async ensure(sha256: string, fetchTo: (tmpPath: string) => Promise<string>): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, sha256);
    try {
      const now = new Date();
      await utimes(path, now, now); // marks it recently used
      return path;
    } catch {
      // Not cached yet.
    }
    const tmp = `${path}.${process.pid}.${Date.now()}.part`;
    try {
      const actual = await fetchTo(tmp);
      if (actual !== sha256) throw new Error(`input ${sha256}: downloaded bytes hash to ${actual}`);
      await rename(tmp, path);
    } finally {
      await rm(tmp, { force: true });
    }
    return path;
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
