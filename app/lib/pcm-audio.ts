/**
 * @module Reading a DI's samples straight from its WAV or AIFF bytes, as the builder's waveform and audition need
 * them: one channel (or the mix), any stretch of frames, as floats. For these formats this is cheaper than
 * `decodeAudioData`, which would hold every channel of a 20-minute DI as 32-bit floats (≈ 460 MB for stereo at 48 kHz)
 * beside the file; here the file's bytes are all there is. FLAC (and anything this does not read) goes through
 * `decodeAudioData` instead, wrapped in the same {@link AudioSource} shape.
 */

import type { DiChannel } from "@gts/api/contract";
import { type PcmSampleEncoding, pcmSampleReader } from "@gts/api/contract";

/** Where a WAV or AIFF file keeps its interleaved samples, and how they are encoded. */
export interface PcmLayout extends PcmSampleEncoding {
  sampleRateHz: number;
  channels: number;
  frames: number;
  /** Byte offset of the first sample. */
  dataOffset: number;
}

/** Any DI the builder has loaded: its length and rate, and a reader for one channel (or the mix) of it. */
export interface AudioSource {
  sampleRateHz: number;
  channels: number;
  frames: number;
  /**
   * Writes `count` frames from `start` of `channel` into `out` (from index 0), as floats where full scale is 1.0;
   * `mono` is the mean of the channels (as the render node mixes them), `right` of a one-channel file is its channel.
   * Returns how many frames it wrote (fewer at the end of the file).
   */
  read(channel: DiChannel, start: number, count: number, out: Float32Array): number;
}

const ascii = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));

/** The 80-bit IEEE 754 extended float AIFF uses for its sample rate. */
function readExtended(view: DataView, offset: number): number {
  const signAndExponent = view.getUint16(offset, false);
  const hi = view.getUint32(offset + 2, false);
  const lo = view.getUint32(offset + 6, false);
  const exponent = (signAndExponent & 0x7fff) - 16383;
  return (signAndExponent & 0x8000 ? -1 : 1) * (hi * 2 ** -31 + lo * 2 ** -63) * 2 ** exponent;
}

const VALID_INT_BITS = new Set([8, 16, 24, 32]);

function layout(fields: Omit<PcmLayout, "frames">, dataBytes: number, available: number): PcmLayout | null {
  const { channels, bitsPerSample, kind, sampleRateHz } = fields;
  if (channels < 1 || !(sampleRateHz > 0)) return null;
  if (kind === "int" ? !VALID_INT_BITS.has(bitsPerSample) : bitsPerSample !== 32 && bitsPerSample !== 64) return null;
  const frameBytes = (channels * bitsPerSample) / 8;
  const frames = Math.floor(Math.min(dataBytes, available) / frameBytes);
  return { ...fields, frames };
}

function parseWav(bytes: Uint8Array, view: DataView): PcmLayout | null {
  let format: Omit<PcmLayout, "frames" | "dataOffset"> | null = null;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = ascii(bytes, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === "fmt " && size >= 16 && body + 16 <= bytes.length) {
      let tag = view.getUint16(body, true);
      if (tag === 0xfffe && size >= 26) tag = view.getUint16(body + 24, true);
      if (tag !== 1 && tag !== 3) return null;
      format = {
        channels: view.getUint16(body + 2, true),
        sampleRateHz: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true) as PcmLayout["bitsPerSample"],
        kind: tag === 3 ? "float" : "int",
        littleEndian: true,
        unsignedBytes: true,
      };
    } else if (id === "data") {
      return format ? layout({ ...format, dataOffset: body }, size, bytes.length - body) : null;
    }
    at = body + size + (size % 2);
  }
  return null;
}

