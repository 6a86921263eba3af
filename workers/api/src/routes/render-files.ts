/**
 * @module Render-node file transfer, streamed through the api (nodes never hold R2 credentials):
 * `GET /files/renders/:id/inputs/:sha256` streams an input of a render the node holds (only assets its frozen spec
 * names; a TONE3000 model is fetched from TONE3000 for this request and never stored), and
 * `PUT /files/renders/:id/artifacts/:name` stores an artifact under a key derived from the render and the
 * name, so a retried upload overwrites the same object. R2 verifies the declared SHA-256. Finished artifacts are
 * downloaded with `GET /files/renders/:id/artifacts/:name` by the owner (cookie) or, for shared shootouts, anyone.
 */
import { and, eq, gt } from "drizzle-orm";
import { AssetUploadError, answeringUploadErrors } from "../assets/asset-upload-error.ts";
import { type Context, createContextInner } from "../context.ts";
import { artifactNameSchema } from "../contract/index.ts";
import { assets, renders, shootouts } from "../db/schema.ts";
import { nodeForToken } from "../nodes/node-tokens.ts";
import { assetObjectKey, renderArtifactKey } from "../storage/r2-keys.ts";
import { streamTone3000Input } from "../tone3000/stream-tone3000-input.ts";

const INPUT_PATH = /^\/files\/renders\/([0-9A-Za-z_-]{1,64})\/inputs\/([0-9a-f]{64})$/;
const ARTIFACT_PATH = /^\/files\/renders\/([0-9A-Za-z_-]{1,64})\/artifacts\/([^/]{1,255})$/;
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
  const renderId = input?.[1] ?? artifact?.[1];
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

  if (artifact?.[2] && request.method === "PUT") {
    const name = artifactNameSchema.safeParse(decodeURIComponent(artifact[2]));
    if (!name.success)
      throw new AssetUploadError("BAD_REQUEST", `artifact name: ${name.error.issues[0]?.message ?? "invalid"}`);
    const length = Number(request.headers.get("Content-Length"));
    if (!Number.isSafeInteger(length) || length <= 0)
      throw new AssetUploadError("LENGTH_REQUIRED", `${name.data}: Content-Length is required`);
    if (length > MAX_ARTIFACT_BYTES) {
      throw new AssetUploadError(
        "PAYLOAD_TOO_LARGE",
        `${name.data}: ${length} bytes is over the ${MAX_ARTIFACT_BYTES} byte limit of one upload`,
      );
    }
    const sha256 = request.headers.get("X-Content-SHA256")?.toLowerCase() ?? "";
    if (!/^[0-9a-f]{64}$/.test(sha256))
      throw new AssetUploadError("BAD_REQUEST", "X-Content-SHA256 must be the artifact's SHA-256 as 64 hex digits");
    const contentType = request.headers.get("Content-Type") ?? "application/octet-stream";
    const key = renderArtifactKey(renderId, name.data);
    const fixed = new FixedLengthStream(length);
    const piping = request.body?.pipeTo(fixed.writable).catch(() => {});
    try {
      await ctx.media.put(key, fixed.readable, { sha256, httpMetadata: { contentType } });
    } catch (error) {
      throw new AssetUploadError(
        "BAD_REQUEST",
        `${name.data}: not stored: the bytes do not match Content-Length or X-Content-SHA256 (${String(error)})`,
      );
    }
    await piping;
    return Response.json({ name: name.data, key, bytes: length, sha256 }, { status: 201 });
  }
  return new Response("Method not allowed", { status: 405 });
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
