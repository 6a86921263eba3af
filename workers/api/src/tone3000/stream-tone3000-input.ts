/**
 * @module A TONE3000 model as a render input: fetched from TONE3000 with the owner's token for this one request
 * (TONE3000's terms: download per user on request, no caching, no re-hosting), checked against the SHA-256 recorded
 * at import, and sent with `Cache-Control: no-store` and `X-GTS-Input-Policy: transient` so the node uses it for this
 * render only and keeps no copy in its shared cache.
 */
import { ASSET_LIMITS } from "../assets/asset-limits.ts";
import { AssetUploadError } from "../assets/asset-upload-error.ts";
import type { Context } from "../context.ts";
import type { AssetRow } from "../db/schema.ts";
import { sha256HexOfBytes } from "../util/sha256-hex.ts";
import { readCapped } from "./import-tone3000-model.ts";
import { fetchTone3000ModelFile, getTone3000Model } from "./tone3000-api.ts";
import { Tone3000Error } from "./tone3000-error.ts";
import { withTone3000Token } from "./tone3000-session.ts";

export const TRANSIENT_INPUT_HEADER = "X-GTS-Input-Policy";

export async function streamTone3000Input(ctx: Context, asset: AssetRow): Promise<Response> {
  const label = `TONE3000 model ${asset.tone3000ModelId} ("${asset.name}")`;
  if ("disabled" in ctx.tone3000) throw new AssetUploadError("FORBIDDEN", `${label}: ${ctx.tone3000.disabled}`);
  const store = { db: ctx.db, config: ctx.tone3000, now: ctx.now };
  let bytes: Uint8Array;
  try {
    bytes = await withTone3000Token(store, asset.ownerId, async (token) => {
      const model = await getTone3000Model(store.config, token, Number(asset.tone3000ModelId));
      const response = await fetchTone3000ModelFile(store.config, token, model);
      // Held in memory (≤ 20 MB) so the hash is checked before a byte reaches the node.
      return readCapped(response, asset.fileName, ASSET_LIMITS[asset.kind].maxBytes);
    });
  } catch (error) {
    if (error instanceof Tone3000Error) {
      const code = error.code === "NOT_FOUND" ? "NOT_FOUND" : error.code === "REAUTH" ? "UNAUTHORIZED" : "FORBIDDEN";
      throw new AssetUploadError(code, `${label}: ${error.message}`);
    }
    throw error;
  }
  const sha256 = await sha256HexOfBytes(bytes);
  if (sha256 !== asset.sha256) {
    throw new AssetUploadError(
      "UNPROCESSABLE_CONTENT",
      `${label} changed on TONE3000 since it was added to the library (SHA-256 ${sha256}, expected ${asset.sha256}); add it again`,
    );
  }
  return new Response(bytes, {
    headers: {
      "Content-Length": String(bytes.byteLength),
      "Content-Type": "application/octet-stream",
      "Cache-Control": "no-store",
      [TRANSIENT_INPUT_HEADER]: "transient",
    },
  });
}
