/**
 * @module The amp engine as a chain block: renders a capture file on audio at the chain's rate and gives back as
 * many samples at that rate. A capture trained at another rate runs on resampled audio (never on the wrong rate,
 * spec §8.3), and its output is resampled back.
 */
import type { RenderCaptureFile, TransientScope } from "../arrange/write-shootout-audio.ts";
import { resample } from "../dsp/resample.ts";
import type { AmpGpuMode } from "./amp-gpu-mode.ts";
import { type AmpOptions, type AmpSession, loadAmp } from "./amp-runner.ts";

/** One function for every call: the amp session cache keys on the resampler's identity. */
async function resampleMono(input: Float32Array, fromHz: number, toHz: number): Promise<Float32Array> {
  const [output] = await resample([input], fromHz, toHz);
  if (!output) throw new Error("resampling returned no channel");
  return output;
}

/** Sessions of transient captures, per render scope: loaded once per render, released when it ends, never shared. */
const transientSessions = new WeakMap<TransientScope, Map<string, Promise<AmpSession>>>();

function loadTransientAmp(modelPath: string, options: AmpOptions, scope: TransientScope): Promise<AmpSession> {
  let held = transientSessions.get(scope);
  if (held === undefined) {
    const sessions = new Map<string, Promise<AmpSession>>();
    held = sessions;
    transientSessions.set(scope, sessions);
    scope.onEnd(async () => {
      const pending = [...sessions.values()];
      sessions.clear();
      for (const session of pending) await (await session.catch(() => null))?.release();
    });
  }
  const key = JSON.stringify([modelPath, options.size ?? null]);
  let pending = held.get(key);
  if (pending === undefined) {
    pending = loadAmp(modelPath, { ...options, transient: true });
    held.set(key, pending);
  }
  return pending;
}

/**
 * The amp engine for chain blocks. `cacheDir` keeps converted graphs between renders, except for a transient capture
 * (a TONE3000 model), whose graph and session live only as long as its render's {@link TransientScope}.
 */
export function createRenderCaptureFile(
  options: { gpu?: AmpGpuMode; threads?: number; cacheDir?: string } = {},
): RenderCaptureFile {
  return async (modelPath, block, input, sampleRateHz, transient) => {
    const ampOptions: AmpOptions = {
      ...options,
      resample: resampleMono,
      ...(block.slimmableSize === undefined ? {} : { size: block.slimmableSize }),
    };
    const amp =
      transient === undefined
        ? await loadAmp(modelPath, ampOptions)
        : await loadTransientAmp(modelPath, ampOptions, transient);
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
