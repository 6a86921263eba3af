/**
 * @module The amp engine as a chain block: renders a capture file on audio at the chain's rate and gives back as
 * many samples at that rate. A capture trained at another rate runs on resampled audio (never on the wrong rate,
 * spec §8.3), and its output is resampled back.
 */
import type { RenderCaptureFile } from "../arrange/write-shootout-audio.ts";
import { resample } from "../dsp/resample.ts";
import type { AmpGpuMode } from "./amp-gpu-mode.ts";
import { loadAmp } from "./amp-runner.ts";

/** One function for every call: the amp session cache keys on the resampler's identity. */
async function resampleMono(input: Float32Array, fromHz: number, toHz: number): Promise<Float32Array> {
  const [output] = await resample([input], fromHz, toHz);
  if (!output) throw new Error("resampling returned no channel");
  return output;
}

export function createRenderCaptureFile(
  options: { gpu?: AmpGpuMode; threads?: number; cacheDir?: string } = {},
): RenderCaptureFile {
  return async (modelPath, block, input, sampleRateHz) => {
    const amp = await loadAmp(modelPath, {
      ...options,
      resample: resampleMono,
      ...(block.slimmableSize === undefined ? {} : { size: block.slimmableSize }),
    });
    const output = await amp.run(input, sampleRateHz);
    if (amp.sampleRateHz === sampleRateHz) return output;
    const back = await resampleMono(output, amp.sampleRateHz, sampleRateHz);
    // Two rate conversions can land a sample off; the chain needs exactly the input's length.
    if (back.length === input.length) return back;
    const fitted = new Float32Array(input.length);
    fitted.set(back.subarray(0, input.length));
    return fitted;
  };
}
