/**
 * @module FLAC metadata from its STREAMINFO block: rate, channels, bit depth, duration. The sample peak and the
 * waveform summary are not computed here: both need the FLAC frames decoded, and the api does not decode FLAC (the
 * render node does, with a library; a hand-written decoder in the Worker is not worth its risk). So the peak is
 * recorded as unknown and `waveform` is left out; the library shows no thumbnail for a FLAC.
 */
import type { AudioMetadata } from "../contract/index.ts";
import { AssetUploadError } from "./asset-upload-error.ts";
import type { ByteStreamReader } from "./byte-stream-reader.ts";
import { checkAudioShape } from "./check-audio-shape.ts";

const STREAMINFO = 0;
const STREAMINFO_BYTES = 34;

/** Parses after the 4-byte "fLaC" magic, which the caller has read. */
export async function readFlacMetadata(
  reader: ByteStreamReader,
  options: { fileName: string; totalBytes: number },
): Promise<AudioMetadata> {
  const fail = (message: string) => new AssetUploadError("UNPROCESSABLE_CONTENT", `${options.fileName}: ${message}`);
  const blockHeader = await reader.read(4);
  if (blockHeader.length < 4) throw fail("truncated metadata block header");
  const type = (blockHeader[0] ?? 0) & 0x7f;
  const length = ((blockHeader[1] ?? 0) << 16) | ((blockHeader[2] ?? 0) << 8) | (blockHeader[3] ?? 0);
  // The FLAC format requires STREAMINFO to be the first metadata block.
  if (type !== STREAMINFO || length !== STREAMINFO_BYTES) {
    throw fail(`first metadata block is type ${type} of ${length} bytes, expected STREAMINFO (type 0, 34 bytes)`);
  }
  const info = await reader.read(STREAMINFO_BYTES);
  if (info.length < STREAMINFO_BYTES) throw fail("truncated STREAMINFO block");
  const byte = (i: number) => info[i] ?? 0;
  const sampleRateHz = (byte(10) << 12) | (byte(11) << 4) | (byte(12) >> 4);
  const channels = ((byte(12) >> 1) & 0x07) + 1;
  const bitsPerSample = (((byte(12) & 0x01) << 4) | (byte(13) >> 4)) + 1;
  const totalFrames =
    (byte(13) & 0x0f) * 2 ** 32 + ((byte(14) << 24) >>> 0) + (byte(15) << 16) + (byte(16) << 8) + byte(17);
  checkAudioShape({
    fileName: options.fileName,
    formatName: "FLAC",
    channels,
    sampleRateHz,
    bitsPerSample,
    validBits: [8, 12, 16, 20, 24, 32],
  });
  if (totalFrames === 0) throw fail("STREAMINFO gives no total sample count (streamed FLAC is not accepted)");
  return {
    kind: "audio",
    format: "flac",
    bitDepth: bitsPerSample,
    sampleRateHz,
    channels,
    durationSeconds: totalFrames / sampleRateHz,
    peakDbfs: null,
    // No `waveform`: see the module comment (FLAC frames are not decoded here).
  };
}
