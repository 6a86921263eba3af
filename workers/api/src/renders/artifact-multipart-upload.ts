/**
 * @module Multipart artifact uploads through the api, for artifacts too large for one Worker request (a long 4K
 * video): the node declares size and SHA-256, sends fixed-size parts one request each, then completes; the api
 * assembles them in R2 under the same key the single `PUT` uses, hashes the whole object and deletes it if the hash
 * is not the one declared. The caller (render-files.ts) has already checked that the node holds the render's lease.
 *
 * R2's rules (developers.cloudflare.com/r2/objects/multipart-objects): every part but the last is the same size, at
 * least 5 MiB and at most 5 GiB; the last is no larger than the others; at most 10,000 parts; incomplete uploads are
 * aborted by R2 after 7 days. A part must also fit in one Worker request (100 MB on the smaller plans), hence
 * {@link MAX_PART_BYTES}.
 *
 * Each upload has a small JSON record in R2 ({@link artifactUploadRecordKey}) with what was declared, so a part is
 * checked against its expected size and the completed object against the declared hash. It is deleted on abort and on
 * a hash mismatch, and kept after completion so that a retried `complete` answers the same (it is a few hundred bytes
 * per large artifact; R2's own state of the upload is gone by then).
 */
import { AssetUploadError } from "../assets/asset-upload-error.ts";
import { contentTypeSchema } from "../contract/index.ts";
import { artifactUploadRecordKey, renderArtifactKey } from "../storage/r2-keys.ts";

const MiB = 1024 * 1024;
/** R2's smallest part (all parts but the last). */
export const MIN_PART_BYTES = 5 * MiB;
/** The largest part the api accepts: one Worker request, well under the 100 MB limit of the smaller plans. */
export const MAX_PART_BYTES = 64 * MiB;
/** The part size when the node does not ask for one. */
export const DEFAULT_PART_BYTES = 32 * MiB;
/** The largest artifact: an hour of 4K H.264 at ~8 Mbit/s is ~3.6 GB. R2 itself allows ~5 TiB. */
export const MAX_MULTIPART_ARTIFACT_BYTES = 4 * 1024 * MiB;
/** R2's most parts per upload. */
export const MAX_PARTS = 10_000;

/** What the api remembers of one multipart upload. */
interface UploadRecord {
  renderId: string;
  name: string;
  key: string;
  bytes: number;
  sha256: string;
  contentType: string;
  partBytes: number;
  parts: number;
  /** Also in the object's custom metadata, so an object completed by a call whose answer was lost is known as ours. */
  nonce: string;
  state: "open" | "completed";
  /** The completed object's etag, once verified. */
  etag?: string;
}

/** The answer to a completed upload, the same as the single `PUT`'s. */
export interface StoredArtifact {
  name: string;
  key: string;
  bytes: number;
  sha256: string;
}

/** The size part `partNumber` (1-based) of an upload must have. */
export function expectedPartBytes(upload: { bytes: number; partBytes: number; parts: number }, partNumber: number) {
  return partNumber < upload.parts ? upload.partBytes : upload.bytes - (upload.parts - 1) * upload.partBytes;
}

