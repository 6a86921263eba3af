/** @module The DSP subcommands of `render-node` (`loudness`, `chain`, `render-audio`), registered by main.ts. */
import { readFile, writeFile } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import {
  type Chain,
  chainSchema,
  DI_CHANNELS,
  type DiChannel,
  type ShootoutSpec,
  shootoutSpecSchema,
} from "@gts/api/contract";
import { PROGRAM_SAMPLE_RATE_HZ } from "../arrange/arrange-program.ts";
import {
  type AssetFile,
  fileAssetLoaders,
  type RenderCaptureFile,
  writeShootoutAudio,
} from "../arrange/write-shootout-audio.ts";
import { type Command, UsageError } from "../cli/command.ts";
import { applyChain } from "./apply-chain.ts";
import { decodeAudio } from "./decode-audio.ts";
import { encodeWav } from "./encode-wav.ts";
import { measureLoudness } from "./measure-loudness.ts";
import { resample } from "./resample.ts";
import { resolveAssetPaths } from "./resolve-asset-paths.ts";
import { selectChannel } from "./select-channel.ts";

/** The JSON `loudness` prints; levels are null where nothing passed the gates (JSON has no −Infinity). */
export interface LoudnessReport {
  integratedLufs: number | null;
  shortTermMaxLufs: number | null;
  momentaryMaxLufs: number | null;
  lraLu: number;
  truePeakDbtp: number | null;
  samplePeakDbfs: number | null;
  sampleRateHz: number;
  channels: number;
  durationSeconds: number;
}

/** Three decimals: a thousandth of a dB is below anything audible or any tolerance we state, and keeps the JSON readable. */
function level(value: number): number | null {
  return Number.isFinite(value) ? Math.round(value * 1000) / 1000 : null;
}

/** Decodes and measures one file (exported for tests and the bench). */
export async function loudnessReport(path: string): Promise<LoudnessReport> {
  const decoded = await decodeAudio(await readFile(path), basename(path));
  const m = measureLoudness(decoded.channels, decoded.sampleRateHz);
  return {
    integratedLufs: level(m.integratedLufs),
    shortTermMaxLufs: level(m.shortTermMaxLufs),
    momentaryMaxLufs: level(m.momentaryMaxLufs),
    lraLu: level(m.lraLu) ?? 0,
    truePeakDbtp: level(m.truePeakDbtp),
    samplePeakDbfs: level(m.samplePeakDbfs),
    sampleRateHz: m.sampleRateHz,
    channels: m.channelCount,
    durationSeconds: m.durationSeconds,
  };
}

export type { RenderCaptureFile };

/** What the commands need from outside the DSP code. */
export interface DspCommandDependencies {
  /** Absent: chains with an enabled capture block fail with a message saying the amp engine is not wired. */
  renderCaptureFile?: RenderCaptureFile;
}

function parse(args: string[], options: ParseArgsOptionsConfig) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function readJson(path: string, what: string): Promise<unknown> {
  const text = await readFile(path, "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${basename(path)}: not valid JSON (${what}): ${(error as Error).message}`);
  }
}

function zodMessage(path: string, error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issues = error.issues.map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`);
  return `${basename(path)}: ${issues.join("; ")}`;
}

/** Offline commands name assets by file path; an asset id left in the JSON cannot be rendered. */
function fileOfPaths(paths: Map<string, string>): AssetFile {
  return (assetId, what) => {
    const path = paths.get(assetId);
    if (path === undefined) {
      throw new Error(`${what} "${assetId}" is an asset id; offline commands need a file path in its place`);
    }
    return path;
  };
}

/** The DSP commands with their dependencies; main.ts calls this with the amp engine. */
export function createDspCommands(dependencies: DspCommandDependencies = {}): Record<string, Command> {
  return {
    loudness: {
      summary: "measure a WAV/FLAC/AIFF/MP3 file per ITU-R BS.1770-4 / EBU R128 and print JSON",
      usage: "loudness FILE",
      async run(args) {
        const { positionals } = parse(args, {});
        const [path, ...extra] = positionals;
        if (path === undefined) throw new UsageError("loudness: missing FILE");
        if (extra.length > 0) throw new UsageError(`loudness: one FILE expected, got ${positionals.length}`);
        console.log(JSON.stringify(await loudnessReport(path), null, 2));
      },
    },
    chain: {
      summary: "render one DI through one chain (contract JSON; asset ids may be file paths) to a 48 kHz float WAV",
      usage: "chain --chain CHAIN.json --in DI.wav --out OUT.wav [--channel left|right|mono]",
      async run(args) {
        const { values, positionals } = parse(args, {
          chain: { type: "string" },
          in: { type: "string" },
          out: { type: "string" },
          channel: { type: "string", default: "left" },
        });
        if (positionals.length > 0) throw new UsageError(`chain: unexpected argument ${positionals[0]}`);
        const chainPath = values.chain as string | undefined;
        const inPath = values.in as string | undefined;
        const outPath = values.out as string | undefined;
        const channel = values.channel as string;
        if (!chainPath || !inPath || !outPath) throw new UsageError("chain: --chain, --in and --out are required");
        if (!(DI_CHANNELS as readonly string[]).includes(channel)) {
          throw new UsageError(`chain: --channel must be one of ${DI_CHANNELS.join(", ")}`);
        }
        const { json, paths } = resolveAssetPaths(await readJson(chainPath, "a chain"), dirname(chainPath));
        const parsed = chainSchema.safeParse(json);
        if (!parsed.success) throw new Error(zodMessage(chainPath, parsed.error));
        const chain: Chain = parsed.data;
        const decoded = await decodeAudio(await readFile(inPath), basename(inPath));
        const [mono] = await resample(
          [selectChannel(decoded.channels, channel as DiChannel)],
          decoded.sampleRateHz,
          PROGRAM_SAMPLE_RATE_HZ,
        );
        const output = await applyChain({
          blocks: chain.blocks,
          input: mono as Float32Array,
          sampleRateHz: PROGRAM_SAMPLE_RATE_HZ,
          ...fileAssetLoaders(fileOfPaths(paths), dependencies.renderCaptureFile),
        });
        await writeFile(outPath, encodeWav([output], PROGRAM_SAMPLE_RATE_HZ));
      },
    },
    "render-audio": {
      summary:
        "render a shootout's audio offline: DIR/program.wav, DIR/stems/stem-N.wav (and .flac, 24-bit), DIR/cues.json, " +
        "DIR/loudness.json",
      usage: "render-audio SHOOTOUT.json --out DIR",
      async run(args) {
        const { values, positionals } = parse(args, { out: { type: "string" } });
        const [specPath, ...extra] = positionals;
        const outDir = values.out as string | undefined;
        if (specPath === undefined || !outDir)
          throw new UsageError("render-audio: SHOOTOUT.json and --out DIR are required");
        if (extra.length > 0) throw new UsageError(`render-audio: unexpected argument ${extra[0]}`);
        const { json, paths } = resolveAssetPaths(await readJson(specPath, "a shootout"), dirname(specPath));
        const parsed = shootoutSpecSchema.safeParse(json);
        if (!parsed.success) throw new Error(zodMessage(specPath, parsed.error));
        const spec: ShootoutSpec = parsed.data;
        await writeShootoutAudio({
          ...spec,
          fileOf: fileOfPaths(paths),
          ...(dependencies.renderCaptureFile ? { renderCaptureFile: dependencies.renderCaptureFile } : {}),
          outDir,
        });
      },
    },
  };
}

/** The commands main.ts registers (without the amp engine: capture blocks fail with a clear message until wired). */
export const dspCommands: Record<string, Command> = createDspCommands();
