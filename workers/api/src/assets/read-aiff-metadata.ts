/**
 * @module AIFF and AIFF-C metadata, sample peak and waveform summary, streamed in one pass (big-endian PCM, `sowt`
 * little-endian PCM, `fl32`/`fl64` float). Hand-written: no maintained npm package reads AIFF, and none streams.
 */
import type { AudioMetadata } from "../contract/index.ts";
import { AssetUploadError } from "./asset-upload-error.ts";
import type { ByteStreamReader } from "./byte-stream-reader.ts";
import { checkAudioShape } from "./check-audio-shape.ts";
import { iffChunks } from "./iff-chunks.ts";
import { type SampleEncoding, scanFields, scanSamples } from "./pcm-peak.ts";

interface CommonChunk {
  channels: number;
  frames: number;
  bitsPerSample: number;
  sampleRateHz: number;
  compression: string;
}

/** Parses after the 4-byte "FORM" magic, which the caller has read. */
export async function readAiffMetadata(
  reader: ByteStreamReader,
  options: { fileName: string; totalBytes: number },
): Promise<AudioMetadata> {
  const { fileName } = options;
  const fail = (message: string) => new AssetUploadError("UNPROCESSABLE_CONTENT", `${fileName}: ${message}`);
  const header = await reader.read(8);
  if (header.length < 8) throw fail("truncated FORM header");
  const formType = ascii(header, 4, 4);
  if (formType !== "AIFF" && formType !== "AIFC") throw fail(`FORM type is "${formType}", expected "AIFF" or "AIFC"`);

  let common: CommonChunk | null = null;
  for await (const { id, size } of iffChunks(reader, { littleEndian: false, totalBytes: options.totalBytes, fail })) {
    if (id === "COMM") {
      common = parseCommon(await reader.read(size), formType === "AIFC", fail);
      if (size % 2) await reader.skip(1);
    } else if (id === "SSND") {
      if (!common) throw fail("SSND chunk before the COMM chunk");
      const ssnd = await reader.read(8);
      const dataOffset = new DataView(ssnd.buffer, ssnd.byteOffset).getUint32(0, false);
      await reader.skip(dataOffset);
      return describeSound(reader, common, size - 8 - dataOffset, options);
    } else {
      await reader.skip(size + (size % 2));
    }
  }
  throw fail(common ? "no SSND chunk" : "no COMM chunk");
}

function parseCommon(bytes: Uint8Array, isAifc: boolean, fail: (m: string) => AssetUploadError): CommonChunk {
  if (bytes.length < (isAifc ? 22 : 18)) throw fail(`COMM chunk is ${bytes.length} bytes, too short`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    channels: view.getUint16(0, false),
    frames: view.getUint32(2, false),
    bitsPerSample: view.getUint16(6, false),
    sampleRateHz: readExtended(view, 8),
    compression: isAifc ? ascii(bytes, 18, 4) : "NONE",
  };
}

async function describeSound(
  reader: ByteStreamReader,
  common: CommonChunk,
  soundBytes: number,
  options: { fileName: string },
): Promise<AudioMetadata> {
  const compression = common.compression;
  const isFloat = compression === "fl32" || compression === "FL32" || compression === "fl64" || compression === "FL64";
  if (!isFloat && compression !== "NONE" && compression !== "sowt") {
    throw new AssetUploadError(
      "UNPROCESSABLE_CONTENT",
      `${options.fileName}: AIFF-C compression "${compression}" is not supported (NONE, sowt, fl32, fl64 only)`,
    );
  }
  const bitsPerSample = isFloat ? (compression.endsWith("64") ? 64 : 32) : common.bitsPerSample;
  const shape = checkAudioShape({
    fileName: options.fileName,
    formatName: isFloat ? "float AIFF" : "PCM AIFF",
    channels: common.channels,
    sampleRateHz: common.sampleRateHz,
    bitsPerSample,
    validBits: isFloat ? [32, 64] : [8, 16, 24, 32],
  });
  const frameBytes = (common.channels * bitsPerSample) / 8;
  if (common.frames * frameBytes > soundBytes) {
    throw new AssetUploadError(
      "UNPROCESSABLE_CONTENT",
      `${options.fileName}: COMM declares ${common.frames} frames but SSND holds ${Math.floor(soundBytes / frameBytes)}`,
    );
  }
  const encoding: SampleEncoding = {
    kind: isFloat ? "float" : "int",
    bitsPerSample: shape.bitsPerSample,
    littleEndian: compression === "sowt",
    unsignedBytes: false,
  };
  const scan = await scanSamples(reader, { frames: common.frames, channels: common.channels, encoding, ...options });
  return {
    kind: "audio",
    format: "aiff",
    bitDepth: bitsPerSample,
    sampleRateHz: common.sampleRateHz,
    channels: common.channels,
    durationSeconds: common.frames / common.sampleRateHz,
    ...scanFields(scan),
  };
}

/** The 80-bit IEEE 754 extended float AIFF uses for its sample rate. */
function readExtended(view: DataView, offset: number): number {
  const signAndExponent = view.getUint16(offset, false);
  const hi = view.getUint32(offset + 2, false);
  const lo = view.getUint32(offset + 6, false);
  const sign = signAndExponent & 0x8000 ? -1 : 1;
  const exponent = (signAndExponent & 0x7fff) - 16383;
  const mantissa = hi * 2 ** -31 + lo * 2 ** -63;
  return sign * mantissa * 2 ** exponent;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}
