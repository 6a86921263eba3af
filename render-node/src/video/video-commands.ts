/**
 * @module The `render` subcommand: the complete offline job, audio (exactly as `render-audio`), then the 16:9 video,
 * the optional vertical short, the thumbnail, YouTube chapters and a manifest that is enough to reproduce it all.
 */
import { createHash } from "node:crypto";
import { readFile, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { cueListSchema, ENGINE_VERSION, type NamModelFacts, shootoutSpecSchema } from "@gts/api/contract";
import { chaptersFromCues, formatChapters } from "../../../remotion/src/helpers/chapters-from-cues.ts";
import { type Command, UsageError } from "../cli/command.ts";
import { decodeAudio } from "../dsp/decode-audio.ts";
import { createDspCommands, type DspCommandDependencies } from "../dsp/dsp-commands.ts";
import { resolveAssetPaths } from "../dsp/resolve-asset-paths.ts";
import { buildShootoutProps } from "./build-shootout-props.ts";
import { readCaptureFacts } from "./read-capture-facts.ts";
import {
  type RenderComparisonResult,
  renderComparison,
  renderThumbnail,
  type VideoComposition,
} from "./render-comparison.ts";
import { terminalProgress } from "./terminal-progress.ts";
import { YOUTUBE_ENCODING } from "./youtube-encoding.ts";

const sha256 = async (path: string) =>
  createHash("sha256")
    .update(await readFile(path))
    .digest("hex");

async function fileEntry(path: string) {
  return { path, bytes: (await stat(path)).size, sha256: await sha256(path) };
}

function versions() {
  const require = createRequire(import.meta.url);
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  return {
    engine: ENGINE_VERSION,
    node: process.versions.node,
    remotion: version("remotion"),
    remotionRenderer: version("@remotion/renderer"),
  };
}

/** The video commands; `dependencies` is the amp engine, passed through to the audio render like dsp-commands. */
export function createVideoCommands(dependencies: DspCommandDependencies = {}): Record<string, Command> {
  const renderAudio = createDspCommands(dependencies)["render-audio"];
  return {
    render: {
      summary:
        "render a shootout offline: audio (as render-audio), DIR/shootout.mp4, [DIR/short.mp4], DIR/thumbnail.png, " +
        "DIR/chapters.txt, DIR/manifest.json",
      usage: "render SHOOTOUT.json --out DIR [--short] [--no-video]",
      async run(args) {
        let parsed: ReturnType<typeof parseArgs>;
        try {
          parsed = parseArgs({
            args,
            allowPositionals: true,
            strict: true,
            options: { out: { type: "string" }, short: { type: "boolean" }, "no-video": { type: "boolean" } },
          });
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
        const { values, positionals } = parsed;
        const [specPath, ...extra] = positionals;
        const outDir = values.out as string | undefined;
        if (specPath === undefined || !outDir) throw new UsageError("render: SHOOTOUT.json and --out DIR are required");
        if (extra.length > 0) throw new UsageError(`render: unexpected argument ${extra[0]}`);
        if (values.short && values["no-video"])
          throw new UsageError("render: --short needs the video (drop --no-video)");
        if (renderAudio === undefined) throw new Error("render: the render-audio command is missing");
        const started = performance.now();
        const progress = terminalProgress();
        const timings: Record<string, number> = {};
        const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
          const t0 = performance.now();
          const result = await work();
          timings[`${name}Seconds`] = Math.round(performance.now() - t0) / 1000;
          return result;
        };

        progress.update("audio", 0);
        await timed("audio", () => renderAudio.run([specPath, "--out", outDir]));
        progress.update("audio", 1);

        const { json, paths } = resolveAssetPaths(JSON.parse(await readFile(specPath, "utf8")), dirname(specPath));
        const spec = shootoutSpecSchema.parse(json);
        const captureFacts = new Map<string, NamModelFacts | null>();
        for (const chain of spec.chains) {
          for (const block of chain.blocks) {
            const path = paths.get(block.type === "capture" ? block.assetId : "");
            if (path !== undefined && block.type === "capture")
              captureFacts.set(block.assetId, await readCaptureFacts(path));
          }
        }
        const cues = cueListSchema.parse(JSON.parse(await readFile(join(outDir, "cues.json"), "utf8")));
        const loudness = JSON.parse(await readFile(join(outDir, "loudness.json"), "utf8"));
        const programPath = join(outDir, "program.wav");
        const program = await decodeAudio(await readFile(programPath), "program.wav");
        const props = buildShootoutProps({
          spec,
          paths,
          captureFacts,
          program: program.channels,
          cues,
          loudness: loudness.segments,
          achievedLufs: loudness.achievedLufs,
          durationSeconds: loudness.durationSeconds,
        });
        const chapters = formatChapters(chaptersFromCues(cues, loudness.durationSeconds));
        await writeFile(join(outDir, "chapters.txt"), chapters);

        const videos: RenderComparisonResult[] = [];
        if (!values["no-video"]) {
          const jobs: { composition: VideoComposition; file: string }[] = [
            { composition: "Shootout", file: "shootout.mp4" },
          ];
          if (values.short) jobs.push({ composition: "ShootoutShort", file: "short.mp4" });
          for (const job of jobs) {
            const result = await timed(job.composition, () =>
              renderComparison({
                props,
                programWavPath: programPath,
                outPath: join(outDir, job.file),
                composition: job.composition,
                onProgress: (fraction) => progress.update(job.file, fraction),
              }),
            );
            videos.push(result);
          }
          progress.update("thumbnail.png", 0);
          await timed("thumbnail", () => renderThumbnail({ props, outPath: join(outDir, "thumbnail.png") }));
          progress.update("thumbnail.png", 1);
        }
        progress.done();

        const inputs = [await fileEntry(specPath), ...(await Promise.all([...paths.values()].map(fileEntry)))];
        const outputs = ["program.wav", "cues.json", "loudness.json", "chapters.txt"];
        if (!values["no-video"]) outputs.push(...videos.map((video) => basename(video.outPath)), "thumbnail.png");
        const manifest = {
          createdAt: new Date().toISOString(),
          command: ["render", ...args],
          versions: versions(),
          inputs,
          settings: {
            arrangement: spec.arrangement,
            video: { ...YOUTUBE_ENCODING, widthPx: 1920, heightPx: 1080 },
            renders: videos.map(({ outPath, wallSeconds: _, ...rest }) => ({ file: basename(outPath), ...rest })),
          },
          loudness,
          outputs: await Promise.all(outputs.map(async (name) => ({ name, ...(await fileEntry(join(outDir, name))) }))),
          timings: { ...timings, totalSeconds: Math.round(performance.now() - started) / 1000 },
        };
        await writeFile(join(outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
        console.log(`render: wrote ${outputs.join(", ")} and manifest.json to ${outDir}`);
      },
    },
  };
}

/** The commands main.ts registers (without the amp engine: capture blocks fail with a clear message until wired). */
export const videoCommands: Record<string, Command> = createVideoCommands();
