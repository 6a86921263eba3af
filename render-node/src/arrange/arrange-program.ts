/** @module Lays loudness-matched segments out as the program (`ab` or `full`), per-chain stems and the cue list. */
import { type Cue, cueListSchema, type ResolvedArrangement, type Riff } from "@gts/api/contract";
import { DspInputError } from "../dsp/dsp-error.ts";
import { findRiffs } from "./find-riffs.ts";

/** The program's rate: 48 kHz, what YouTube and the video encoder expect. */
export const PROGRAM_SAMPLE_RATE_HZ = 48_000;

/** Fades at the edges of `full` segments: a segment may start or end mid-note, and 5 ms hides that without softening attacks. */
const FULL_EDGE_FADE_SECONDS = 0.005;

/** One DI's loudness-matched renders. */
export interface ArrangeDi {
  /** Creator-marked riffs (seconds in the DI); empty means find them automatically. */
  riffs: readonly Riff[];
  /** One mono render per chain, at 48 kHz, all as long as the DI (sample-aligned: same DI samples through each chain). */
  chains: readonly Float32Array[];
}

/** The arranged audio. */
export interface ArrangedProgram {
  /** [left, right] at 48 kHz; the mono chains sit in the centre. */
  program: [Float32Array, Float32Array];
  /**
   * One stereo stem per chain, each as long as the program and laid out on the same clock: stem k holds chain k in
   * every slot, so the player can switch chains at any moment and the cue times still hold.
   */
  stems: [Float32Array, Float32Array][];
  cues: Cue[];
  durationSeconds: number;
  /** The riffs used per DI (marked or found), for the report. */
  riffsUsed: Riff[][];
}

/** A clip: `length` samples of DI `diIndex` from `sourceStart`, through `chainIndex`, placed at `programStart`. */
interface Clip {
  diIndex: number;
  chainIndex: number;
  riffIndex?: number;
  sourceStart: number;
  length: number;
  programStart: number;
  fadeIn: number;
  fadeOut: number;
}

/** Equal-power fade gain at step i of n (sin² + cos² = 1, so uncorrelated material keeps its power through the join). */
function fadeInGain(i: number, n: number): number {
  return Math.sin((Math.PI / 2) * ((i + 0.5) / n));
}

/**
 * Arranges the renders per `arrangement`:
 * - `ab`: for each DI, each riff (clipped to `riffSeconds`), each round, chain 0, 1, … N−1 back to back. Joins overlap
 *   by `crossfadeMs` with equal-power fades; every chain's clip of a riff is cut from the same DI samples.
 * - `full`: for each DI, each chain's whole render with 5 ms edge fades, then `gapSeconds` of silence.
 * Cue boundaries sit in the middle of each crossfade, so cues touch without overlapping (the contract's rule).
 */
