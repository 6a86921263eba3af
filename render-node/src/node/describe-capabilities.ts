/**
 * @module What a render node can do, as it reports it when it registers (stored in `render_nodes.capabilities`):
 * cores, memory, and which onnxruntime execution providers are installed here.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { ENGINE_VERSION } from "@gts/api/contract";
import { listSupportedBackends, env as ortEnv } from "onnxruntime-node";

export interface RenderNodeCapabilities {
  engineVersion: string;
  onnxruntimeVersion: string;
  cpuCores: number;
  memoryBytes: number;
  /** Installed providers, best first: `cpu` always; `cuda` only with its libraries; a GPU is probed per session. */
  executionProviders: string[];
  platform: string;
}

export function describeCapabilities(): RenderNodeCapabilities {
  const usable = listSupportedBackends()
    .filter((backend) => backend.bundled || hasProviderLibrary(backend.name))
    .map((backend) => backend.name);
  const preference = ["cuda", "webgpu", "cpu"];
  return {
    engineVersion: ENGINE_VERSION,
    onnxruntimeVersion: ortEnv.versions.node ?? "unknown",
    cpuCores: availableParallelism(),
    memoryBytes: totalmem(),
    executionProviders: preference.filter((name) => usable.includes(name)),
    platform: `${process.platform}-${process.arch}`,
  };
}

/**
 * onnxruntime-node lists CUDA/TensorRT even when their shared libraries are absent (they come from NuGet at install
 * time, which `ONNXRUNTIME_NODE_INSTALL=skip` turns off), so look for the library beside the bundled runtime.
 */
function hasProviderLibrary(name: string): boolean {
  const packageJson = createRequire(import.meta.url).resolve("onnxruntime-node/package.json");
  const binDir = join(dirname(packageJson), "bin/napi-v6", process.platform, process.arch);
  return existsSync(join(binDir, `libonnxruntime_providers_${name}.so`));
}
