/** @module `AmpGpuMode`: the `--gpu` choices (kept apart from onnxruntime so the CLI can validate without loading it). */

/** `auto`: CUDA when its libraries are installed and a GPU is present, else WebGPU when a GPU is present, else CPU. */
export const AMP_GPU_MODES = ["auto", "cuda", "webgpu", "off"] as const;
export type AmpGpuMode = (typeof AMP_GPU_MODES)[number];
