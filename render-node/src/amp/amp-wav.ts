/** @module `readMonoWav` / `writeMonoFloatWav`: the WAV I/O of the amp command (wavefile for the RIFF structure). */
import { open, readFile, writeFile } from "node:fs/promises";
import { endianness } from "node:os";
import wavefile from "wavefile";

const { WaveFile } = wavefile;

/** A mono signal with its rate. */
export interface MonoAudio {
  readonly samples: Float32Array;
  readonly sampleRateHz: number;
}

/** WAVE_FORMAT_IEEE_FLOAT. */
const IEEE_FLOAT = 3;

/** Bytes read to parse the chunks before `data` (fmt, fact, bext, LIST … are small). */
const HEADER_PROBE_BYTES = 1 << 20;

// wavefile packs and unpacks sample by sample in JS and keeps whole-file copies: ≈ 1.5 min and > 500 MB for a
// 10-minute file. Float32 data (what the amp reads and writes) is therefore moved as raw bytes straight between the
// file and the Float32Array, with wavefile parsing and building the RIFF chunks around it; other formats take its
// ordinary path.
const littleEndianHost = endianness() === "LE";

/**
 * Byte offset of the `data` chunk's payload: a walk over the RIFF chunk headers (id, little-endian size, payload padded
 * to even), after wavefile has validated the file. wavefile's own locator is not exposed by its minified build.
 */
function dataChunkStart(head: Uint8Array): number | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let offset = 12;
  while (offset + 8 <= head.length) {
    const id = String.fromCharCode(...head.subarray(offset, offset + 4));
    if (id === "data") return offset + 8;
    const size = view.getUint32(offset + 4, true);
    offset += 8 + size + (size % 2);
  }
  return null;
}

async function readFully(
  handle: Awaited<ReturnType<typeof open>>,
  target: Uint8Array,
  position: number,
): Promise<void> {
  let done = 0;
  while (done < target.length) {
    const { bytesRead } = await handle.read(target, done, target.length - done, position + done);
    if (bytesRead === 0) throw new Error("unexpected end of file");
    done += bytesRead;
  }
}

/** Reads a mono WAV; a multi-channel file is an error (the amp takes mono). Integer PCM is scaled to ±1. */
export async function readMonoWav(path: string): Promise<MonoAudio> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const head = new Uint8Array(Math.min(size, HEADER_PROBE_BYTES));
    await readFully(handle, head, 0);
    const probe = new WaveFile();
    probe.fromBuffer(head, false);
    const fmt = probe.fmt as { numChannels: number; sampleRate: number; audioFormat: number; bitsPerSample: number };
    if (fmt.numChannels !== 1) throw new Error(`${path}: ${fmt.numChannels} channels; the amp takes a mono WAV`);
    const start = dataChunkStart(head);
    const chunkSize = (probe.data as { chunkSize: number }).chunkSize;
    if (
      start !== null &&
      fmt.audioFormat === IEEE_FLOAT &&
      fmt.bitsPerSample === 32 &&
      littleEndianHost &&
      probe.container === "RIFF"
    ) {
      const byteLength = Math.min(chunkSize, size - start);
      const samples = new Float32Array(Math.floor(byteLength / 4));
      await readFully(handle, new Uint8Array(samples.buffer), start);
      return { samples, sampleRateHz: fmt.sampleRate };
    }
  } finally {
    await handle.close();
  }
  const wav = new WaveFile(await readFile(path));
  if (wav.bitDepth !== "32f") wav.toBitDepth("32f");
  const samples = wav.getSamples(false, Float32Array) as unknown as Float32Array;
  const sampleRateHz = (wav.fmt as { sampleRate: number }).sampleRate;
  return { samples: samples instanceof Float32Array ? samples : Float32Array.from(samples), sampleRateHz };
}

/** Writes a mono 32-bit float WAV. */
export async function writeMonoFloatWav(path: string, samples: Float32Array, sampleRateHz: number): Promise<void> {
  const wav = new WaveFile();
  if (!littleEndianHost) {
    wav.fromScratch(1, sampleRateHz, "32f", samples);
    await writeFile(path, wav.toBuffer());
    return;
  }
  // wavefile builds the chunks of an empty file (data last); the two RIFF sizes then get the real byte count.
  wav.fromScratch(1, sampleRateHz, "32f", new Float32Array(0));
  const header = wav.toBuffer();
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const dataId = String.fromCharCode(...header.subarray(header.length - 8, header.length - 4));
  if (dataId !== "data") throw new Error("unexpected WAV chunk layout from wavefile");
  view.setUint32(4, header.length - 8 + samples.byteLength, true);
  view.setUint32(header.length - 4, samples.byteLength, true);
  const handle = await open(path, "w");
  try {
    await handle.write(header);
    await handle.write(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength));
  } finally {
    await handle.close();
  }
}
