/**
 * @module The node's cache of rendered chain audio ("segments"), across renders: one DI's whole mono output through
 * one chain at the program rate, before loudness matching and arrangement. Those two steps depend on every segment of
 * the shootout at once (one common ceiling reduction) and on the riffs and the layout, so they always run, from the
 * cached audio; what the cache saves is the expensive part, the amp engine (and IRs, effects) on the whole DI. A
 * re-render after changing the title, the arrangement or the riffs, adding or removing a chain, or another shootout
 * with the same DI and chain, runs the engine only for what was never rendered before.
 *
 * Content-addressed: the key is the SHA-256 of the canonical JSON of everything that can change the audio (see
 * {@link segmentKeyMaterial}), so an entry is never stale, only unused; a size cap evicts the least recently used.
 * An entry is one file: a header (JSON: key, rate, sample count, SHA-256 of the samples) and raw float32 samples,
 * written to a temporary name and renamed, and verified on every read; a corrupt entry is deleted and is a miss.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes } from "node:fs/promises";
import { join } from "node:path";
import {
  canonicalJson,
  type DiChannel,
  ENGINE_VERSION,
  type RenderChainBlock,
  type RenderDiTrack,
} from "@gts/api/contract";
import type { ChainAudioStore } from "./render-shootout-audio.ts";

/** Bump when the key material or the file layout changes: old entries then simply miss and age out. */
export const SEGMENT_CACHE_FORMAT = 1;

/** File layout: magic, header length (u32 LE), header JSON padded with spaces to a multiple of 4, float32 LE samples. */
const MAGIC = Buffer.from("GTSSEG01", "latin1");
const ENTRY_SUFFIX = ".seg";
const PART_SUFFIX = ".part";
/** A temporary file this old was left by a writer that died; younger ones may still be being written. */
const STALE_PART_MS = 60 * 60 * 1000;

/** What goes into a segment's key. */
export interface SegmentKeyInput {
  /** The engine version the render was requested for (the spec's `engineVersion`). */
  engineVersion: string;
  /**
   * The amp engine's settings that could change the output's last bits (execution provider, threads), e.g.
   * `gpu=auto`; the node sets it from its command line. Absent: the engine's defaults.
   */
  engineSettings?: string;
  di: Pick<RenderDiTrack, "sha256" | "channel" | "sampleRateHz"> & { tone3000?: unknown };
  blocks: readonly RenderChainBlock[];
  /** The rate the chain runs at (the program rate). */
  sampleRateHz: number;
  /**
   * SHA-256 of inputs that must not outlive the render (TONE3000 models, anything the api sends as transient): a
   * segment made from one of them is never cached.
   */
  transient?: ReadonlySet<string>;
}

/**
 * The canonical description of a segment's audio, or null when it must never be cached: when the DI or any block of
 * the chain (enabled or not) is a TONE3000 model or another transient input. TONE3000's API terms forbid keeping
 * anything derived from a model beyond the render that used it, and rendered audio is derived from it.
 *
 * In: the engine version (requested, and the one this node runs), the engine settings, the cache format, the DI's
 * SHA-256, channel choice and rate, the chain rate, and every block in order with all its parameters (`enabled`
 * included) and its file's SHA-256. Out: what cannot change the audio: asset ids and file names (the SHA-256 names
 * the bytes), chain names and colours, riffs, the arrangement, the title.
 */
export function segmentKeyMaterial(input: SegmentKeyInput): Record<string, unknown> | null {
  const transient = input.transient ?? new Set<string>();
  if (input.di.tone3000 !== undefined || transient.has(input.di.sha256)) return null;
  const blocks: Record<string, unknown>[] = [];
  for (const block of input.blocks) {
    if (block.type === "capture" || block.type === "ir") {
      const { assetId: _id, fileName: _name, tone3000, ...audible } = block;
      if (tone3000 !== undefined || transient.has(block.sha256)) return null;
      blocks.push(audible);
    } else {
      blocks.push({ ...block });
    }
  }
  const channel: DiChannel = input.di.channel;
  return {
    format: SEGMENT_CACHE_FORMAT,
    engineVersion: input.engineVersion,
    nodeEngineVersion: ENGINE_VERSION,
    engineSettings: input.engineSettings ?? null,
    di: { sha256: input.di.sha256, channel, sampleRateHz: input.di.sampleRateHz },
    sampleRateHz: input.sampleRateHz,
    blocks,
  };
}

