/**
 * @module Stores one uploaded DI, capture or IR: checks the limits before reading a byte, streams the body into R2
 * under a key derived from its SHA-256 (R2 verifies the declared hash), then reads the stored object back to parse
 * and validate it. Anything refused is deleted again, so a bad upload leaves nothing behind.
 */
import type { Database } from "../context.ts";
import { type AssetKind, assetKindSchema } from "../contract/index.ts";
import { type AssetRow, assets } from "../db/schema.ts";
import { assetObjectKey } from "../storage/r2-keys.ts";
import { ASSET_LIMITS, formatBytes } from "./asset-limits.ts";
import { AssetUploadError } from "./asset-upload-error.ts";
import { assetContentType, readAssetMetadata } from "./read-asset-metadata.ts";
import { storedBytesOf } from "./stored-bytes-of.ts";

export interface AssetUpload {
  ownerId: string;
  kind: string | null;
  fileName: string | null;
  name: string | null;
  contentLength: number | null;
  /** The client's SHA-256 of the body, hex; R2 refuses the write if the bytes differ. */
  sha256: string | null;
  body: ReadableStream<Uint8Array> | null;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_NAME_CHARS = 120;

export async function uploadAsset(
  store: { db: Database; media: R2Bucket },
  upload: AssetUpload,
): Promise<{ asset: AssetRow; deduplicated: boolean }> {
  const checked = checkUpload(upload);
  const { db, media } = store;
  const existing = await db.query.assets.findFirst({
    where: storedBytesOf(upload.ownerId, checked.sha256),
  });
  if (existing) {
    await upload.body?.cancel();
    return { asset: existing, deduplicated: true };
  }

  const r2Key = assetObjectKey(upload.ownerId, checked.sha256);
  const contentType = checked.kind === "capture" ? "application/json" : "application/octet-stream";
  try {
    // A FixedLengthStream gives R2 the length it needs up front and fails if the body is shorter or longer.
    const fixed = new FixedLengthStream(checked.contentLength);
    const piping = checked.body.pipeTo(fixed.writable).catch(() => {});
    await media.put(r2Key, fixed.readable, {
      sha256: checked.sha256,
      httpMetadata: { contentType },
      customMetadata: { fileName: checked.fileName },
    });
    await piping;
  } catch (error) {
    throw new AssetUploadError("BAD_REQUEST", `${checked.fileName}: ${describeStoreFailure(error, checked)}`);
  }

  try {
    const object = await media.get(r2Key);
    if (!object) throw new Error(`stored object ${r2Key} is missing right after its upload`);
    const metadata = await readAssetMetadata(checked.kind, checked.fileName, object.body, object.size);
    const [inserted] = await db
      .insert(assets)
      .values({
        id: crypto.randomUUID(),
        ownerId: upload.ownerId,
        kind: checked.kind,
        name: checked.name,
        fileName: checked.fileName,
        // Known once parsed: downloads then carry the file's real type.
        contentType: assetContentType(metadata),
        sha256: checked.sha256,
        r2Key,
        sizeBytes: checked.contentLength,
        metadata,
        author: metadata.kind === "capture" ? metadata.facts.modeledBy : null,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted) return { asset: inserted, deduplicated: false };
    // The same bytes finished uploading concurrently: theirs is the asset.
    const winner = await db.query.assets.findFirst({
      where: storedBytesOf(upload.ownerId, checked.sha256),
    });
    if (!winner) throw new Error(`asset row for ${r2Key} vanished after a unique-key conflict`);
    return { asset: winner, deduplicated: true };
  } catch (error) {
    await media.delete(r2Key);
    throw error;
  }
}

interface CheckedUpload {
  kind: AssetKind;
  fileName: string;
  name: string;
  contentLength: number;
  sha256: string;
  body: ReadableStream<Uint8Array>;
}

function checkUpload(upload: AssetUpload): CheckedUpload {
  const bad = (message: string) => new AssetUploadError("BAD_REQUEST", message);
  const kind = assetKindSchema.safeParse(upload.kind);
  if (!kind.success) throw bad(`kind must be one of di, capture, ir (got ${JSON.stringify(upload.kind)})`);
  const fileName = upload.fileName ?? "";
  if (!isPlainFileName(fileName))
    throw bad("fileName must be 1 to 255 characters with no slashes or control characters");
  const name = (upload.name ?? fileName.replace(/\.[^.]*$/, "")).trim();
  if (name.length < 1 || name.length > MAX_NAME_CHARS) throw bad(`name must be 1 to ${MAX_NAME_CHARS} characters`);
  const limits = ASSET_LIMITS[kind.data];
  if (upload.contentLength === null || !Number.isSafeInteger(upload.contentLength)) {
    throw new AssetUploadError("LENGTH_REQUIRED", `${fileName}: Content-Length is required`);
  }
  if (upload.contentLength === 0 || !upload.body) {
    throw new AssetUploadError("UNPROCESSABLE_CONTENT", `${fileName}: the file is empty`);
  }
  if (upload.contentLength > limits.maxBytes) {
    throw new AssetUploadError(
      "PAYLOAD_TOO_LARGE",
      `${fileName}: ${formatBytes(upload.contentLength)} is over the ${formatBytes(limits.maxBytes)} limit for a ${kind.data}`,
    );
  }
  const sha256 = upload.sha256?.toLowerCase() ?? "";
  if (!SHA256_HEX.test(sha256)) throw bad("X-Content-SHA256 must be the file's SHA-256 as 64 hex digits");
  return { kind: kind.data, fileName, name, contentLength: upload.contentLength, sha256, body: upload.body };
}

function describeStoreFailure(error: unknown, upload: CheckedUpload): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/sha-?256|checksum|digest/i.test(message)) {
    return "the uploaded bytes do not match X-Content-SHA256 (corrupted or wrong hash)";
  }
  return `the body is not the ${upload.contentLength} bytes announced in Content-Length (${message})`;
}

/** 1 to 255 characters, no path separators, no control characters (file names end up in headers and paths). */
function isPlainFileName(name: string): boolean {
  if (name.length < 1 || name.length > 255) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || name[i] === "/" || name[i] === "\\") return false;
  }
  return true;
}
