/**
 * @module WAV (RIFF) metadata, sample peak and waveform summary, streamed in one pass: PCM 8/16/24/32-bit, IEEE
 * float 32/64-bit, and WAVE_FORMAT_EXTENSIBLE with a PCM or float sub-format. Hand-written because the WAV libraries
 * on npm need the whole file in memory, which a 200 MB DI would exceed in a Worker; the render node decodes with a
 * library.
 */
import type { AudioMetadata } from "../contract/index.ts";
import { AssetUploadError } from "./asset-upload-error.ts";
import type { ByteStreamReader } from "./byte-stream-reader.ts";
import { checkAudioShape } from "./check-audio-shape.ts";
import { iffChunks } from "./iff-chunks.ts";
import { type SampleEncoding, scanFields, scanSamples } from "./pcm-peak.ts";

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

interface WavFormat {
  formatTag: number;
  channels: number;
  sampleRateHz: number;
  blockAlign: number;
  bitsPerSample: number;
}

/** Parses after the 4-byte "RIFF" magic, which the caller has read. */
export async function readWavMetadata(
  reader: ByteStreamReader,
  options: { fileName: string; totalBytes: number },
): Promise<AudioMetadata> {
  const { fileName } = options;
  const fail = (message: string) => new AssetUploadError("UNPROCESSABLE_CONTENT", `${fileName}: ${message}`);
  const header = await reader.read(8);
  if (header.length < 8) throw fail("truncated RIFF header");
  if (ascii(header, 4, 4) !== "WAVE") throw fail(`RIFF form type is "${ascii(header, 4, 4)}", expected "WAVE"`);

  let format: WavFormat | null = null;
  for await (const { id, size } of iffChunks(reader, { littleEndian: true, totalBytes: options.totalBytes, fail })) {
    if (id === "fmt ") {
      format = parseFormat(await reader.read(size), fail);
      if (size % 2) await reader.skip(1);
    } else if (id === "data") {
      if (!format) throw fail("data chunk before the fmt chunk");
      return describeData(reader, format, size, options);
    } else {
      await reader.skip(size + (size % 2));
    }
  }
  throw fail(format ? "no data chunk" : "no fmt chunk");
}

function parseFormat(bytes: Uint8Array, fail: (message: string) => AssetUploadError): WavFormat {
  if (bytes.length < 16) throw fail(`fmt chunk is ${bytes.length} bytes, at least 16 needed`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let formatTag = view.getUint16(0, true);
  const format = {
    formatTag,
    channels: view.getUint16(2, true),
    sampleRateHz: view.getUint32(4, true),
    blockAlign: view.getUint16(12, true),
    bitsPerSample: view.getUint16(14, true),
  };
  if (formatTag === WAVE_FORMAT_EXTENSIBLE) {
    if (bytes.length < 40) throw fail(`WAVE_FORMAT_EXTENSIBLE fmt chunk is ${bytes.length} bytes, 40 needed`);
    // The sub-format GUID starts with the plain format tag (KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT).
    formatTag = view.getUint16(24, true);
  }
  if (formatTag !== WAVE_FORMAT_PCM && formatTag !== WAVE_FORMAT_IEEE_FLOAT) {
    throw fail(`fmt format 0x${formatTag.toString(16).padStart(4, "0")} is not supported (PCM or IEEE float only)`);
  }
  return { ...format, formatTag };
}

async function describeData(
  reader: ByteStreamReader,
  format: WavFormat,
  dataBytes: number,
  options: { fileName: string },
): Promise<AudioMetadata> {
  const isFloat = format.formatTag === WAVE_FORMAT_IEEE_FLOAT;
  const validBits = isFloat ? [32, 64] : [8, 16, 24, 32];
  const shape = checkAudioShape({
    fileName: options.fileName,
    channels: format.channels,
    sampleRateHz: format.sampleRateHz,
    bitsPerSample: format.bitsPerSample,
    validBits,
    formatName: isFloat ? "float WAV" : "PCM WAV",
  });
  const expectedBlockAlign = (format.channels * format.bitsPerSample) / 8;
  if (format.blockAlign !== expectedBlockAlign) {
    throw new AssetUploadError(
      "UNPROCESSABLE_CONTENT",
      `${options.fileName}: fmt block align is ${format.blockAlign}, expected ${expectedBlockAlign} for ${format.channels} × ${format.bitsPerSample}-bit`,
    );
  }
  const frames = Math.floor(dataBytes / format.blockAlign);
  const encoding: SampleEncoding = {
    kind: isFloat ? "float" : "int",
    bitsPerSample: shape.bitsPerSample,
    littleEndian: true,
    unsignedBytes: true,
  };
  const scan = await scanSamples(reader, { frames, channels: format.channels, encoding, fileName: options.fileName });
  return {
    kind: "audio",
    format: isFloat ? "wav-float" : "wav-pcm",
    bitDepth: format.bitsPerSample,
    sampleRateHz: format.sampleRateHz,
    channels: format.channels,
    durationSeconds: frames / format.sampleRateHz,
    ...scanFields(scan),
  };
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}
