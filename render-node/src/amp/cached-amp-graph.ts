/** @module `cachedAmpGraph`: converted graphs on disk, keyed by the capture's sha256 + converter version + size. */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AmpGraph, ConvolutionalAmpGraph, RecurrentAmpGraph } from "./convert-nam-to-onnx.ts";

/** Everything of an `AmpGraph` but the serialized model, as JSON (typed arrays as number lists). */
type StoredGraphFacts =
  | Omit<ConvolutionalAmpGraph, "onnx">
  | (Omit<RecurrentAmpGraph, "onnx" | "initialState"> & { initialState: { h: number[]; c: number[] }[] });

function toStored(graph: AmpGraph): StoredGraphFacts {
  const { onnx: _onnx, ...facts } = graph;
  if (facts.kind === "convolutional") return facts;
  return { ...facts, initialState: facts.initialState.map((s) => ({ h: [...s.h], c: [...s.c] })) };
}

function fromStored(facts: StoredGraphFacts, onnx: Uint8Array): AmpGraph {
  if (facts.kind === "convolutional") return { ...facts, onnx };
  const initialState = facts.initialState.map((s) => ({ h: Float32Array.from(s.h), c: Float32Array.from(s.c) }));
  return { ...facts, initialState, onnx };
}

/** Write then rename, so a concurrent reader never sees half a file. */
async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

/**
 * Reads `<key>.onnx` + `<key>.json` from `cacheDir`, or converts and stores them. A missing or unreadable entry is
 * simply rebuilt; without `cacheDir` this just converts.
 */
export async function cachedAmpGraph(
  cacheDir: string | undefined,
  key: string,
  convert: () => AmpGraph,
): Promise<AmpGraph> {
  if (cacheDir === undefined) return convert();
  const onnxPath = join(cacheDir, `${key}.onnx`);
  const factsPath = join(cacheDir, `${key}.json`);
  try {
    const facts = JSON.parse(await readFile(factsPath, "utf8")) as StoredGraphFacts;
    if (facts.kind !== "convolutional" && facts.kind !== "recurrent") throw new Error("unknown graph kind");
    return fromStored(facts, new Uint8Array(await readFile(onnxPath)));
  } catch {
    const graph = convert();
    await mkdir(cacheDir, { recursive: true });
    await writeAtomically(onnxPath, graph.onnx);
    await writeAtomically(factsPath, JSON.stringify(toStored(graph)));
    return graph;
  }
}
