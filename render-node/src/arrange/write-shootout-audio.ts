/**
 * @module A shootout's whole audio from files on disk into a folder: `program.wav`, `stems/stem-N.wav` (float, the
 * downloads), `stems/stem-N.flac` (24-bit, what the share page plays: see encode-flac.ts), `cues.json`,
 * `loudness.json`. Shared by the `render-audio` command and the render daemon, which differ only in where the
 * asset files come from (paths in a JSON file, or the node's input cache).
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import {
  type CaptureBlock,
  type ChainBlock,
  cueListSchema,
  type DiTrack,
  type ResolvedArrangement,
} from "@gts/api/contract";
import type { LoadIr, RenderCapture } from "../dsp/apply-chain.ts";
import { decodeAudio } from "../dsp/decode-audio.ts";
import { encodeFlac } from "../dsp/encode-flac.ts";
import { encodeWav } from "../dsp/encode-wav.ts";
import { PROGRAM_SAMPLE_RATE_HZ } from "./arrange-program.ts";
import { type ChainAudioStore, renderShootoutAudio, type ShootoutAudio } from "./render-shootout-audio.ts";

/**
 * One render's hold on captures that must not outlive it (TONE3000 models: TONE3000's terms forbid caching them). The
 * amp engine keeps nothing derived from such a capture where a later render could find it (no converted graph on
 * disk, no shared session) and hands `onEnd` how to release what it holds for this render.
 */
export interface TransientScope {
  /** Registers `release`, run once when the render ends, however it ends. */
  onEnd(release: () => Promise<void>): void;
}

/**
 * Renders one capture block from its `.nam` file: the amp engine's entry point, which main.ts passes in. Same contract
 * as {@link RenderCapture}: as many samples back as given, at the same rate. `transient` is given for a capture that
 * must not outlive the render (see {@link TransientScope}).
 */
export type RenderCaptureFile = (
  modelPath: string,
  block: CaptureBlock,
  input: Float32Array,
  sampleRateHz: number,
  transient?: TransientScope,
) => Promise<Float32Array>;

/** The file of an asset, by id; throws a message naming the asset when there is none. */
export type AssetFile = (assetId: string, what: "DI" | "IR" | "capture") => string;

export interface WrittenShootoutAudio {
  audio: ShootoutAudio;
  files: ShootoutAudioFiles;
}

/** Where {@link writeShootoutAudio} put each file; `listenStems[i]` is the FLAC of `stems[i]`. */
export interface ShootoutAudioFiles {
  program: string;
  stems: string[];
  listenStems: string[];
  cues: string;
  loudness: string;
}

/**
 * IR and capture loaders over asset files; a capture needs the amp engine (`renderCaptureFile`). `transientOf` gives
 * the render's {@link TransientScope} for a capture asset that must not outlive it.
 */
export function fileAssetLoaders(
  fileOf: AssetFile,
  renderCaptureFile: RenderCaptureFile | undefined,
  transientOf?: (assetId: string) => TransientScope | undefined,
) {
  const loadIr: LoadIr = async (block) => {
    const path = fileOf(block.assetId, "IR");
    const decoded = await decodeAudio(await readFile(path), basename(path));
    return { sampleRateHz: decoded.sampleRateHz, channels: decoded.channels, name: basename(path) };
  };
  const renderCapture: RenderCapture = async (block, input, sampleRateHz) => {
    const path = fileOf(block.assetId, "capture");
    if (renderCaptureFile === undefined) {
      throw new Error(
        `capture ${basename(path)}: capture blocks need the amp engine, which this build of the command was not given ` +
          "(main.ts passes it to createDspCommands)",
      );
    }
    const transient = transientOf?.(block.assetId);
    return transient === undefined
      ? renderCaptureFile(path, block, input, sampleRateHz)
      : renderCaptureFile(path, block, input, sampleRateHz, transient);
  };
  return { loadIr, renderCapture };
}

export async function writeShootoutAudio(options: {
  diTracks: readonly Pick<DiTrack, "assetId" | "channel" | "riffs">[];
  chains: readonly { blocks: readonly ChainBlock[] }[];
  arrangement: ResolvedArrangement;
  fileOf: AssetFile;
  renderCaptureFile?: RenderCaptureFile;
  /** The render's scope for a capture asset that must not outlive it (a TONE3000 model); undefined for the rest. */
  transientOf?: (assetId: string) => TransientScope | undefined;
  outDir: string;
  /** Chain outputs kept across renders (see segment-cache.ts). */
  chainAudio?: ChainAudioStore;
  onSegment?: (diIndex: number, chainIndex: number, cached: boolean) => void;
}): Promise<WrittenShootoutAudio> {
  const { outDir } = options;
  const dis = [];
  for (const track of options.diTracks) {
    const path = options.fileOf(track.assetId, "DI");
    const decoded = await decodeAudio(await readFile(path), basename(path));
    dis.push({ ...decoded, channel: track.channel, riffs: track.riffs });
  }
  const audio = await renderShootoutAudio({
    dis,
    chains: options.chains,
    arrangement: options.arrangement,
    ...fileAssetLoaders(options.fileOf, options.renderCaptureFile, options.transientOf),
    ...(options.chainAudio ? { chainAudio: options.chainAudio } : {}),
    ...(options.onSegment ? { onSegment: options.onSegment } : {}),
  });
  await mkdir(join(outDir, "stems"), { recursive: true });
  const files: ShootoutAudioFiles = {
    program: join(outDir, "program.wav"),
    stems: audio.stems.map((_, index) => join(outDir, "stems", `stem-${index}.wav`)),
    listenStems: audio.stems.map((_, index) => join(outDir, "stems", `stem-${index}.flac`)),
    cues: join(outDir, "cues.json"),
    loudness: join(outDir, "loudness.json"),
  };
  await writeFile(files.program, encodeWav(audio.program, PROGRAM_SAMPLE_RATE_HZ));
  for (const [index, stem] of audio.stems.entries()) {
    await writeFile(files.stems[index] as string, encodeWav(stem, PROGRAM_SAMPLE_RATE_HZ));
    await writeFile(files.listenStems[index] as string, await encodeFlac(stem, PROGRAM_SAMPLE_RATE_HZ));
  }
  await writeFile(files.cues, `${JSON.stringify(cueListSchema.parse(audio.cues), null, 2)}\n`);
  await writeFile(
    files.loudness,
    `${JSON.stringify({ ...audio.loudness, riffsUsed: audio.riffsUsed, durationSeconds: audio.durationSeconds }, null, 2)}\n`,
  );
  return { audio, files };
}
