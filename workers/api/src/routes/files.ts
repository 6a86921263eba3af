/**
 * @module Plain HTTP for asset bytes, which tRPC's JSON does not carry: `PUT /files/assets` streams an upload in,
 * `GET /files/assets/:id` streams it back to its owner. Metadata travels in the query string and headers.
 */
import { and, eq } from "drizzle-orm";
import { AssetUploadError, answeringUploadErrors } from "../assets/asset-upload-error.ts";
import { publicAsset } from "../assets/public-asset.ts";
import { uploadAsset } from "../assets/upload-asset.ts";
import { crossSiteRefusal } from "../auth/check-same-origin.ts";
import { createContextInner } from "../context.ts";
import { assets } from "../db/schema.ts";

export const FILES_PREFIX = "/files/";
const ASSET_DOWNLOAD = /^\/files\/assets\/([0-9A-Za-z_-]{1,64})$/;

export async function handleFiles(request: Request, env: { DB: D1Database; MEDIA: R2Bucket }): Promise<Response> {
  return answeringUploadErrors(() => route(request, env));
}

async function route(request: Request, env: { DB: D1Database; MEDIA: R2Bucket }): Promise<Response> {
  const url = new URL(request.url);
  const ctx = createContextInner(env, { req: request });
  const session = await ctx.session();

  if (url.pathname === "/files/assets" && request.method === "PUT") {
    const refusal = crossSiteRefusal(request);
    if (refusal) throw new AssetUploadError("FORBIDDEN", refusal);
    if (!session) throw new AssetUploadError("UNAUTHORIZED", "sign in to upload");
    const lengthHeader = request.headers.get("Content-Length");
    const { asset, deduplicated } = await uploadAsset(ctx, {
      ownerId: session.user.id,
      kind: url.searchParams.get("kind"),
      fileName: url.searchParams.get("fileName"),
      name: url.searchParams.get("name"),
      contentLength: lengthHeader === null ? null : Number(lengthHeader),
      sha256: request.headers.get("X-Content-SHA256"),
      body: request.body,
    });
    return Response.json({ asset: publicAsset(asset), deduplicated }, { status: deduplicated ? 200 : 201 });
  }

  const download = ASSET_DOWNLOAD.exec(url.pathname);
  if (download?.[1] && request.method === "GET") {
    // Someone else's asset answers exactly like a missing one, so ids reveal nothing.
    const notFound = new AssetUploadError("NOT_FOUND", `no asset ${download[1]}`);
    if (!session) throw notFound;
    const asset = await ctx.db.query.assets.findFirst({
      where: and(eq(assets.id, download[1]), eq(assets.ownerId, session.user.id)),
    });
    if (asset?.source === "tone3000") {
      throw new AssetUploadError(
        "NOT_FOUND",
        `${asset.name} is a TONE3000 model used by reference; download it from ${asset.sourceUrl ?? "tone3000.com"}`,
      );
    }
    const object = asset ? await ctx.media.get(asset.r2Key) : null;
    if (!asset || !object) throw notFound;
    return new Response(object.body, {
      headers: {
        "Content-Type": asset.contentType,
        "Content-Length": String(object.size),
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(asset.fileName)}`,
        ETag: object.httpEtag,
        "Cache-Control": "private, max-age=0",
      },
    });
  }
  return new Response("Not found", { status: 404 });
}
