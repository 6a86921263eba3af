/**
 * @module The render node's view of the api: tRPC procedures with its bearer token, and the streamed file routes
 * (inputs in, artifacts out: one request, or R2 multipart through the api above a threshold, see artifact-upload.ts).
 * Nodes never see D1 or R2 credentials.
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { AppRouter } from "@gts/api/router";
import { createTRPCClient, httpLink } from "@trpc/client";
import { type ArtifactUploadOptions, type ArtifactUploadSettings, uploadArtifactFile } from "./artifact-upload.ts";

export type NodeTrpc = ReturnType<typeof createTRPCClient<AppRouter>>;

/** What arrived for one input. */
export interface DownloadedInput {
  /** SHA-256 of the bytes written. */
  sha256: string;
  /** The api forbids keeping it beyond this render (see {@link isTransientInputResponse}). */
  transient: boolean;
}

/** The header the api sets to `transient` on an input the node must not keep (a TONE3000 model). */
export const INPUT_POLICY_HEADER = "X-GTS-Input-Policy";

/**
 * Whether an input response forbids keeping its body beyond the render: `X-GTS-Input-Policy: transient`, or plain
 * HTTP's `Cache-Control: no-store`. Either keeps it out of the node's shared input cache.
 */
export function isTransientInputResponse(headers: Headers): boolean {
  if (headers.get(INPUT_POLICY_HEADER)?.trim().toLowerCase() === "transient") return true;
  const cacheControl = headers.get("Cache-Control") ?? "";
  return cacheControl.split(",").some((directive) => directive.trim().toLowerCase() === "no-store");
}

export interface NodeApi {
  trpc: NodeTrpc;
  /** Streams one input of a held render into `destPath`; returns the SHA-256 of what arrived and its policy. */
  downloadInput(renderId: string, sha256: string, destPath: string): Promise<DownloadedInput>;
  /**
   * Streams a file up as an artifact of a held render (in parts above the multipart threshold, reporting each);
   * returns its size and SHA-256.
   */
  uploadArtifact(
    renderId: string,
    name: string,
    path: string,
    contentType: string,
    options?: ArtifactUploadOptions,
  ): Promise<{ bytes: number; sha256: string }>;
}

export function createNodeApi(options: { apiUrl: string; token: string; upload?: ArtifactUploadSettings }): NodeApi {
  const base = new URL(options.apiUrl);
  const authorization = { Authorization: `Bearer ${options.token}` };
  const trpc = createTRPCClient<AppRouter>({
    links: [httpLink({ url: new URL("/trpc", base).toString(), headers: authorization })],
  });
  return {
    trpc,
    async downloadInput(renderId, sha256, destPath) {
      const response = await fetch(new URL(`/files/renders/${renderId}/inputs/${sha256}`, base), {
        headers: authorization,
      });
      if (!response.ok || !response.body)
        throw new Error(`input ${sha256}: ${response.status} ${await response.text()}`);
      const hash = createHash("sha256");
      const hashing = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(
        Readable.fromWeb(response.body as import("node:stream/web").ReadableStream),
        hashing,
        createWriteStream(destPath),
      );
      return { sha256: hash.digest("hex"), transient: isTransientInputResponse(response.headers) };
    },
    uploadArtifact(renderId, name, path, contentType, uploadOptions) {
      return uploadArtifactFile(
        { base, authorization, settings: options.upload ?? {} },
        renderId,
        name,
        path,
        contentType,
        uploadOptions,
      );
    },
  };
}
