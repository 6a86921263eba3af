/** @module `createOrtGraphSession`: onnxruntime-node behind a small interface, with GPU selection and CPU fallback. */
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import ort from "onnxruntime-node";
import type { AmpGpuMode } from "./amp-gpu-mode.ts";

export interface OrtGraphSessionOptions {
  /** intraOpNumThreads; default: every available core. */
  readonly threads?: number;
  readonly gpu?: AmpGpuMode;
  /** Where the one fallback line goes (default `console.warn`). */
  readonly log?: (line: string) => void;
}

/** A float32 tensor as data plus dims. */
export interface AmpTensor {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

/** The subset of an ORT session the amp engine uses. */
export interface OrtGraphSession {
  /** The execution provider actually in use (`cpu`, `cuda`, `webgpu`). */
  readonly provider: string;
  /**
   * Runs the graph. `outputs` may pre-allocate some or all outputs: ORT writes into them, so a chunk loop allocates
   * nothing per run (native output buffers are external memory that the GC frees late: 10-min renders grew by
   * hundreds of MB without this).
   */
  run(
    feeds: Readonly<Record<string, AmpTensor>>,
    outputs?: Readonly<Record<string, AmpTensor>>,
  ): Promise<Record<string, AmpTensor>>;
  release(): Promise<void>;
}

/** Whether `ONNXRUNTIME_NODE_INSTALL=cuda12` put the CUDA provider next to onnxruntime-node's binding. */
function cudaProviderInstalled(): boolean {
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve("onnxruntime-node/package.json"));
    const binDir = join(packageDir, "bin", "napi-v6", process.platform, process.arch);
    return existsSync(join(binDir, "libonnxruntime_providers_cuda.so"));
  } catch {
    return false;
  }
}

function hasNvidiaGpu(): boolean {
  return existsSync("/dev/nvidia0");
}

function hasRenderNode(): boolean {
  try {
    return readdirSync("/dev/dri").some((name) => name.startsWith("renderD"));
  } catch {
    return false;
  }
}

/** GPU providers to try, in order, for a mode (CPU is always the last resort). */
function gpuCandidates(mode: AmpGpuMode): string[] {
  switch (mode) {
    case "off":
      return [];
    case "cuda":
      return ["cuda"];
    case "webgpu":
      return ["webgpu"];
    case "auto": {
      const list: string[] = [];
      // CUDA fails fast when its provider libraries were not installed (ONNXRUNTIME_NODE_INSTALL=cuda12).
      if (hasNvidiaGpu()) list.push("cuda");
      if (hasNvidiaGpu() || hasRenderNode()) list.push("webgpu");
      return list;
    }
  }
}

function sessionOptions(threads: number, providers: string[]): ort.InferenceSession.SessionOptions {
  return {
    // A GPU provider that fails to load would also print ORT's own error line; ours (below) says it once.
    logSeverityLevel: providers[0] === "cpu" ? 2 : 4,
    executionProviders: providers,
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
    // The arena stays on: without it 1-thread throughput halved here (34× → 17× real time on jcm800).
    enableCpuMemArena: true,
  };
}

/** Creates a session for a serialized graph; a GPU provider that cannot be created falls back to CPU with one log line. */
export async function createOrtGraphSession(
  onnx: Uint8Array,
  options: OrtGraphSessionOptions = {},
): Promise<OrtGraphSession> {
  const threads = options.threads ?? availableParallelism();
  const log = options.log ?? ((line: string) => console.warn(line));
  const mode = options.gpu ?? "off";
  let session: ort.InferenceSession | null = null;
  let provider = "cpu";
  const failures: string[] = [];
  for (const candidate of gpuCandidates(mode)) {
    if (candidate === "cuda" && !cudaProviderInstalled()) {
      // Asking ORT anyway would only add its own stack of errors about the missing library.
      failures.push(
        "cuda: the CUDA provider libraries are not installed (install with ONNXRUNTIME_NODE_INSTALL=cuda12)",
      );
      continue;
    }
    try {
      session = await ort.InferenceSession.create(onnx, sessionOptions(threads, [candidate, "cpu"]));
      provider = candidate;
      break;
    } catch (error) {
      failures.push(`${candidate}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
  }
  if (session === null) {
    if (mode !== "off") {
      log(`amp: --gpu ${mode}: ${failures.length === 0 ? "no GPU found" : failures.join("; ")} — using the CPU`);
    }
    session = await ort.InferenceSession.create(onnx, sessionOptions(threads, ["cpu"]));
  }
  const ready = session;
  return {
    provider,
    async run(feeds, outputs) {
      const toOrt = (tensors: Readonly<Record<string, AmpTensor>>) => {
        const mapped: Record<string, ort.Tensor> = {};
        for (const [name, tensor] of Object.entries(tensors)) {
          mapped[name] = new ort.Tensor("float32", tensor.data, [...tensor.dims]);
        }
        return mapped;
      };
      const results =
        outputs === undefined ? await ready.run(toOrt(feeds)) : await ready.run(toOrt(feeds), toOrt(outputs));
      const out: Record<string, AmpTensor> = {};
      for (const [name, tensor] of Object.entries(results)) {
        out[name] = { data: tensor.data as Float32Array, dims: [...tensor.dims] };
      }
      return out;
    },
    release: () => ready.release(),
  };
}
