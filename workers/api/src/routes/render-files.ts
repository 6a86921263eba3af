/**
 * @module Render-node file transfer, streamed through the api (nodes never hold R2 credentials):
 * `GET /files/renders/:id/inputs/:sha256` streams an input of a render the node holds (only assets its frozen spec
 * names; a TONE3000 model is fetched from TONE3000 for this request and never stored), and
 * `PUT /files/renders/:id/artifacts/:name` stores an artifact under a key derived from the render and the
 * name, so a retried upload overwrites the same object. R2 verifies the declared SHA-256. An artifact over
 * {@link MAX_ARTIFACT_BYTES} (a long 4K video) goes up in parts instead (see renders/artifact-multipart-upload.ts):
 * `POST …/artifacts/:name/uploads` {bytes, sha256, contentType, partBytes?} → {uploadId, partBytes, parts},
 * `PUT …/uploads/:uploadId/parts/:n` → {partNumber, etag}, `POST …/uploads/:uploadId/complete` {parts} (hashes the
 * whole object, deleting it on a mismatch) and `DELETE …/uploads/:uploadId` (abort). Every route but the download is
 * for the node holding the render's lease only. Finished artifacts are
 * downloaded with `GET /files/renders/:id/artifacts/:name` by the owner (cookie) or, for shared shootouts, anyone.
 */
import { and, eq, gt } from "drizzle-orm";
import { AssetUploadError, answeringUploadErrors } from "../assets/asset-upload-error.ts";
import { type Context, createContextInner } from "../context.ts";
import { artifactNameSchema } from "../contract/index.ts";
import { assets, renders, shootouts } from "../db/schema.ts";
import { nodeForToken } from "../nodes/node-tokens.ts";
import {
  abortArtifactUpload,
  completeArtifactUpload,
  createArtifactUpload,
  uploadArtifactPart,
} from "../renders/artifact-multipart-upload.ts";
import { assetObjectKey, renderArtifactKey } from "../storage/r2-keys.ts";
import { streamTone3000Input } from "../tone3000/stream-tone3000-input.ts";

const INPUT_PATH = /^\/files\/renders\/([0-9A-Za-z_-]{1,64})\/inputs\/([0-9a-f]{64})$/;
const ARTIFACT_PATH = /^\/files\/renders\/([0-9A-Za-z_-]{1,64})\/artifacts\/([^/]{1,255})$/;
/** `…/artifacts/:name/uploads[/:uploadId[/parts/:n | /complete]]`: a multipart upload. */
const UPLOAD_PATH =
  /^\/files\/renders\/([0-9A-Za-z_-]{1,64})\/artifacts\/([^/]{1,255})\/uploads(?:\/([^/]{1,1024})(?:\/parts\/(\d{1,5})|\/(complete))?)?$/;
/** One request body; a Worker accepts up to 100 MB on the smaller Cloudflare plans. Larger artifacts need multipart. */
export const MAX_ARTIFACT_BYTES = 100 * 1024 * 1024;

export function isRenderFilesPath(pathname: string): boolean {
  return pathname.startsWith("/files/renders/");
}

export async function handleRenderFiles(request: Request, env: { DB: D1Database; MEDIA: R2Bucket }): Promise<Response> {
  return answeringUploadErrors(() => route(request, env));
}

async function route(request: Request, env: { DB: D1Database; MEDIA: R2Bucket }): Promise<Response> {
  const ctx = createContextInner(env, { req: request });
  if (request.method === "GET" && !request.headers.has("Authorization")) {
    const download = ARTIFACT_PATH.exec(new URL(request.url).pathname);
    if (download?.[1] && download[2]) return downloadArtifact(ctx, download[1], decodeURIComponent(download[2]));
  }
  const node = await nodeForToken(ctx.db, request.headers.get("Authorization"));
  if (!node) throw new AssetUploadError("UNAUTHORIZED", "a valid render-node token is required");
  const { pathname } = new URL(request.url);
  const input = INPUT_PATH.exec(pathname);
  const artifact = ARTIFACT_PATH.exec(pathname);
  const upload = UPLOAD_PATH.exec(pathname);
  const renderId = input?.[1] ?? artifact?.[1] ?? upload?.[1];
  if (!renderId) throw new AssetUploadError("NOT_FOUND", `no such file route ${pathname}`);

  const now = ctx.now();
  const render = await ctx.db.query.renders.findFirst({
    where: and(
      eq(renders.id, renderId),
      eq(renders.leaseNodeId, node.id),
      eq(renders.status, "running"),
      gt(renders.leaseExpiresAt, now),
    ),
  });
  if (!render) throw new AssetUploadError("FORBIDDEN", `render ${renderId} is not leased to this node`);

  if (input?.[2] && request.method === "GET") {
    const sha256 = input[2];
    const named = [
      ...render.spec.diTracks.map((t) => t.sha256),
      ...render.spec.chains.flatMap((c) =>
        c.blocks.flatMap((b) => (b.type === "capture" || b.type === "ir" ? [b.sha256] : [])),
      ),
    ];
    if (!named.includes(sha256)) throw new AssetUploadError("NOT_FOUND", `render ${renderId} has no input ${sha256}`);
    // The owner's stored upload of these bytes if there is one; otherwise the TONE3000 model, fetched for this request.
    const object = await ctx.media.get(assetObjectKey(render.ownerId, sha256));
    if (!object) {
      const reference = await ctx.db.query.assets.findFirst({
        where: and(eq(assets.ownerId, render.ownerId), eq(assets.sha256, sha256), eq(assets.source, "tone3000")),
      });
      if (reference) return streamTone3000Input(ctx, reference);
    }
    if (!object) throw new AssetUploadError("NOT_FOUND", `input ${sha256} of render ${renderId} is no longer stored`);
    return new Response(object.body, {
      headers: { "Content-Length": String(object.size), "Content-Type": "application/octet-stream" },
    });
  }

  if (upload?.[2]) return multipartRoute(ctx, request, renderId, artifactName(upload[2]), upload);

  if (artifact?.[2] && request.method === "PUT") {
    const name = artifactName(artifact[2]);
    const length = Number(request.headers.get("Content-Length"));
    if (!Number.isSafeInteger(length) || length <= 0)
      throw new AssetUploadError("LENGTH_REQUIRED", `${name}: Content-Length is required`);
    if (length > MAX_ARTIFACT_BYTES) {
      throw new AssetUploadError(
        "PAYLOAD_TOO_LARGE",
        `${name}: ${length} bytes is over the ${MAX_ARTIFACT_BYTES} byte limit of one upload: upload it in parts (POST …/uploads)`,
      );
    }
    const sha256 = request.headers.get("X-Content-SHA256")?.toLowerCase() ?? "";
    if (!/^[0-9a-f]{64}$/.test(sha256))
      throw new AssetUploadError("BAD_REQUEST", "X-Content-SHA256 must be the artifact's SHA-256 as 64 hex digits");
    const contentType = request.headers.get("Content-Type") ?? "application/octet-stream";
    const key = renderArtifactKey(renderId, name);
    const fixed = new FixedLengthStream(length);
    const piping = request.body?.pipeTo(fixed.writable).catch(() => {});
    try {
      await ctx.media.put(key, fixed.readable, { sha256, httpMetadata: { contentType } });
    } catch (error) {
      throw new AssetUploadError(
        "BAD_REQUEST",
        `${name}: not stored: the bytes do not match Content-Length or X-Content-SHA256 (${String(error)})`,
      );
    }
    await piping;
    return Response.json({ name, key, bytes: length, sha256 }, { status: 201 });
  }
  return new Response("Method not allowed", { status: 405 });
}