/** `POST …/uploads` {bytes, sha256, contentType, partBytes?}: starts an upload and says how to cut the file. */
export async function createArtifactUpload(
  media: R2Bucket,
  renderId: string,
  name: string,
  body: unknown,
): Promise<{ uploadId: string; partBytes: number; parts: number }> {
  const declared = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const bytes = declared.bytes;
  if (typeof bytes !== "number" || !Number.isSafeInteger(bytes) || bytes <= 0)
    throw new AssetUploadError("BAD_REQUEST", `${name}: bytes must be the artifact's size, a positive integer`);
  if (bytes > MAX_MULTIPART_ARTIFACT_BYTES) {
    throw new AssetUploadError(
      "PAYLOAD_TOO_LARGE",
      `${name}: ${bytes} bytes is over the ${MAX_MULTIPART_ARTIFACT_BYTES} byte (4 GiB) limit of an artifact`,
    );
  }
  const sha256 = typeof declared.sha256 === "string" ? declared.sha256.toLowerCase() : "";
  if (!/^[0-9a-f]{64}$/.test(sha256))
    throw new AssetUploadError("BAD_REQUEST", `${name}: sha256 must be the artifact's SHA-256 as 64 hex digits`);
  const contentType = contentTypeSchema.safeParse(declared.contentType ?? "application/octet-stream");
  if (!contentType.success)
    throw new AssetUploadError("BAD_REQUEST", `${name}: ${contentType.error.issues[0]?.message ?? "contentType"}`);
  const partBytes = declared.partBytes ?? DEFAULT_PART_BYTES;
  if (
    typeof partBytes !== "number" ||
    !Number.isSafeInteger(partBytes) ||
    partBytes < MIN_PART_BYTES ||
    partBytes > MAX_PART_BYTES
  ) {
    throw new AssetUploadError(
      "BAD_REQUEST",
      `${name}: partBytes must be an integer from ${MIN_PART_BYTES} (R2's 5 MiB minimum) to ${MAX_PART_BYTES}`,
    );
  }
  const parts = Math.ceil(bytes / partBytes);
  if (parts > MAX_PARTS)
    throw new AssetUploadError("BAD_REQUEST", `${name}: ${parts} parts is over R2's ${MAX_PARTS}; use larger parts`);

  const key = renderArtifactKey(renderId, name);
  const nonce = crypto.randomUUID();
  const upload = await media.createMultipartUpload(key, {
    httpMetadata: { contentType: contentType.data },
    customMetadata: { sha256, upload: nonce },
  });
  const record: UploadRecord = {
    renderId,
    name,
    key,
    bytes,
    sha256,
    contentType: contentType.data,
    partBytes,
    parts,
    nonce,
    state: "open",
  };
  await writeRecord(media, upload.uploadId, record);
  return { uploadId: upload.uploadId, partBytes, parts };
}

/** `PUT …/uploads/:uploadId/parts/:n`: stores (or replaces) one part; its length must be the one expected. */
export async function uploadArtifactPart(
  media: R2Bucket,
  renderId: string,
  name: string,
  uploadId: string,
  partNumber: number,
  request: Request,
): Promise<{ partNumber: number; etag: string }> {
  const record = await readRecord(media, renderId, name, uploadId);
  if (record.state !== "open")
    throw new AssetUploadError("BAD_REQUEST", `${name}: upload ${uploadId} is already completed`);
  if (!Number.isSafeInteger(partNumber) || partNumber < 1 || partNumber > record.parts)
    throw new AssetUploadError("BAD_REQUEST", `${name}: part number must be 1 to ${record.parts}`);
  const length = Number(request.headers.get("Content-Length") ?? Number.NaN);
  if (!Number.isSafeInteger(length) || length <= 0)
    throw new AssetUploadError("LENGTH_REQUIRED", `${name}: part ${partNumber}: Content-Length is required`);
  const expected = expectedPartBytes(record, partNumber);
  if (length !== expected) {
    throw new AssetUploadError(
      "BAD_REQUEST",
      `${name}: part ${partNumber} of ${record.parts} must be ${expected} bytes, not ${length}`,
    );
  }
  const fixed = new FixedLengthStream(length);
  const piping = request.body?.pipeTo(fixed.writable).catch(() => {});
  try {
    const uploaded = await media.resumeMultipartUpload(record.key, uploadId).uploadPart(partNumber, fixed.readable);
    return { partNumber: uploaded.partNumber, etag: uploaded.etag };
  } catch (error) {
    throw new AssetUploadError(
      "BAD_REQUEST",
      `${name}: part ${partNumber} not stored: the bytes do not match Content-Length (${String(error)})`,
    );
  } finally {
    await piping;
  }
}

/**
 * `POST …/uploads/:uploadId/complete` {parts:[{partNumber, etag}]}: assembles the object, then hashes it and deletes
 * it if it is not what was declared. Completing again answers the same while the object is still the one completed.
 */