export function arrangeProgram(arrangement: ResolvedArrangement, dis: readonly ArrangeDi[]): ArrangedProgram {
  const fs = PROGRAM_SAMPLE_RATE_HZ;
  const chainCount = dis[0]?.chains.length ?? 0;
  if (chainCount === 0) throw new DspInputError("arrangeProgram: no chains rendered");
  for (const [d, di] of dis.entries()) {
    if (di.chains.length !== chainCount) {
      throw new DspInputError(`arrangeProgram: DI ${d} has ${di.chains.length} chain renders, DI 0 has ${chainCount}`);
    }
    const length = di.chains[0]?.length ?? 0;
    for (const [c, render] of di.chains.entries()) {
      if (render.length !== length) {
        throw new DspInputError(
          `arrangeProgram: DI ${d} chain ${c} is ${render.length} samples, chain 0 is ${length}: renders must be sample-aligned`,
        );
      }
    }
  }

  const clips: Clip[] = [];
  const cueBounds: { clip: Clip; start: number; end: number }[] = [];
  const riffsUsed: Riff[][] = [];
  let cursor = 0;
  if (arrangement.mode === "ab") {
    const crossfade = Math.round((arrangement.crossfadeMs / 1000) * fs);
    for (const [diIndex, di] of dis.entries()) {
      const reference = di.chains[0] as Float32Array;
      const riffs = di.riffs.length > 0 ? [...di.riffs] : findRiffs(reference, fs, arrangement.riffSeconds);
      riffsUsed.push(riffs);
      for (const [riffIndex, riff] of riffs.entries()) {
        const sourceStart = Math.round(riff.startSeconds * fs);
        const sourceEnd = Math.min(
          reference.length,
          Math.round(Math.min(riff.endSeconds, riff.startSeconds + arrangement.riffSeconds) * fs),
        );
        const length = sourceEnd - sourceStart;
        if (length <= 2 * crossfade) continue;
        for (let round = 0; round < arrangement.rounds; round++) {
          for (let chainIndex = 0; chainIndex < chainCount; chainIndex++) {
            // Overlap the previous clip by one crossfade (none for the very first clip).
            const programStart = clips.length === 0 ? 0 : cursor - crossfade;
            const clip: Clip = {
              diIndex,
              chainIndex,
              riffIndex,
              sourceStart,
              length,
              programStart,
              fadeIn: crossfade,
              fadeOut: crossfade,
            };
            if (clips.length === 0) clip.fadeIn = 0;
            clips.push(clip);
            cursor = programStart + length;
          }
        }
      }
    }
    const last = clips.at(-1);
    if (last) last.fadeOut = 0;
    for (const [i, clip] of clips.entries()) {
      const next = clips[i + 1];
      const start = i === 0 ? 0 : clip.programStart + Math.floor(clip.fadeIn / 2);
      const end = next ? next.programStart + Math.floor(next.fadeIn / 2) : clip.programStart + clip.length;
      cueBounds.push({ clip, start, end });
    }
  } else {
    const edge = Math.round(FULL_EDGE_FADE_SECONDS * fs);
    const gap = Math.round(arrangement.gapSeconds * fs);
    for (const [diIndex, di] of dis.entries()) {
      riffsUsed.push([...di.riffs]);
      for (let chainIndex = 0; chainIndex < chainCount; chainIndex++) {
        const length = (di.chains[chainIndex] as Float32Array).length;
        if (length === 0) continue;
        const fade = Math.min(edge, Math.floor(length / 2));
        const clip: Clip = {
          diIndex,
          chainIndex,
          sourceStart: 0,
          length,
          programStart: cursor,
          fadeIn: fade,
          fadeOut: fade,
        };
        clips.push(clip);
        cueBounds.push({ clip, start: cursor, end: cursor + length });
        cursor += length + gap;
      }
    }
  }

  const total = clips.reduce((max, clip) => Math.max(max, clip.programStart + clip.length), 0);
  const renderSlotted = (chainFor: (clip: Clip) => number): Float32Array => {
    const out = new Float32Array(total);
    for (const clip of clips) {
      const source = (dis[clip.diIndex] as ArrangeDi).chains[chainFor(clip)] as Float32Array;
      for (let i = 0; i < clip.length; i++) {
        let gain = 1;
        if (i < clip.fadeIn) gain = fadeInGain(i, clip.fadeIn);
        const fromEnd = clip.length - 1 - i;
        if (fromEnd < clip.fadeOut) gain *= fadeInGain(fromEnd, clip.fadeOut);
        const at = clip.programStart + i;
        out[at] = (out[at] as number) + gain * (source[clip.sourceStart + i] as number);
      }
    }
    return out;
  };
  const mono = renderSlotted((clip) => clip.chainIndex);
  const stems: [Float32Array, Float32Array][] = [];
  for (let chainIndex = 0; chainIndex < chainCount; chainIndex++) {
    const stem = renderSlotted(() => chainIndex);
    stems.push([stem, stem.slice()]);
  }
  const cues = cueListSchema.parse(
    cueBounds
      .filter(({ start, end }) => end > start)
      .map(({ clip, start, end }) => ({
        startSeconds: start / fs,
        endSeconds: end / fs,
        chainIndex: clip.chainIndex,
        diIndex: clip.diIndex,
        ...(clip.riffIndex === undefined ? {} : { riffIndex: clip.riffIndex }),
      })),
  );
  return { program: [mono, mono.slice()], stems, cues, durationSeconds: total / fs, riffsUsed };
}