function artifactName(encoded: string): string {
  const name = artifactNameSchema.safeParse(decodePathSegment(encoded));
  if (!name.success)
    throw new AssetUploadError("BAD_REQUEST", `artifact name: ${name.error.issues[0]?.message ?? "invalid"}`);
  return name.data;
}

/** The multipart routes, for the node holding the render (checked by the caller). */
async function multipartRoute(
  ctx: Context,
  request: Request,
  renderId: string,
  name: string,
  [, , , encodedUploadId, partNumber, complete]: RegExpExecArray,
): Promise<Response> {
  const { method } = request;
  if (encodedUploadId === undefined) {
    if (method !== "POST") return new Response("Method not allowed", { status: 405 });
    const started = await createArtifactUpload(ctx.media, renderId, name, await jsonBody(request, name));
    return Response.json(started, { status: 201 });
  }
  const uploadId = decodePathSegment(encodedUploadId);
  if (partNumber !== undefined && method === "PUT") {
    const part = await uploadArtifactPart(ctx.media, renderId, name, uploadId, Number(partNumber), request);
    return Response.json(part);
  }
  if (complete !== undefined && method === "POST") {
    const body = await jsonBody(request, name);
    return Response.json(await completeArtifactUpload(ctx.media, renderId, name, uploadId, body), { status: 201 });
  }
  if (partNumber === undefined && complete === undefined && method === "DELETE") {
    await abortArtifactUpload(ctx.media, renderId, name, uploadId);
    return new Response(null, { status: 204 });
  }
  return new Response("Method not allowed", { status: 405 });
}

function decodePathSegment(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new AssetUploadError("BAD_REQUEST", `${encoded} is not a well-formed URL path segment`);
  }
}

async function jsonBody(request: Request, name: string): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AssetUploadError("BAD_REQUEST", `${name}: the request body must be JSON`);
  }
}

/**
 * A finished render's artifact, for its owner, and for anyone when the shootout is unlisted or public (the share
 * page plays its stems). Anyone else gets the same 404 as for a render that does not exist.
 */
async function downloadArtifact(ctx: Context, renderId: string, name: string): Promise<Response> {
  const notFound = new AssetUploadError("NOT_FOUND", `no artifact ${name} of render ${renderId}`);
  const [row] = await ctx.db
    .select({
      ownerId: renders.ownerId,
      status: renders.status,
      artifacts: renders.artifacts,
      visibility: shootouts.visibility,
    })
    .from(renders)
    .innerJoin(shootouts, eq(shootouts.id, renders.shootoutId))
    .where(eq(renders.id, renderId));
  const session = await ctx.session();
  const allowed =
    row && (row.ownerId === session?.user.id || (row.visibility !== "private" && row.status === "succeeded"));
  const artifact = allowed ? row.artifacts?.artifacts.find((a) => a.name === name) : undefined;
  const object = artifact ? await ctx.media.get(renderArtifactKey(renderId, name)) : null;
  if (!artifact || !object) throw notFound;
  return new Response(object.body, {
    headers: {
      "Content-Type": artifact.contentType,
      "Content-Length": String(object.size),
      ETag: object.httpEtag,
      // Artifacts of a render never change: a retried upload writes the same name with the same bytes.
      "Cache-Control":
        row?.visibility === "public" || row?.visibility === "unlisted"
          ? "public, max-age=31536000, immutable"
          : "private, max-age=3600",
    },
  });
}
