/**
 * @module The chunk headers of a RIFF (WAV, little-endian) or IFF (AIFF, big-endian) file, checked as they come:
 * a truncated header or a size that claims more bytes than the file has is an error naming the chunk.
 */
import type { AssetUploadError } from "./asset-upload-error.ts";
import type { ByteStreamReader } from "./byte-stream-reader.ts";

/**
 * Yields each chunk's id and size; the caller reads or skips the chunk body before asking for the next one.
 * Ends at the end of the stream.
 */
export async function* iffChunks(
  reader: ByteStreamReader,
  options: { littleEndian: boolean; totalBytes: number; fail: (message: string) => AssetUploadError },
): AsyncGenerator<{ id: string; size: number }> {
  for (;;) {
    const header = await reader.read(8);
    if (header.length === 0) return;
    if (header.length < 8) throw options.fail(`truncated chunk header at byte ${reader.position - header.length}`);
    const id = String.fromCharCode(...header.subarray(0, 4));
    const size = new DataView(header.buffer, header.byteOffset).getUint32(4, options.littleEndian);
    const remaining = options.totalBytes - reader.position;
    if (size > remaining) {
      throw options.fail(
        `${JSON.stringify(id)} chunk claims ${size} bytes but only ${remaining} follow (truncated or corrupt)`,
      );
    }
    yield { id, size };
  }
}
