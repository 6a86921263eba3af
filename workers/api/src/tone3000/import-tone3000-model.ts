/**
 * @module Adds a TONE3000 model to the user's library, on the user's request, as a reference: the file is fetched
 * once with the user's token to validate it and record its metadata and SHA-256, then dropped. A reference is its own
 * library entry (one per TONE3000 model), even when the user also uploaded the same file. Nothing is written to R2 (TONE3000's terms forbid caching and re-hosting model files); renders fetch it again (render-files.ts).
 */
import { and, eq } from "drizzle-orm";
import { ASSET_LIMITS, formatBytes } from "../assets/asset-limits.ts";
import { AssetUploadError } from "../assets/asset-upload-error.ts";
import { assetContentType, readAssetMetadata } from "../assets/read-asset-metadata.ts";
import type { AssetKind } from "../contract/index.ts";
import { type AssetRow, assets } from "../db/schema.ts";
import { sha256HexOfBytes } from "../util/sha256-hex.ts";
import { fetchTone3000ModelFile, getTone3000Model, getTone3000Tone } from "./tone3000-api.ts";
import { Tone3000Error } from "./tone3000-error.ts";
import { type Tone3000Store, withTone3000Token } from "./tone3000-session.ts";

const KIND_OF_FORMAT: Record<string, AssetKind> = { nam: "capture", ir: "ir" };
const MAX_NAME_CHARS = 120;

export async function importTone3000Model(
  store: Tone3000Store,
  ownerId: string,
  ids: { toneId: number; modelId: number },
): Promise<{ asset: AssetRow; deduplicated: boolean }> {
  const { db } = store;
  const already = await db.query.assets.findFirst({ where: referenceOf(ownerId, ids.modelId) });
  if (already?.tone3000ToneId === String(ids.toneId)) return { asset: already, deduplicated: true };

  const fetched = await withTone3000Token(store, ownerId, async (token) => {
    const [tone, model] = await Promise.all([
      getTone3000Tone(store.config, token, ids.toneId),
      getTone3000Model(store.config, token, ids.modelId),
    ]);
    if (model.tone_id !== tone.id) {
      throw new Tone3000Error("NOT_FOUND", `TONE3000 model ${ids.modelId} does not belong to tone ${ids.toneId}`);
    }
    const kind = KIND_OF_FORMAT[tone.format ?? ""];
    if (!kind) {
      throw new Tone3000Error(
        "BAD_REQUEST",
        `"${tone.title}" is a ${tone.format ?? "unknown"} tone: only NAM captures (format nam) and IRs (format ir) can be rendered`,
      );
    }
    const fileName = modelFileName(model.name, model.model_url, kind);
    const response = await fetchTone3000ModelFile(store.config, token, model);
    const bytes = await readCapped(response, fileName, ASSET_LIMITS[kind].maxBytes);
    return { tone, model, kind, fileName, bytes };
  });

  const { tone, model, kind, fileName, bytes } = fetched;
  const sha256 = await sha256HexOfBytes(bytes);
  const metadata = await readAssetMetadata(kind, fileName, new Response(bytes).body ?? emptyStream(), bytes.byteLength);
  const creator = tone.user?.display_name || tone.user?.username || "unknown creator";
  const [inserted] = await db
    .insert(assets)
    .values({
      id: crypto.randomUUID(),
      ownerId,
      kind,
      name: `${tone.title} · ${model.name}`.slice(0, MAX_NAME_CHARS),
      fileName,
      contentType: assetContentType(metadata),
      sha256,
      r2Key: "",
      sizeBytes: bytes.byteLength,
      metadata,
      source: "tone3000",
      tone3000ToneId: String(tone.id),
      tone3000ModelId: String(model.id),
      tone3000ToneTitle: tone.title.slice(0, 300),
      tone3000ModelName: model.name.slice(0, 300),
      licence: tone.license ?? null,
      author: creator,
      sourceUrl: normaliseToneUrl(tone.url, tone.id),
    })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { asset: inserted, deduplicated: false };
  // The same model was added concurrently: that asset is it.
  const winner = await db.query.assets.findFirst({ where: referenceOf(ownerId, ids.modelId) });
  if (!winner) throw new Error(`asset row for TONE3000 model ${model.id} vanished after a unique-key conflict`);
  return { asset: winner, deduplicated: true };
}

/** Reads at most `maxBytes`, refusing larger files before holding them (Content-Length first, then while reading). */
export async function readCapped(
  response: Response,
  fileName: string,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const announced = Number(response.headers.get("Content-Length"));
  const tooLarge = (bytes: number) =>
    new AssetUploadError(
      "PAYLOAD_TOO_LARGE",
      `${fileName}: ${formatBytes(bytes)} is over the ${formatBytes(maxBytes)} limit for this kind of file`,
    );
  if (Number.isFinite(announced) && announced > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(announced);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > maxBytes) {
      await reader?.cancel();
      throw tooLarge(total);
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A readable file name from the model's name and the extension of its URL (`JCM800 capture 3.nam`). */
function modelFileName(name: string, modelUrl: string, kind: AssetKind): string {
  const extension =
    /\.(nam|wav|flac|aiff?)$/i.exec(new URL(modelUrl).pathname)?.[0] ?? (kind === "ir" ? ".wav" : ".nam");
  // Control characters and slashes would break headers and paths (same rule as uploaded file names).
  const base =
    [...name]
      .map((c) => (c < " " || c === "\u007f" || c === "/" || c === "\\" ? " " : c))
      .join("")
      .trim()
      .slice(0, 200) || "model";
  return `${base}${extension.toLowerCase()}`;
}

/** TONE3000's tone URLs currently carry a double slash (`https://www.tone3000.com//plexi-51-51949`). */
function normaliseToneUrl(url: string | null | undefined, toneId: number): string {
  if (!url) return `https://www.tone3000.com/tones/${toneId}`;
  const parsed = new URL(url);
  parsed.pathname = parsed.pathname.replace(/\/{2,}/g, "/");
  return parsed.toString();
}

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.close() });
}

function referenceOf(ownerId: string, modelId: number) {
  return and(eq(assets.ownerId, ownerId), eq(assets.source, "tone3000"), eq(assets.tone3000ModelId, String(modelId)));
}
