/** @module `loadAmp`: a `.nam` capture as a cached, chunked, core-exact renderer on onnxruntime-node (spec §8). */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { type NamModelFacts, parseNamFile } from "@gts/api/contract";
import { AmpConversionError } from "./amp-conversion-error.ts";
import type { AmpGpuMode } from "./amp-gpu-mode.ts";
import { AmpSampleRateError } from "./amp-sample-rate-error.ts";
import { lstmStateNames } from "./build-lstm-graph.ts";
import { cachedAmpGraph } from "./cached-amp-graph.ts";
import {
  AMP_CONVERTER_VERSION,
  AMP_INPUT_NAME,
  AMP_OUTPUT_NAME,
  type AmpGraph,
  convertNamToOnnx,
} from "./convert-nam-to-onnx.ts";
import { type AmpTensor, createOrtGraphSession, type OrtGraphSession } from "./create-ort-graph-session.ts";

/**
 * Output samples per run. 2^15 keeps a standard WaveNet's working set in L2 (measured on this 2-core VM, 1 thread:
 * 2^13 → 28×, 2^15 → 34×, 2^17 → 29×, 2^19 → 22× real time); chunks are at least 4·P so the P − 1 overlap costs
 * ≤ 25 % (spec §10).
 */
export const AMP_DEFAULT_CHUNK_SAMPLES = 2 ** 15;

/** Bytes ORT's Conv may spend unrolling one chunk (im2col); bounds the chunk length of wide-kernel models. */
const IM2COL_BUDGET_BYTES = 512 * 2 ** 20;

/** The plugin's assumption when a capture does not state its rate (spec §8.3). */
const DEFAULT_SAMPLE_RATE_HZ = 48_000;

/** Converts audio from `fromHz` to `toHz` (e.g. the DSP module's resampler). */
export type AmpResampler = (input: Float32Array, fromHz: number, toHz: number) => Float32Array | Promise<Float32Array>;

export interface AmpOptions {
  /** Slimmable size 0..1 (spec §3.10, §7); absent = the capture's default (full) size. */
  readonly size?: number;
  /** ORT intraOpNumThreads; default every core. */
  readonly threads?: number;
  readonly gpu?: AmpGpuMode;
  /** Directory for converted graphs, keyed by the capture's sha256 + converter version + size. */
  readonly cacheDir?: string;
  /** Output samples per ORT run (default `AMP_DEFAULT_CHUNK_SAMPLES`). */
  readonly chunkSamples?: number;
  /** Used when `run` gets audio at another rate; without it that is an `AmpSampleRateError`. */
  readonly resample?: AmpResampler;
  readonly log?: (line: string) => void;
  /**
   * A capture that must not be kept (a TONE3000 model: TONE3000's terms forbid caching it): its graph is neither read
   * from nor written to `cacheDir`, and the session is not shared through the in-process cache, so nothing of it is
   * found by a later load. The caller owns the session and releases it.
   */
  readonly transient?: boolean;
}

export interface AmpRunOptions {
  /** Write the output over the input array (halves the memory of long renders; the input is lost). */
  readonly inPlace?: boolean;
}

/** A loaded capture, ready to render mono audio. */
export interface AmpSession {
  readonly fileName: string;
  readonly sha256: string;
  readonly facts: NamModelFacts;
  /** The rate the capture runs at (48 kHz when the file does not say, as the plugin assumes). */
  readonly sampleRateHz: number;
  /** Execution provider in use. */
  readonly provider: string;
  readonly graph: AmpGraph;
  /**
   * Renders mono audio exactly as the prewarmed core does (raw output channel 0, same length, zero latency).
   * `inputSampleRateHz` defaults to the capture's rate.
   */
  run(input: Float32Array, inputSampleRateHz?: number, options?: AmpRunOptions): Promise<Float32Array>;
  release(): Promise<void>;
}

const sessionCache = new Map<string, Promise<AmpSession>>();

// Injected functions are part of a session, so they are part of its cache key by identity.
const functionIds = new WeakMap<object, number>();
let nextFunctionId = 1;
function functionId(fn: object | undefined): number | null {
  if (fn === undefined) return null;
  let id = functionIds.get(fn);
  if (id === undefined) {
    id = nextFunctionId++;
    functionIds.set(fn, id);
  }
  return id;
}

/** Drops (and releases) every cached session. */
export async function clearAmpSessionCache(): Promise<void> {
  const sessions = [...sessionCache.values()];
  sessionCache.clear();
  for (const pending of sessions) await (await pending.catch(() => null))?.release();
}