export async function completeArtifactUpload(
  media: R2Bucket,
  renderId: string,
  name: string,
  uploadId: string,
  body: unknown,
): Promise<StoredArtifact> {
  const record = await readRecord(media, renderId, name, uploadId);
  const stored: StoredArtifact = { name, key: record.key, bytes: record.bytes, sha256: record.sha256 };
  if (record.state === "completed") {
    const head = await media.head(record.key);
    if (head && head.etag === record.etag) return stored;
    if (head && head.customMetadata?.upload === record.nonce && (await verify(media, record))) return stored;
    throw new AssetUploadError(
      "NOT_FOUND",
      `${name}: upload ${uploadId} was completed, but the object stored now is not that upload`,
    );
  }
  const parts = partsOf(body, record);
  let object: R2Object | null;
  try {
    object = await media.resumeMultipartUpload(record.key, uploadId).complete(parts);
  } catch (error) {
    // A complete whose answer was lost: R2 has forgotten the upload, but the object carries this upload's nonce.
    const head = await media.head(record.key);
    if (head?.customMetadata?.upload !== record.nonce)
      throw new AssetUploadError("BAD_REQUEST", `${name}: upload ${uploadId} not completed (${String(error)})`);
    object = head;
  }
  if (object.size !== record.bytes || !(await verify(media, record))) {
    await media.delete(record.key);
    await media.delete(artifactUploadRecordKey(renderId, uploadId));
    throw new AssetUploadError(
      "BAD_REQUEST",
      `${name}: not stored: the ${object.size} bytes uploaded do not have the declared size ${record.bytes} and SHA-256 ${record.sha256}`,
    );
  }
  await writeRecord(media, uploadId, { ...record, state: "completed", etag: object.etag });
  return stored;
}

/** `DELETE …/uploads/:uploadId`: aborts an open upload; its parts and record are deleted. */
export async function abortArtifactUpload(
  media: R2Bucket,
  renderId: string,
  name: string,
  uploadId: string,
): Promise<void> {
  const record = await readRecord(media, renderId, name, uploadId);
  if (record.state === "completed")
    throw new AssetUploadError("BAD_REQUEST", `${name}: upload ${uploadId} is completed; it cannot be aborted`);
  // R2 may already have forgotten it (aborted before, or after 7 days); either way nothing of it is left.
  await media
    .resumeMultipartUpload(record.key, uploadId)
    .abort()
    .catch(() => {});
  await media.delete(artifactUploadRecordKey(renderId, uploadId));
}

/** Whether the stored object's SHA-256, streamed through `crypto.DigestStream`, is the one declared. */
async function verify(media: R2Bucket, record: UploadRecord): Promise<boolean> {
  const object = await media.get(record.key);
  if (!object || object.size !== record.bytes) return false;
  const digest = new crypto.DigestStream("SHA-256");
  await object.body.pipeTo(digest);
  const hex = [...new Uint8Array(await digest.digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return hex === record.sha256;
}

function partsOf(body: unknown, record: UploadRecord): R2UploadedPart[] {
  const listed = (body as { parts?: unknown } | null)?.parts;
  const problem = `${record.name}: parts must list each of the ${record.parts} parts once, in order, as {partNumber, etag}`;
  if (!Array.isArray(listed) || listed.length !== record.parts) throw new AssetUploadError("BAD_REQUEST", problem);
  return listed.map((part: unknown, index) => {
    const { partNumber, etag } = (part ?? {}) as { partNumber?: unknown; etag?: unknown };
    if (partNumber !== index + 1 || typeof etag !== "string" || etag.length === 0 || etag.length > 1024)
      throw new AssetUploadError("BAD_REQUEST", problem);
    return { partNumber, etag };
  });
}

async function readRecord(media: R2Bucket, renderId: string, name: string, uploadId: string): Promise<UploadRecord> {
  const object = await media.get(artifactUploadRecordKey(renderId, uploadId));
  const record = object ? ((await object.json()) as UploadRecord) : null;
  if (!record || record.renderId !== renderId || record.name !== name)
    throw new AssetUploadError(
      "NOT_FOUND",
      `${name}: no upload ${uploadId} of this artifact (aborted or never started)`,
    );
  return record;
}

async function writeRecord(media: R2Bucket, uploadId: string, record: UploadRecord): Promise<void> {
  await media.put(artifactUploadRecordKey(record.renderId, uploadId), JSON.stringify(record), {
    httpMetadata: { contentType: "application/json" },
  });
}