function parseAiff(bytes: Uint8Array, view: DataView, aifc: boolean): PcmLayout | null {
  let common: (Omit<PcmLayout, "frames" | "dataOffset"> & { declaredFrames: number }) | null = null;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = ascii(bytes, at);
    const size = view.getUint32(at + 4, false);
    const body = at + 8;
    if (id === "COMM" && size >= 18 && body + 18 <= bytes.length) {
      const compression = aifc && size >= 22 ? ascii(bytes, body + 18) : "NONE";
      const float = /^fl(32|64)$/i.test(compression);
      if (!float && compression !== "NONE" && compression !== "sowt") return null;
      common = {
        channels: view.getUint16(body, false),
        declaredFrames: view.getUint32(body + 2, false),
        bitsPerSample: (float
          ? Number(compression.slice(2))
          : Math.ceil(view.getUint16(body + 6, false) / 8) * 8) as PcmLayout["bitsPerSample"],
        sampleRateHz: readExtended(view, body + 8),
        kind: float ? "float" : "int",
        littleEndian: compression === "sowt",
        unsignedBytes: false,
      };
    } else if (id === "SSND" && body + 8 <= bytes.length) {
      if (!common) return null;
      const dataOffset = body + 8 + view.getUint32(body, false);
      const { declaredFrames, ...fields } = common;
      const found = layout({ ...fields, dataOffset }, size - 8, bytes.length - dataOffset);
      return found && { ...found, frames: Math.min(found.frames, declaredFrames) };
    }
    at = body + size + (size % 2);
  }
  return null;
}

/** The sample layout of a WAV (PCM or float, plain or extensible) or AIFF/AIFF-C file; null for anything else. */
export function parsePcmLayout(bytes: Uint8Array): PcmLayout | null {
  if (bytes.length < 12) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = ascii(bytes, 0);
  const form = ascii(bytes, 8);
  if (magic === "RIFF" && form === "WAVE") return parseWav(bytes, view);
  if (magic === "FORM" && (form === "AIFF" || form === "AIFC")) return parseAiff(bytes, view, form === "AIFC");
  return null;
}

/** An {@link AudioSource} over a WAV or AIFF file's bytes (see {@link parsePcmLayout}). */
export function pcmSource(bytes: Uint8Array, layout: PcmLayout): AudioSource {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = pcmSampleReader(layout);
  const sampleBytes = layout.bitsPerSample / 8;
  const frameBytes = sampleBytes * layout.channels;
  return {
    sampleRateHz: layout.sampleRateHz,
    channels: layout.channels,
    frames: layout.frames,
    read(channel, start, count, out) {
      const first = Math.max(0, Math.floor(start));
      const n = Math.max(0, Math.min(count, layout.frames - first, out.length));
      let offset = layout.dataOffset + first * frameBytes;
      if (channel === "mono" && layout.channels > 1) {
        const scale = 1 / layout.channels;
        for (let i = 0; i < n; i++, offset += frameBytes) {
          let sum = 0;
          for (let c = 0; c < layout.channels; c++) sum += at(view, offset + c * sampleBytes);
          out[i] = sum * scale;
        }
      } else {
        offset += channel === "right" && layout.channels > 1 ? sampleBytes : 0;
        for (let i = 0; i < n; i++, offset += frameBytes) out[i] = at(view, offset);
      }
      return n;
    },
  };
}

/** An {@link AudioSource} over decoded channels (an `AudioBuffer`'s, after `decodeAudioData`). */
export function channelsSource(channels: readonly Float32Array[], sampleRateHz: number): AudioSource {
  const frames = channels[0]?.length ?? 0;
  return {
    sampleRateHz,
    channels: channels.length,
    frames,
    read(channel, start, count, out) {
      const first = Math.max(0, Math.floor(start));
      const n = Math.max(0, Math.min(count, frames - first, out.length));
      if (channel === "mono" && channels.length > 1) {
        const scale = 1 / channels.length;
        out.fill(0, 0, n);
        for (const data of channels) {
          for (let i = 0; i < n; i++) out[i] = (out[i] as number) + (data[first + i] as number) * scale;
        }
      } else {
        const data = channels[channel === "right" && channels.length > 1 ? 1 : 0];
        if (data) out.set(data.subarray(first, first + n));
      }
      return n;
    },
  };
}