/**
 * Loads a capture from a path (or its bytes): validated, converted (or read from the disk cache), session cached;
 * a `transient` capture is converted afresh and its session is the caller's alone.
 */
export function loadAmp(
  source: string | { readonly bytes: Uint8Array; readonly fileName: string },
  options: AmpOptions = {},
): Promise<AmpSession> {
  return (async () => {
    const bytes = typeof source === "string" ? new Uint8Array(await readFile(source)) : source.bytes;
    const fileName = typeof source === "string" ? basename(source) : source.fileName;
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    if (options.transient === true) {
      const { cacheDir: _kept, ...uncached } = options;
      return createAmpSession(bytes, fileName, sha256, uncached);
    }
    const key = JSON.stringify([
      sha256,
      AMP_CONVERTER_VERSION,
      options.size ?? null,
      options.threads ?? null,
      options.gpu ?? "off",
      options.chunkSamples ?? null,
      options.cacheDir ?? null,
      functionId(options.resample),
      functionId(options.log),
    ]);
    let pending = sessionCache.get(key);
    if (pending === undefined) {
      pending = createAmpSession(bytes, fileName, sha256, options);
      sessionCache.set(key, pending);
      // A failed load must not poison the cache.
      pending.catch(() => sessionCache.delete(key));
    }
    return pending;
  })();
}

