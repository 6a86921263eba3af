/**
 * @module Uploading one artifact through the api: one streamed `PUT` up to a threshold, above it an R2 multipart
 * upload through the api's routes (`POST …/uploads`, `PUT …/parts/:n`, `POST …/complete`, `DELETE` to abort). Parts
 * go one after another, each streamed from its range of the file and tried up to three times with backoff on a
 * network error or a 5xx; a refusal (a 4xx: the lease is gone, a wrong size) is not retried. Whatever fails, the
 * upload is aborted so no parts are left in R2. The api checks the whole artifact's SHA-256 before it keeps it.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";

const MiB = 1024 * 1024;

export interface ArtifactUploadSettings {
  /** Files larger than this go up in parts. Default 64 MiB (one request may carry up to 100 MB). */
  multipartThresholdBytes?: number;
  /** The part size asked of the api, which answers the one to use (5 MiB to 64 MiB). Default 32 MiB. */
  partBytes?: number;
  /** Tries of each part, and of starting and completing the upload. Default 3. */
  tries?: number;
  /** The wait before the second try; it doubles for each try after. Default 1000 ms. */
  backoffMs?: number;
}

export interface ArtifactUploadOptions {
  /** Called after each part (and once after a single-request upload) with the bytes sent so far. */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
  /** Stops the upload (and aborts it) when this aborts, e.g. when the render's lease is lost. */
  signal?: AbortSignal;
}

export const DEFAULT_MULTIPART_THRESHOLD_BYTES = 64 * MiB;
export const DEFAULT_PART_BYTES = 32 * MiB;

/** A response that was not 2xx. */
export class ArtifactUploadHttpError extends Error {
  override name = "ArtifactUploadHttpError";
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

interface UploadContext {
  base: URL;
  authorization: Record<string, string>;
  settings: ArtifactUploadSettings;
}

export async function uploadArtifactFile(
  context: UploadContext,
  renderId: string,
  name: string,
  path: string,
  contentType: string,
  options: ArtifactUploadOptions = {},
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  const sha256 = hash.digest("hex");
  const { size } = await stat(path);
  const threshold = context.settings.multipartThresholdBytes ?? DEFAULT_MULTIPART_THRESHOLD_BYTES;
  if (size <= threshold) {
    const response = await fetch(artifactUrl(context, renderId, name), {
      method: "PUT",
      headers: {
        ...context.authorization,
        "Content-Type": contentType,
        "Content-Length": String(size),
        "X-Content-SHA256": sha256,
      },
      body: Readable.toWeb(createReadStream(path)) as ReadableStream,
      duplex: "half",
      ...(options.signal ? { signal: options.signal } : {}),
    } as RequestInit);
    if (!response.ok) throw new Error(`artifact ${name}: ${response.status} ${await response.text()}`);
    options.onProgress?.(size, size);
    return { bytes: size, sha256 };
  }
  await uploadInParts(context, renderId, name, path, { size, sha256, contentType }, options);
  return { bytes: size, sha256 };
}

async function uploadInParts(
  context: UploadContext,
  renderId: string,
  name: string,
  path: string,
  file: { size: number; sha256: string; contentType: string },
  options: ArtifactUploadOptions,
): Promise<void> {
  const uploads = `${artifactUrl(context, renderId, name)}/uploads`;
  const retrying = <T>(what: string, attempt: () => Promise<T>) =>
    withRetries(context.settings, options, what, attempt);
  const started = await retrying(`artifact ${name}: starting the upload`, () =>
    call<{ uploadId: string; partBytes: number; parts: number }>(uploads, {
      method: "POST",
      headers: { ...context.authorization, "Content-Type": "application/json" },
      body: JSON.stringify({
        bytes: file.size,
        sha256: file.sha256,
        contentType: file.contentType,
        partBytes: context.settings.partBytes ?? DEFAULT_PART_BYTES,
      }),
      ...(options.signal ? { signal: options.signal } : {}),
    }),
  );
  const upload = `${uploads}/${encodeURIComponent(started.uploadId)}`;
  try {
    const etags: { partNumber: number; etag: string }[] = [];
    for (let partNumber = 1; partNumber <= started.parts; partNumber++) {
      const start = (partNumber - 1) * started.partBytes;
      const length = Math.min(started.partBytes, file.size - start);
      const { etag } = await retrying(`artifact ${name}: part ${partNumber} of ${started.parts}`, () =>
        call<{ etag: string }>(`${upload}/parts/${partNumber}`, {
          method: "PUT",
          headers: {
            ...context.authorization,
            "Content-Type": "application/octet-stream",
            "Content-Length": String(length),
          },
          body: Readable.toWeb(createReadStream(path, { start, end: start + length - 1 })) as ReadableStream,
          duplex: "half",
          ...(options.signal ? { signal: options.signal } : {}),
        } as RequestInit),
      );
      etags.push({ partNumber, etag });
      options.onProgress?.(start + length, file.size);
    }
    await retrying(`artifact ${name}: completing the upload`, () =>
      call(`${upload}/complete`, {
        method: "POST",
        headers: { ...context.authorization, "Content-Type": "application/json" },
        body: JSON.stringify({ parts: etags }),
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
  } catch (error) {
    // Best effort: the api deletes the parts; R2 also aborts a forgotten upload after 7 days.
    await fetch(upload, { method: "DELETE", headers: context.authorization }).catch(() => {});
    throw error;
  }
}

/** Runs `attempt` up to `tries` times, waiting `backoffMs`, then twice that, … between; a 4xx is final at once. */
async function withRetries<T>(
  settings: ArtifactUploadSettings,
  options: ArtifactUploadOptions,
  what: string,
  attempt: () => Promise<T>,
): Promise<T> {
  const tries = settings.tries ?? 3;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const final = error instanceof ArtifactUploadHttpError && !isRetryableStatus(error.status);
      if (final || n >= tries || options.signal?.aborted) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${what}: ${final ? reason : `failed ${n} times, last: ${reason}`}`, { cause: error });
      }
      await sleep((settings.backoffMs ?? 1000) * 2 ** (n - 1));
    }
  }
}

function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

async function call<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new ArtifactUploadHttpError(response.status, `${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function artifactUrl(context: UploadContext, renderId: string, name: string): string {
  return new URL(`/files/renders/${renderId}/artifacts/${encodeURIComponent(name)}`, context.base).toString();
}
