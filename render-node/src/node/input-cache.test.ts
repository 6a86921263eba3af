import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputCache } from "./input-cache.ts";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

function fetcher(text: string, calls: string[]) {
  return async (tmpPath: string) => {
    calls.push(text);
    await writeFile(tmpPath, text);
    return sha(text);
  };
}

describe("InputCache", () => {
  it("downloads once and serves later requests from disk", async () => {
    const cache = new InputCache({ dir: await mkdtemp(join(tmpdir(), "cache-")), maxBytes: 1_000 });
    const calls: string[] = [];
    const first = await cache.ensure(sha("riff"), fetcher("riff", calls));
    const second = await cache.ensure(sha("riff"), fetcher("riff", calls));
    expect(first).toBe(second);
    expect(await readFile(first, "utf8")).toBe("riff");
    expect(calls).toEqual(["riff"]);
  });

  it("discards a download whose bytes do not match the hash", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cache-"));
    const cache = new InputCache({ dir, maxBytes: 1_000 });
    await expect(cache.ensure(sha("expected"), fetcher("tampered", []))).rejects.toThrow(/downloaded bytes hash to/);
    expect(await readdir(dir)).toEqual([]);
  });

  it("evicts the least recently used files beyond the cap, keeping those in use", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cache-"));
    const cache = new InputCache({ dir, maxBytes: 12 });
    const paths = [];
    for (const [i, text] of ["aaaaaa", "bbbbbb", "cccccc"].entries()) {
      const path = await cache.ensure(sha(text), fetcher(text, []));
      await utimes(path, new Date(1_000_000 + i * 1000), new Date(1_000_000 + i * 1000));
      paths.push(path);
    }
    await cache.evict(new Set([sha("aaaaaa")]));
    expect((await readdir(dir)).sort()).toEqual([sha("aaaaaa"), sha("cccccc")].sort());
  });

  it("looks up only what it holds, and takes in a verified file by moving it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cache-"));
    const cache = new InputCache({ dir, maxBytes: 1_000 });
    expect(await cache.lookup(sha("di"))).toBeNull();
    const downloaded = join(await mkdtemp(join(tmpdir(), "job-")), "di.part");
    await writeFile(downloaded, "di");
    const path = await cache.put(sha("di"), downloaded);
    expect(path).toBe(join(dir, sha("di")));
    expect(existsSync(downloaded)).toBe(false);
    expect(await cache.lookup(sha("di"))).toBe(path);
    expect(await readFile(path, "utf8")).toBe("di");
  });
});