/** The cache key (64 hex digits) of a segment, or null when it must never be cached (see {@link segmentKeyMaterial}). */
export function segmentCacheKey(input: SegmentKeyInput): string | null {
  const material = segmentKeyMaterial(input);
  return material === null ? null : sha256Hex(canonicalJson(material));
}

export interface SegmentCacheOptions {
  dir: string;
  /** Evict least-recently-used entries beyond this many bytes; an entry larger than the whole cap is not kept. */
  maxBytes: number;
  /** Where a note about a corrupt entry goes. */
  log?: (line: string) => void;
}

interface EntryHeader {
  format: number;
  key: string;
  sampleRateHz: number;
  samples: number;
  sha256: string;
  createdAt: string;
}

export class SegmentCache {
  readonly dir: string;
  private readonly maxBytes: number;
  private readonly log: (line: string) => void;

  constructor(options: SegmentCacheOptions) {
    this.dir = options.dir;
    this.maxBytes = options.maxBytes;
    this.log = options.log ?? (() => {});
  }

  /** The file of the entry with this key (whether or not there is one). */
  pathOf(key: string): string {
    return join(this.dir, `${key}${ENTRY_SUFFIX}`);
  }

  /**
   * The cached samples for `key` (marked recently used), or null. An entry that fails verification (layout, key,
   * length, SHA-256 of the samples) is deleted and is a miss.
   */
  async get(key: string): Promise<{ samples: Float32Array; sampleRateHz: number } | null> {
    const path = this.pathOf(key);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch {
      return null;
    }
    const entry = parseEntry(bytes, key);
    if (typeof entry === "string") {
      this.log(`segment cache: deleted corrupt entry ${key} (${entry})`);
      await rm(path, { force: true }).catch(() => {});
      return null;
    }
    const now = new Date();
    await utimes(path, now, now).catch(() => {}); // marks it recently used
    return entry;
  }

  /**
   * Keeps `samples` under `key`, atomically (a reader sees the whole entry or none), then evicts down to the cap.
   * Returns whether it was kept (not when larger than the whole cap).
   */
  async put(key: string, samples: Float32Array, sampleRateHz: number): Promise<boolean> {
    const payload = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
    const header: EntryHeader = {
      format: SEGMENT_CACHE_FORMAT,
      key,
      sampleRateHz,
      samples: samples.length,
      sha256: createHash("sha256").update(payload).digest("hex"),
      createdAt: new Date().toISOString(),
    };
    let json = JSON.stringify(header);
    json += " ".repeat((4 - ((MAGIC.length + 4 + Buffer.byteLength(json)) % 4)) % 4);
    const head = Buffer.alloc(MAGIC.length + 4 + Buffer.byteLength(json));
    MAGIC.copy(head, 0);
    head.writeUInt32LE(Buffer.byteLength(json), MAGIC.length);
    head.write(json, MAGIC.length + 4, "utf8");
    if (head.length + payload.length > this.maxBytes) return false;
    await mkdir(this.dir, { recursive: true });
    const part = join(this.dir, `${key}.${process.pid}.${randomBytes(4).toString("hex")}${PART_SUFFIX}`);
    try {
      const file = await open(part, "w");
      try {
        await file.writeFile(head);
        await file.writeFile(payload);
      } finally {
        await file.close();
      }
      await rename(part, this.pathOf(key));
    } finally {
      await rm(part, { force: true }).catch(() => {});
    }
    await this.evict(new Set([key]));
    return true;
  }

