/**
 * @module The node's own subcommands: `capabilities`, and `start`, the render daemon.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { AMP_GPU_MODES, type AmpGpuMode } from "../amp/amp-gpu-mode.ts";
import { createRenderCaptureFile } from "../amp/render-capture-file.ts";
import { type Command, UsageError } from "../cli/command.ts";
import { describeCapabilities } from "./describe-capabilities.ts";
import { createNodeApi } from "./node-api.ts";
import { startRenderDaemon } from "./render-daemon.ts";

/** The node commands; `start` renders capture blocks with the amp engine (`--gpu`, `--threads`). */
export function createNodeCommands(): Record<string, Command> {
  return {
    capabilities: {
      summary: "print what this node would report to the api (cores, memory, execution providers) as JSON",
      usage: "capabilities",
      async run() {
        console.log(JSON.stringify(describeCapabilities(), null, 2));
      },
    },
    start: {
      summary: "run the render daemon: claim renders from the api, render them, upload the results",
      usage:
        "start --api URL [--token TOKEN | env GTS_NODE_TOKEN] [--concurrency N] [--work-dir DIR] [--cache-gb N] " +
        "[--segment-cache-gb N]\n" +
        "  --cache-gb N          size cap of the downloaded-input cache (default 2)\n" +
        "  --segment-cache-gb N  size cap of the rendered-chain-audio cache, its own budget beside --cache-gb: a\n" +
        "                        re-render skips the amp engine for every DI × chain rendered before (default 2; 0 = off)",
      async run(args) {
        let values: Record<string, string | boolean | undefined>;
        try {
          values = parseArgs({
            args,
            options: {
              api: { type: "string" },
              token: { type: "string" },
              concurrency: { type: "string", default: "1" },
              "work-dir": { type: "string", default: join(homedir(), ".cache", "gts-render-node") },
              "cache-gb": { type: "string", default: "2" },
              "segment-cache-gb": { type: "string", default: "2" },
              "no-video": { type: "boolean", default: false },
              gpu: { type: "string", default: "auto" },
              threads: { type: "string" },
            },
            strict: true,
          }).values;
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
        const token = (values.token as string | undefined) ?? process.env.GTS_NODE_TOKEN;
        const apiUrl = values.api as string | undefined;
        if (!apiUrl) throw new UsageError("--api URL is required (the app's origin, e.g. http://127.0.0.1:5173)");
        if (!token) throw new UsageError("a node token is required: --token or GTS_NODE_TOKEN (create one in the app)");
        const concurrency = Number(values.concurrency);
        if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
          throw new UsageError("--concurrency must be a whole number from 1 to 16");
        }
        const gpu = values.gpu as string;
        if (!(AMP_GPU_MODES as readonly string[]).includes(gpu)) {
          throw new UsageError(`--gpu must be one of ${AMP_GPU_MODES.join(", ")}`);
        }
        const threads = values.threads === undefined ? undefined : Number(values.threads);
        if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 256)) {
          throw new UsageError("--threads must be a whole number from 1 to 256");
        }
        const cacheGb = Number(values["cache-gb"]);
        if (!(cacheGb > 0)) throw new UsageError("--cache-gb must be a positive number");
        const segmentCacheGb = Number(values["segment-cache-gb"]);
        if (!(segmentCacheGb >= 0)) throw new UsageError("--segment-cache-gb must be a number, 0 or more (0 = off)");
        const daemon = startRenderDaemon({
          api: createNodeApi({ apiUrl, token }),
          workDir: values["work-dir"] as string,
          cacheBytes: cacheGb * 1024 ** 3,
          segmentCacheBytes: segmentCacheGb * 1024 ** 3,
          // The execution provider and thread count can change the engine's last bits: cached audio is per setting.
          engineSettings: `gpu=${gpu}${threads === undefined ? "" : ` threads=${threads}`}`,
          concurrency,
          video: !values["no-video"],
          capabilities: { ...describeCapabilities(), video: !values["no-video"] },
          renderCaptureFile: createRenderCaptureFile({
            gpu: gpu as AmpGpuMode,
            cacheDir: join(values["work-dir"] as string, "graphs"),
            ...(threads === undefined ? {} : { threads }),
          }),
        });
        for (const signal of ["SIGINT", "SIGTERM"] as const) {
          process.once(signal, () => void daemon.stop());
        }
        await daemon.done;
      },
    },
  };
}
