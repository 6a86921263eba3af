/**
 * @module Parses and validates an asset's content into the metadata the library keeps: `.nam` facts for captures,
 * audio facts (with the duration limit) for DIs and IRs. Used for uploads (read back from R2) and for TONE3000
 * imports (read from TONE3000 once), so both are held to the same rules.
 */
import { type AssetKind, type AssetMetadata, type AudioMetadata, safeParseNamFile } from "../contract/index.ts";
import { ASSET_LIMITS } from "./asset-limits.ts";
import { AssetUploadError } from "./asset-upload-error.ts";
import { readAudioMetadata } from "./read-audio-metadata.ts";

const AUDIO_CONTENT_TYPES: Record<AudioMetadata["format"], string> = {
  "wav-pcm": "audio/wav",
  "wav-float": "audio/wav",
  flac: "audio/flac",
  aiff: "audio/aiff",
  mp3: "audio/mpeg",
};

/** The real content type, known once parsed. */
export function assetContentType(metadata: AssetMetadata): string {
  return metadata.kind === "audio" ? AUDIO_CONTENT_TYPES[metadata.format] : "application/json";
}

export async function readAssetMetadata(
  kind: AssetKind,
  fileName: string,
  body: ReadableStream<Uint8Array>,
  totalBytes: number,
): Promise<AssetMetadata> {
  if (kind === "capture") {
    const parsed = safeParseNamFile(new Uint8Array(await new Response(body).arrayBuffer()), { fileName });
    if (!parsed.ok) throw new AssetUploadError("UNPROCESSABLE_CONTENT", parsed.error.message);
    return { kind: "capture", facts: parsed.value.facts };
  }
  const metadata = await readAudioMetadata(body, { fileName, totalBytes });
  const maxSeconds = ASSET_LIMITS[kind].maxDurationSeconds;
  if (maxSeconds !== null && metadata.durationSeconds > maxSeconds) {
    throw new AssetUploadError(
      "UNPROCESSABLE_CONTENT",
      `${fileName}: ${formatSeconds(metadata.durationSeconds)} long, over the ${formatSeconds(maxSeconds)} limit for a ${kind === "ir" ? "IR" : "DI"}`,
    );
  }
  return metadata;
}

function formatSeconds(seconds: number): string {
  return seconds >= 60 ? `${Math.round((seconds / 60) * 10) / 10} min` : `${Math.round(seconds * 100) / 100} s`;
}