  /**
   * Deletes the least recently used entries until the cache fits, never one of `keep`; also deletes temporary files
   * that writers which died left behind.
   */
  async evict(keep: ReadonlySet<string> = new Set()): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const entries: { key: string; bytes: number; usedMs: number }[] = [];
    for (const name of names) {
      const stats = await stat(join(this.dir, name)).catch(() => null);
      if (stats === null) continue;
      if (name.endsWith(PART_SUFFIX)) {
        if (Date.now() - stats.mtimeMs > STALE_PART_MS) await rm(join(this.dir, name), { force: true });
        continue;
      }
      const key = name.slice(0, -ENTRY_SUFFIX.length);
      if (name.endsWith(ENTRY_SUFFIX) && /^[0-9a-f]{64}$/.test(key)) {
        entries.push({ key, bytes: stats.size, usedMs: stats.mtimeMs });
      }
    }
    let total = entries.reduce((sum, entry) => sum + entry.bytes, 0);
    for (const entry of entries.sort((a, b) => a.usedMs - b.usedMs)) {
      if (total <= this.maxBytes) break;
      if (keep.has(entry.key)) continue;
      await rm(this.pathOf(entry.key), { force: true });
      total -= entry.bytes;
    }
  }
}

/** Per-render counts of segments by where their audio came from. */
export interface SegmentCacheStats {
  /** Read from the cache: no engine run. */
  cached: number;
  /** Rendered (and written to the cache when there is one). */
  rendered: number;
  /** Rendered and never cached: made from a TONE3000 model or another transient input. */
  notCacheable: number;
}

/**
 * The {@link ChainAudioStore} of one render over `cache`: `keys[diIndex][chainIndex]` is each segment's key, null
 * for one that must not be kept. Cache trouble (a full disk, a read error) never fails the render: it is a miss, or
 * an entry not written, noted in `log`.
 */
export function segmentStoreOf(
  cache: SegmentCache,
  keys: readonly (readonly (string | null)[])[],
  sampleRateHz: number,
  log: (line: string) => void = () => {},
): ChainAudioStore {
  const keyOf = (diIndex: number, chainIndex: number) => keys[diIndex]?.[chainIndex] ?? null;
  return {
    async load(diIndex, chainIndex) {
      const key = keyOf(diIndex, chainIndex);
      if (key === null) return null;
      const entry = await cache.get(key).catch((error) => {
        log(`segment cache: could not read ${key} (${(error as Error).message})`);
        return null;
      });
      return entry === null || entry.sampleRateHz !== sampleRateHz ? null : entry.samples;
    },
    async store(diIndex, chainIndex, audio) {
      const key = keyOf(diIndex, chainIndex);
      if (key === null) return;
      await cache.put(key, audio, sampleRateHz).catch((error) => {
        log(`segment cache: could not write ${key} (${(error as Error).message})`);
      });
    },
  };
}

/** The entry in `bytes` if it is whole and is `key`'s, else why not. */
function parseEntry(bytes: Buffer, key: string): { samples: Float32Array; sampleRateHz: number } | string {
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return "not a segment file";
  const headerBytes = bytes.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4 + headerBytes;
  if (start > bytes.length) return "truncated header";
  let header: EntryHeader;
  try {
    header = JSON.parse(bytes.subarray(MAGIC.length + 4, start).toString("utf8")) as EntryHeader;
  } catch {
    return "unreadable header";
  }
  if (header.format !== SEGMENT_CACHE_FORMAT || header.key !== key) return "header of another entry";
  if (!Number.isInteger(header.samples) || bytes.length - start !== header.samples * 4) {
    return `${bytes.length - start} bytes of samples, header says ${header.samples} samples`;
  }
  const payload = bytes.subarray(start);
  if (createHash("sha256").update(payload).digest("hex") !== header.sha256) return "samples do not match their SHA-256";
  // The header is padded so the samples start 4-byte aligned; copy only if the buffer itself is not.
  const samples =
    payload.byteOffset % 4 === 0
      ? new Float32Array(payload.buffer, payload.byteOffset, header.samples)
      : new Float32Array(payload.buffer.slice(payload.byteOffset, payload.byteOffset + payload.byteLength));
  return { samples, sampleRateHz: header.sampleRateHz };
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
