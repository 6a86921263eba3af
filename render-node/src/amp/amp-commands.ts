/** @module The amp subcommands: render a DI through a `.nam` capture (`amp`) and describe a capture (`amp-info`). */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { parseNamFile } from "@gts/api/contract";
import { type Command, UsageError } from "../cli/command.ts";
import { AMP_GPU_MODES, type AmpGpuMode } from "./amp-gpu-mode.ts";
import { readMonoWav, writeMonoFloatWav } from "./amp-wav.ts";
import { estimateNamMacsPerSample } from "./estimate-nam-macs-per-sample.ts";

function parse(args: string[], options: NonNullable<ParseArgsConfig["options"]>) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function requiredString(values: Record<string, unknown>, key: string): string {
  const value = values[key];
  if (typeof value !== "string" || value === "") throw new UsageError(`--${key} is required`);
  return value;
}

function optionalNumber(
  values: Record<string, unknown>,
  key: string,
  check: (n: number) => boolean,
  what: string,
): number | undefined {
  const value = values[key];
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== "string" || value.trim() === "" || !check(n))
    throw new UsageError(`--${key} must be ${what}, got ${JSON.stringify(value)}`);
  return n;
}

export const ampCommands: Record<string, Command> = {
  amp: {
    summary: "render a mono WAV through a .nam capture (raw model output: no gain, no DC blocker, exact tanh)",
    usage: "amp --model M.nam --in IN.wav --out OUT.wav [--size 0..1] [--threads N] [--gpu auto|cuda|webgpu|off]",
    async run(args) {
      const values = parse(args, {
        model: { type: "string" },
        in: { type: "string" },
        out: { type: "string" },
        size: { type: "string" },
        threads: { type: "string" },
        gpu: { type: "string" },
      });
      const model = requiredString(values, "model");
      const inPath = requiredString(values, "in");
      const outPath = requiredString(values, "out");
      const size = optionalNumber(values, "size", (n) => n >= 0 && n <= 1, "a number from 0 to 1");
      const threads = optionalNumber(
        values,
        "threads",
        (n) => Number.isInteger(n) && n >= 1 && n <= 1024,
        "a whole number ≥ 1",
      );
      const gpu = values.gpu ?? "off";
      if (typeof gpu !== "string" || !(AMP_GPU_MODES as readonly string[]).includes(gpu)) {
        throw new UsageError(`--gpu must be one of ${AMP_GPU_MODES.join(", ")}, got ${JSON.stringify(gpu)}`);
      }
      // Imported here so that other subcommands (and --help) do not load onnxruntime.
      const { loadAmp } = await import("./amp-runner.ts");
      const amp = await loadAmp(model, {
        gpu: gpu as AmpGpuMode,
        ...(size === undefined ? {} : { size }),
        ...(threads === undefined ? {} : { threads }),
      });
      const input = await readMonoWav(inPath);
      // In place: a long file then needs one buffer, not two.
      const output = await amp.run(input.samples, input.sampleRateHz, { inPlace: true });
      await writeMonoFloatWav(outPath, output, amp.sampleRateHz);
    },
  },
  "amp-info": {
    summary: "describe a .nam capture as JSON (architecture, size, receptive field, rate, levels, parameters, MACs)",
    usage: "amp-info --model M.nam",
    async run(args) {
      const values = parse(args, { model: { type: "string" } });
      const model = requiredString(values, "model");
      const { file, facts, warnings } = parseNamFile(new Uint8Array(await readFile(model)), {
        fileName: basename(model),
      });
      const info = {
        file: basename(model),
        architecture: facts.architecture,
        variant: facts.variant,
        sizePreset: facts.sizePreset,
        slimmableSizes: facts.slimmableSizes,
        receptiveFieldSamples: facts.receptiveFieldSamples,
        sampleRateHz: facts.sampleRateHz,
        loudnessDb: facts.loudnessDb,
        inputLevelDbu: facts.inputLevelDbu,
        outputLevelDbu: facts.outputLevelDbu,
        parameterCount: facts.weightCount,
        macsPerSample: estimateNamMacsPerSample(file),
        fileVersion: facts.fileVersion,
        warnings,
      };
      console.log(JSON.stringify(info, null, 2));
    },
  },
};
