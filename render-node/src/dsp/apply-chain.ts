/** @module Runs a chain's blocks in order on one mono DI at the chain rate, then the 5 Hz DC blocker. */
import type { CaptureBlock, ChainBlock, IrBlock } from "@gts/api/contract";
import { applyDcBlocker } from "./apply-dc-blocker.ts";
import { applyDelay } from "./apply-delay.ts";
import { applyEq } from "./apply-eq.ts";
import { applyGain } from "./apply-gain.ts";
import { applyGate } from "./apply-gate.ts";
import { applyIr } from "./apply-ir.ts";
import { applyReverb } from "./apply-reverb.ts";
import { checkSampleRate, DspInputError } from "./dsp-error.ts";
import { resample } from "./resample.ts";

/** The amp engine: renders `input` (mono, `sampleRateHz`) through a capture and returns as many samples at the same rate. */
export type RenderCapture = (block: CaptureBlock, input: Float32Array, sampleRateHz: number) => Promise<Float32Array>;

/** A decoded impulse response at its file's rate (planar; the first channel is used). */
export interface LoadedIr {
  sampleRateHz: number;
  channels: Float32Array[];
  /** For messages, e.g. the file name. */
  name?: string;
}

/** Fetches and decodes the IR an `ir` block names. */
export type LoadIr = (block: IrBlock) => Promise<LoadedIr>;

/** Inputs of {@link applyChain}. */
export interface ApplyChainOptions {
  /** Blocks in chain order, defaults filled (contract `ChainBlock`); disabled blocks are skipped. */
  blocks: readonly ChainBlock[];
  /** The mono DI at `sampleRateHz`; not modified. */
  input: Float32Array;
  sampleRateHz: number;
  renderCapture: RenderCapture;
  loadIr: LoadIr;
}

/**
 * Returns a new mono buffer of the input's length: every enabled block in order, then the 5 Hz DC blocker. IRs are
 * resampled to the chain rate (libsamplerate best sinc) and use their first channel: a multi-mic IR's channels are
 * separate mics, and summing them would comb-filter. The capture block is delegated to `renderCapture`, which must
 * return exactly as many samples as it was given (resampling to the model's rate is the amp engine's business).
 */
export async function applyChain(options: ApplyChainOptions): Promise<Float32Array> {
  const { blocks, input, sampleRateHz, renderCapture, loadIr } = options;
  checkSampleRate(sampleRateHz);
  let signal = input;
  for (const [index, block] of blocks.entries()) {
    if (!block.enabled) continue;
    switch (block.type) {
      case "gain":
        signal = applyGain(signal, block.gainDb);
        break;
      case "gate":
        signal = applyGate(signal, block, sampleRateHz);
        break;
      case "eq":
        signal = applyEq(signal, block, sampleRateHz);
        break;
      case "capture": {
        const rendered = await renderCapture(block, signal, sampleRateHz);
        if (rendered.length !== signal.length) {
          throw new DspInputError(
            `blocks[${index}] (capture ${block.assetId}): the amp engine returned ${rendered.length} samples for ${signal.length}`,
          );
        }
        signal = rendered;
        break;
      }
      case "ir": {
        const loaded = await loadIr(block);
        const name = loaded.name ?? block.assetId;
        const first = loaded.channels[0];
        if (first === undefined) throw new DspInputError(`blocks[${index}] (ir ${name}): the IR has no channels`);
        const [ir] = await resample([first], loaded.sampleRateHz, sampleRateHz);
        signal = applyIr(signal, ir as Float32Array, block, name);
        break;
      }
      case "delay":
        signal = applyDelay(signal, block, sampleRateHz);
        break;
      case "reverb":
        signal = applyReverb(signal, block, sampleRateHz);
        break;
    }
  }
  return applyDcBlocker(signal, sampleRateHz);
}