async function createAmpSession(
  bytes: Uint8Array,
  fileName: string,
  sha256: string,
  options: AmpOptions,
): Promise<AmpSession> {
  const parsed = parseNamFile(bytes, { fileName });
  const cacheKey = `${sha256}-v${AMP_CONVERTER_VERSION}-size${options.size ?? "default"}`;
  const graph = await cachedAmpGraph(options.cacheDir, cacheKey, () =>
    convertNamToOnnx(parsed.file, { fileName, ...(options.size === undefined ? {} : { size: options.size }) }),
  );
  if (graph.inChannels !== 1) {
    throw new AmpConversionError(
      fileName,
      "config.in_channels",
      `${graph.inChannels} input channels; only mono captures can render mono audio`,
    );
  }
  const session = await createOrtGraphSession(graph.onnx, {
    // An LSTM is one sequential recurrence: extra intra-op threads only spin (1 thread: 108×, 2 threads: 46× real time
    // for core__lstm.nam on this 2-core VM), so it always gets one.
    ...(graph.kind === "recurrent"
      ? { threads: 1 }
      : options.threads === undefined
        ? {}
        : { threads: options.threads }),
    ...(options.gpu === undefined ? {} : { gpu: options.gpu }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  const sampleRateHz = graph.sampleRateHz ?? DEFAULT_SAMPLE_RATE_HZ;
  const render =
    graph.kind === "convolutional"
      ? convolutionalRenderer(
          session,
          graph.receptiveFieldSamples,
          chunkLength(options.chunkSamples, graph.receptiveFieldSamples, graph.im2colRowsPerSample, fileName),
          graph.outChannels,
        )
      : await recurrentRenderer(session, graph, options.chunkSamples ?? AMP_DEFAULT_CHUNK_SAMPLES);
  return {
    fileName,
    sha256,
    facts: parsed.facts,
    sampleRateHz,
    provider: session.provider,
    graph,
    async run(input, inputSampleRateHz = sampleRateHz, runOptions = {}) {
      let audio = input;
      if (inputSampleRateHz !== sampleRateHz) {
        if (options.resample === undefined) throw new AmpSampleRateError(fileName, inputSampleRateHz, sampleRateHz);
        audio = await options.resample(input, inputSampleRateHz, sampleRateHz);
      }
      return render(audio, runOptions.inPlace === true ? audio : new Float32Array(audio.length));
    },
    release: () => session.release(),
  };
}

/** Chunk output length: the requested one, shrunk so one chunk's im2col stays within `IM2COL_BUDGET_BYTES`. */
function chunkLength(
  requested: number | undefined,
  receptiveFieldSamples: number,
  im2colRows: number,
  fileName: string,
): number {
  const wanted = Math.max(1, Math.floor(requested ?? Math.max(AMP_DEFAULT_CHUNK_SAMPLES, 4 * receptiveFieldSamples)));
  const maxInputSamples = Math.floor(IM2COL_BUDGET_BYTES / (4 * im2colRows));
  const maxOutput = maxInputSamples - (receptiveFieldSamples - 1);
  if (maxOutput < 1024) {
    throw new AmpConversionError(
      fileName,
      "receptive_field",
      `${im2colRows} taps·channels per conv with a receptive field of ${receptiveFieldSamples} samples would need more than ${IM2COL_BUDGET_BYTES / 2 ** 20} MiB per chunk in this engine (direct convolution via im2col)`,
    );
  }
  return Math.min(wanted, maxOutput);
}

/** Renders `input` into `output` (same length; may be the same array) and returns `output`. */
type Renderer = (input: Float32Array, output: Float32Array) => Promise<Float32Array>;

function outputChannel0(tensor: AmpTensor | undefined, samples: number): Float32Array {
  if (tensor === undefined) throw new Error("the amp graph returned no output");
  // (1, out, T): channel 0 is the first T values.
  return tensor.data.subarray(0, samples);
}

/**
 * Prewarm = the input left-padded with P − 1 zeros (spec §8.2); each chunk carries the previous P − 1 input samples,
 * so the concatenated outputs equal one run over the whole file (spec §10).
 */
function convolutionalRenderer(
  session: OrtGraphSession,
  receptiveFieldSamples: number,
  chunkSamples: number,
  outChannels: number,
): Renderer {
  const overlap = receptiveFieldSamples - 1;
  // Buffers for full-size chunks, reused across runs.
  const fullInput = new Float32Array(chunkSamples + overlap);
  const fullOutput = new Float32Array(chunkSamples * outChannels);
  return async (input, output) => {
    // A long input runs in chunks of one shape only: the last is zero-padded at its end (causal, so the padding
    // changes no kept output), so ORT plans and caches memory for one input shape rather than two.
    const runSamples = Math.min(chunkSamples, input.length);
    const padded = runSamples === chunkSamples ? fullInput : new Float32Array(runSamples + overlap);
    const y = runSamples === chunkSamples ? fullOutput : new Float32Array(runSamples * outChannels);
    // The last P − 1 input samples seen (zeros before the first): kept apart so `output` may be `input` itself.
    let history = new Float32Array(overlap);
    for (let start = 0; start < input.length; start += runSamples) {
      const samples = Math.min(runSamples, input.length - start);
      padded.set(history, 0);
      padded.set(input.subarray(start, start + samples), overlap);
      padded.fill(0, overlap + samples);
      history = padded.slice(samples, samples + overlap);
      await session.run(
        { [AMP_INPUT_NAME]: { data: padded, dims: [1, 1, padded.length] } },
        { [AMP_OUTPUT_NAME]: { data: y, dims: [1, outChannels, runSamples] } },
      );
      // (1, out, T): channel 0 is the first T values.
      output.set(y.subarray(0, samples), start);
    }
    return output;
  };
}

/** LSTM: state after the core's prewarm (zeros from the stored state, spec §4, §8.2), carried from chunk to chunk. */
async function recurrentRenderer(
  session: OrtGraphSession,
  graph: Extract<AmpGraph, { kind: "recurrent" }>,
  chunkSamples: number,
): Promise<Renderer> {
  const stateDims = [1, 1, graph.hiddenSize];
  const runChunk = async (input: Float32Array, state: readonly { h: Float32Array; c: Float32Array }[]) => {
    const feeds: Record<string, AmpTensor> = { [AMP_INPUT_NAME]: { data: input, dims: [1, 1, input.length] } };
    state.forEach((s, l) => {
      const names = lstmStateNames(l);
      feeds[names.h0] = { data: s.h, dims: stateDims };
      feeds[names.c0] = { data: s.c, dims: stateDims };
    });
    const result = await session.run(feeds);
    const next = state.map((_, l) => {
      const names = lstmStateNames(l);
      const h = result[names.h]?.data;
      const c = result[names.c]?.data;
      if (h === undefined || c === undefined) throw new Error("the LSTM graph returned no state");
      return { h: h.slice(), c: c.slice() };
    });
    return { output: outputChannel0(result[AMP_OUTPUT_NAME], input.length), state: next };
  };
  let prewarmed = graph.initialState.map((s) => ({ h: s.h, c: s.c }));
  for (let done = 0; done < graph.prewarmSamples; done += chunkSamples) {
    const samples = Math.min(chunkSamples, graph.prewarmSamples - done);
    prewarmed = (await runChunk(new Float32Array(samples), prewarmed)).state;
  }
  return async (input, output) => {
    let state = prewarmed;
    for (let start = 0; start < input.length; start += chunkSamples) {
      const samples = Math.min(chunkSamples, input.length - start);
      const result = await runChunk(input.slice(start, start + samples), state);
      output.set(result.output, start);
      state = result.state;
    }
    return output;
  };
}
