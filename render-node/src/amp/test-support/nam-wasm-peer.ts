/**
 * @module `createNamWasmPeer`: the NAM core compiled to WebAssembly (`@opendaw/nam-wasm`, core 0.5.3, fast tanh as in
 * the plugin), used as the benchmark peer and as an extra oracle. Not used by the engine itself.
 */
import { readFile } from "node:fs/promises";
import { createNamModule, type EmscriptenModule, NamWasmModule } from "@opendaw/nam-wasm";

export interface NamWasmPeer {
  /** Loads a `.nam` (JSON text) into a fresh instance; false when the core rejects it. */
  load(modelJson: string): boolean;
  /** Renders mono audio in blocks of `blockSamples` through the last loaded model. */
  render(input: Float32Array): Float32Array;
  dispose(): void;
}

/** One WASM module, one instance at a time; `blockSamples` is the host block (the plugin's typical 128). */
export async function createNamWasmPeer(sampleRateHz = 48_000, blockSamples = 128): Promise<NamWasmPeer> {
  const bytes = await readFile(new URL(import.meta.resolve("@opendaw/nam-wasm/nam.wasm")));
  // The Emscripten loader would fetch() the .wasm, which Node cannot do for file URLs: hand it the bytes.
  const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const module: EmscriptenModule = await createNamModule({ wasmBinary });
  const nam = NamWasmModule.fromModule(module, blockSamples);
  nam.setSampleRate(sampleRateHz);
  nam.setMaxBufferSize(blockSamples);
  let instance = -1;
  return {
    load(modelJson) {
      if (instance >= 0) nam.destroyInstance(instance);
      instance = nam.createInstance();
      // The binding returns 1/0 despite its boolean type.
      return Boolean(nam.loadModel(instance, modelJson));
    },
    render(input) {
      const output = new Float32Array(input.length);
      const block = new Float32Array(blockSamples);
      const out = new Float32Array(blockSamples);
      for (let start = 0; start < input.length; start += blockSamples) {
        const n = Math.min(blockSamples, input.length - start);
        if (n === blockSamples) {
          nam.process(instance, input.subarray(start, start + n), out);
        } else {
          block.fill(0);
          block.set(input.subarray(start, start + n));
          nam.process(instance, block, out);
        }
        output.set(out.subarray(0, n), start);
      }
      return output;
    },
    dispose() {
      if (instance >= 0) nam.destroyInstance(instance);
      nam.dispose();
    },
  };
}
