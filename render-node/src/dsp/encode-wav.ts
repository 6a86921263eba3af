/** @module Writes planar float32 audio as a WAVE_FORMAT_IEEE_FLOAT file (the program and stem format). */
import { checkChannels, DspInputError } from "./dsp-error.ts";

/** RIFF sizes are 32-bit: a float32 WAV holds at most 4 GiB minus the header. */
const MAX_RIFF_BYTES = 0xffff_ffff;

/**
 * Encodes `channels` (planar, full scale = 1.0) at `sampleRateHz` as an interleaved 32-bit float WAV: `fmt ` with
 * format 3 and cbSize 0, a `fact` chunk (required for non-PCM formats by the RIFF spec), then `data`. Allocates the
 * returned buffer. Written by hand because it is 40 lines and wavefile's per-sample packing is ~50× slower for a program.
 */
export function encodeWav(channels: readonly Float32Array[], sampleRateHz: number): Uint8Array {
  const frames = checkChannels(channels);
  const channelCount = channels.length;
  const dataBytes = frames * channelCount * 4;
  const headerBytes = 12 + 26 + 12 + 8;
  if (headerBytes + dataBytes > MAX_RIFF_BYTES) {
    throw new DspInputError(`encodeWav: ${dataBytes} bytes of audio exceed the 4 GiB a RIFF file can hold`);
  }
  const bytes = new Uint8Array(headerBytes + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, "RIFF");
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 18, true);
  view.setUint16(20, 3, true); // WAVE_FORMAT_IEEE_FLOAT
  view.setUint16(22, channelCount, true);
  view.setUint32(24, sampleRateHz, true);
  view.setUint32(28, sampleRateHz * channelCount * 4, true);
  view.setUint16(32, channelCount * 4, true);
  view.setUint16(34, 32, true);
  view.setUint16(36, 0, true);
  ascii(38, "fact");
  view.setUint32(42, 4, true);
  view.setUint32(46, frames, true);
  ascii(50, "data");
  view.setUint32(54, dataBytes, true);
  // Interleave into a little-endian float view (every supported platform is little-endian; checked once here).
  if (new Uint8Array(new Float32Array([1]).buffer)[3] !== 0x3f) throw new Error("encodeWav: big-endian host");
  const samples = new Float32Array(frames * channelCount);
  for (let c = 0; c < channelCount; c++) {
    const channel = channels[c] as Float32Array;
    for (let i = 0; i < frames; i++) samples[i * channelCount + c] = channel[i] as number;
  }
  // The 58-byte header leaves the samples unaligned for a Float32Array view, hence the byte copy.
  bytes.set(new Uint8Array(samples.buffer), headerBytes);
  return bytes;
}
