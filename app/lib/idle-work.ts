/**
 * @module Long work on the main thread in small slices during idle time, so the page stays responsive: analysing a
 * 20-minute DI (57 million frames) into its peak pyramid takes a few hundred milliseconds in all, cut into slices of
 * about a millisecond each. Why not a Web Worker: the samples are already in this thread (the file's bytes, or the
 * AudioBuffer `decodeAudioData` made off-thread), a worker would need its own bundle entry through the Workers build
 * and a copy or transfer of up to 200 MB, and slices let level 0 of the pyramid be drawn while the rest is analysed.
 */
import type { DiChannel } from "@gts/api/contract";
import type { AudioSource } from "./pcm-audio";
import { type PeakPyramid, PeakPyramidBuilder } from "./peak-pyramid";

/** What `requestIdleCallback` gives its callback. */
export interface IdleDeadlineLike {
  timeRemaining(): number;
}

/** Calls `callback` in the next idle period; returns a function that cancels it. */
export type ScheduleIdle = (callback: (deadline: IdleDeadlineLike) => void) => () => void;

/**
 * `requestIdleCallback` (with a 50 ms timeout, so a busy page still gets a slice now and then), or where a browser
 * lacks it (Safari), a zero timeout with an 8 ms budget.
 */
export const browserIdle: ScheduleIdle = (callback) => {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(callback, { timeout: 50 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(() => {
    const end = performance.now() + 8;
    callback({ timeRemaining: () => Math.max(0, end - performance.now()) });
  }, 0);
  return () => clearTimeout(id);
};

const aborted = (signal: AbortSignal | undefined) =>
  signal?.reason instanceof Error ? signal.reason : new DOMException("The work was aborted", "AbortError");

/**
 * Runs `step` in idle periods until it returns true. Each period runs at least one step, then more while at least
 * `reserveMs` of it remain. Rejects (and stops) when `signal` aborts.
 */
export function runWhenIdle(
  step: () => boolean,
  {
    schedule = browserIdle,
    signal,
    reserveMs = 2,
  }: { schedule?: ScheduleIdle; signal?: AbortSignal; reserveMs?: number } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted(signal));
    let cancel = () => {};
    const onAbort = () => {
      cancel();
      reject(aborted(signal));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const slice = (deadline: IdleDeadlineLike) => {
      try {
        do {
          if (step()) {
            signal?.removeEventListener("abort", onAbort);
            return resolve();
          }
        } while (deadline.timeRemaining() > reserveMs);
      } catch (error) {
        signal?.removeEventListener("abort", onAbort);
        return reject(error);
      }
      cancel = schedule(slice);
    };
    cancel = schedule(slice);
  });
}

/** Frames analysed per step: about a millisecond of work for 24-bit PCM on a laptop. */
export const FRAMES_PER_STEP = 32_768;

/**
 * The peak pyramid of one channel (or the mix) of `source`, analysed in idle slices. `onProgress` is called after
 * each slice's steps with the pyramid so far (level 0 up to `framesDone`), so a waveform can be drawn as it fills.
 */
export async function buildPyramidWhenIdle(
  source: AudioSource,
  channel: DiChannel,
  options: {
    schedule?: ScheduleIdle;
    signal?: AbortSignal;
    onProgress?: (pyramid: PeakPyramid) => void;
    framesPerStep?: number;
  } = {},
): Promise<PeakPyramid> {
  const builder = new PeakPyramidBuilder(source.frames);
  const scratch = new Float32Array(options.framesPerStep ?? FRAMES_PER_STEP);
  await runWhenIdle(
    () => {
      const pyramid = builder.pyramid;
      const read = source.read(channel, pyramid.framesDone, scratch.length, scratch);
      builder.push(scratch, read);
      options.onProgress?.(pyramid);
      return read === 0 || pyramid.framesDone >= pyramid.frames;
    },
    { schedule: options.schedule, signal: options.signal },
  );
  return builder.finish();
}
