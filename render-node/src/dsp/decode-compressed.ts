/** @module FLAC and MP3 decoding through maintained WebAssembly decoders (@wasm-audio-decoders/flac, mpg123-decoder). */
import { FLACDecoder } from "@wasm-audio-decoders/flac";
import { MPEGDecoder } from "mpg123-decoder";
import { AudioDecodeError, checkAudioLimits, checkFinite, thrownMessage } from "./audio-decode-error.ts";
import type { DecodedAudio } from "./decoded-audio.ts";

interface DecoderOutput {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors: { message: string; frameNumber?: number; inputBytes?: number }[];
}

function checkOutput(fileName: string, where: string, output: DecoderOutput): Float32Array[] {
  if (output.samplesDecoded === 0 || output.channelData.length === 0) {
    throw new AudioDecodeError(fileName, `${where}: no audio decoded (no valid frames: truncated or corrupt stream)`);
  }
  const firstError = output.errors[0];
  if (firstError !== undefined) {
    throw new AudioDecodeError(
      fileName,
      `${where}: ${output.errors.length} bad frame(s), first at frame ${firstError.frameNumber ?? "?"}: ${firstError.message}`,
    );
  }
  checkAudioLimits(fileName, where, output.channelData.length, output.sampleRate, output.samplesDecoded);
  // The decoders may hand back views into reusable WASM memory; copy so the caller owns its channels.
  const channels = output.channelData.map((channel) => channel.slice(0, output.samplesDecoded));
  checkFinite(fileName, where, channels);
  return channels;
}

/**
 * Total samples per channel from STREAMINFO (the first metadata block, always present: FLAC format §METADATA_BLOCK_STREAMINFO),
 * 36 bits at byte 21 of the file; 0 means "unknown". The decoder stops quietly at a truncated frame, so this is how
 * a cut-off upload is caught.
 */
function streamInfoTotalSamples(bytes: Uint8Array): number {
  if (bytes.length < 26 || ((bytes[4] as number) & 0x7f) !== 0) return 0;
  const high = (bytes[21] as number) & 0x0f;
  const low = new DataView(bytes.buffer, bytes.byteOffset + 22, 4).getUint32(0);
  return high * 2 ** 32 + low;
}

/** Whether the first MPEG frame header (after an ID3v2 tag, if any) says single-channel mode (ISO 11172-3 §2.4.2.3). */
function firstFrameIsMono(bytes: Uint8Array): boolean {
  let offset = 0;
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33 && bytes.length >= 10) {
    // ID3v2 size: four 7-bit "syncsafe" bytes, plus the 10-byte header (and a 10-byte footer when flagged).
    const size =
      (((bytes[6] as number) & 0x7f) << 21) |
      (((bytes[7] as number) & 0x7f) << 14) |
      (((bytes[8] as number) & 0x7f) << 7) |
      ((bytes[9] as number) & 0x7f);
    offset = 10 + size + ((bytes[5] as number) & 0x10 ? 10 : 0);
  }
  for (let i = offset; i + 3 < bytes.length && i < offset + 65_536; i++) {
    if (bytes[i] === 0xff && ((bytes[i + 1] as number) & 0xe0) === 0xe0) return (bytes[i + 3] as number) >> 6 === 3;
  }
  return false;
}

/** Decodes a whole FLAC file (any bit depth libFLAC reads). */
export async function decodeFlac(bytes: Uint8Array, fileName: string): Promise<DecodedAudio> {
  const decoder = new FLACDecoder();
  try {
    await decoder.ready;
    let output: DecoderOutput & { bitDepth: number };
    try {
      output = await decoder.decodeFile(bytes);
    } catch (error) {
      throw new AudioDecodeError(fileName, `FLAC stream: ${thrownMessage(error)}`);
    }
    const channels = checkOutput(fileName, "FLAC stream", output);
    const expected = streamInfoTotalSamples(bytes);
    if (expected > 0 && output.samplesDecoded < expected) {
      throw new AudioDecodeError(
        fileName,
        `FLAC stream: STREAMINFO promises ${expected} samples per channel, only ${output.samplesDecoded} decoded (truncated file?)`,
      );
    }
    return { sampleRateHz: output.sampleRate, channels, sourceFormat: "flac", bitDepth: output.bitDepth, float: false };
  } finally {
    decoder.free();
  }
}

/** Decodes a whole MP3 file (MPEG-1/2/2.5 layer III; gapless trimming from the LAME header where present). */
export async function decodeMp3(bytes: Uint8Array, fileName: string): Promise<DecodedAudio> {
  const decoder = new MPEGDecoder();
  try {
    await decoder.ready;
    let output: DecoderOutput;
    try {
      output = decoder.decode(bytes);
    } catch (error) {
      throw new AudioDecodeError(fileName, `MPEG stream: ${thrownMessage(error)}`);
    }
    let channels = checkOutput(fileName, "MPEG stream", output);
    // mpg123 always hands back two channels; a mono stream's are identical, so keep one as the file has.
    if (firstFrameIsMono(bytes) && channels.length > 1) channels = channels.slice(0, 1);
    return { sampleRateHz: output.sampleRate, channels, sourceFormat: "mp3", bitDepth: null, float: false };
  } finally {
    decoder.free();
  }
}
