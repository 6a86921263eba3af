/**
 * @module Audio facts of an uploaded DI or IR, read from its bytes as they stream: the container is recognised by
 * its magic bytes, not by the file name.
 */
import type { AudioMetadata } from "../contract/index.ts";
import { AssetUploadError } from "./asset-upload-error.ts";
import { ByteStreamReader } from "./byte-stream-reader.ts";
import { readAiffMetadata } from "./read-aiff-metadata.ts";
import { readFlacMetadata } from "./read-flac-metadata.ts";
import { readWavMetadata } from "./read-wav-metadata.ts";

export async function readAudioMetadata(
  stream: ReadableStream<Uint8Array>,
  options: { fileName: string; totalBytes: number },
): Promise<AudioMetadata> {
  const reader = new ByteStreamReader(stream);
  try {
    const metadata = await readByMagic(reader, options);
    if (metadata.durationSeconds <= 0) {
      throw new AssetUploadError("UNPROCESSABLE_CONTENT", `${options.fileName}: the file holds no audio samples`);
    }
    return metadata;
  } finally {
    await reader.cancel().catch(() => {});
  }
}

async function readByMagic(
  reader: ByteStreamReader,
  options: { fileName: string; totalBytes: number },
): Promise<AudioMetadata> {
  const magic = String.fromCharCode(...(await reader.read(4)));
  switch (magic) {
    case "RIFF":
      return readWavMetadata(reader, options);
    case "FORM":
      return readAiffMetadata(reader, options);
    case "fLaC":
      return readFlacMetadata(reader, options);
    case "RF64":
      throw new AssetUploadError(
        "UNSUPPORTED_MEDIA_TYPE",
        `${options.fileName}: RF64 WAV is not supported (use WAV under 4 GB, FLAC or AIFF)`,
      );
    default:
      if (magic.startsWith("ID3") || magic.charCodeAt(0) === 0xff) {
        throw new AssetUploadError(
          "UNSUPPORTED_MEDIA_TYPE",
          `${options.fileName}: MP3 is not accepted: lossy encoding changes the tone being compared (upload WAV, FLAC or AIFF)`,
        );
      }
      throw new AssetUploadError("UNSUPPORTED_MEDIA_TYPE", `${options.fileName}: not a WAV, FLAC or AIFF file`);
  }
}
