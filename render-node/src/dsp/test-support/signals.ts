/** @module Test helper: synthetic signals (sines, tone sequences, a plucked, distorted "guitar" riff, noise). */
import { processBiquad } from "../biquad.ts";
import { rbjBiquad } from "../rbj-biquad.ts";

/** Linear amplitude of a level in dBFS (peak). */
export function dbfsToAmplitude(levelDbfs: number): number {
  return 10 ** (levelDbfs / 20);
}

/** A sine of `frequencyHz` at `levelDbfs` (peak) lasting `durationSeconds`, starting at `phaseRadians`. */
export function sine(
  frequencyHz: number,
  levelDbfs: number,
  durationSeconds: number,
  sampleRateHz: number,
  phaseRadians = 0,
): Float32Array {
  const length = Math.round(durationSeconds * sampleRateHz);
  const amplitude = dbfsToAmplitude(levelDbfs);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    out[i] = amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRateHz + phaseRadians);
  }
  return out;
}

/** Raised-cosine fades of `fadeSeconds` at both ends, in place: a hard start is a transient whose true peak overshoots. */
export function fadeEnds(signal: Float32Array, fadeSeconds: number, sampleRateHz: number): Float32Array {
  const fade = Math.min(Math.floor(signal.length / 2), Math.round(fadeSeconds * sampleRateHz));
  for (let i = 0; i < fade; i++) {
    const gain = 0.5 - 0.5 * Math.cos((Math.PI * i) / fade);
    signal[i] = (signal[i] as number) * gain;
    signal[signal.length - 1 - i] = (signal[signal.length - 1 - i] as number) * gain;
  }
  return signal;
}

/** A 1 kHz tone whose level steps through `[levelDbfs, durationSeconds]` pairs, phase-continuous (EBU Tech 3341 cases). */
export function toneSequence(steps: readonly (readonly [number, number])[], sampleRateHz: number): Float32Array {
  const length = steps.reduce((sum, [, seconds]) => sum + Math.round(seconds * sampleRateHz), 0);
  const out = new Float32Array(length);
  let i = 0;
  for (const [levelDbfs, seconds] of steps) {
    const amplitude = dbfsToAmplitude(levelDbfs);
    const end = i + Math.round(seconds * sampleRateHz);
    for (; i < end; i++) out[i] = amplitude * Math.sin((2 * Math.PI * 1000 * i) / sampleRateHz);
  }
  return out;
}

/** Deterministic uniform noise in [−1, 1) (a 32-bit LCG), so failures reproduce. */
export function noise(length: number, amplitude: number, seed = 1): Float32Array {
  const out = new Float32Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = amplitude * (state / 2 ** 31 - 1);
  }
  return out;
}

/**
 * A guitar-like riff: Karplus–Strong plucks (soft, low-passed excitation) on a few low notes with palm-muted gaps,
 * through tanh distortion and a 6 kHz "cabinet" low-pass, so it has a distorted guitar's crest factor, dynamics and
 * spectrum (heavy low mids, little above 8 kHz, silences between notes).
 */
export function guitarRiff(durationSeconds: number, sampleRateHz: number, seed = 7): Float32Array {
  const length = Math.round(durationSeconds * sampleRateHz);
  const out = new Float32Array(length);
  const notesHz = [82.41, 98.0, 110.0, 123.47, 146.83, 164.81];
  const excitation = noise(sampleRateHz, 1, seed);
  // A pick is not a click: smooth the excitation so the string starts with a band-limited burst.
  processBiquad(rbjBiquad("lowPass", 3000, sampleRateHz, Math.SQRT1_2), excitation, excitation);
  let position = 0;
  let noteIndex = 0;
  while (position < length) {
    const frequencyHz = notesHz[(noteIndex * 5 + (noteIndex >> 2)) % notesHz.length] as number;
    const noteSamples = Math.round(sampleRateHz * (noteIndex % 4 === 3 ? 0.6 : 0.25));
    const period = Math.max(2, Math.round(sampleRateHz / frequencyHz));
    const delay = new Float32Array(period);
    for (let i = 0; i < period; i++) delay[i] = excitation[(i + noteIndex * 97) % excitation.length] as number;
    const velocity = 0.5 + (0.5 * ((noteIndex * 37) % 11)) / 10;
    const sounding = noteIndex % 8 === 7 ? Math.round(noteSamples * 0.3) : noteSamples;
    for (let i = 0; i < noteSamples && position + i < length; i++) {
      const k = i % period;
      const next = delay[(k + 1) % period] as number;
      const value = delay[k] as number;
      delay[k] = 0.996 * 0.5 * (value + next);
      const dry = i < sounding ? value * velocity : 0;
      out[position + i] = 0.5 * Math.tanh(4 * dry);
    }
    position += noteSamples;
    noteIndex++;
  }
  const cabinet = rbjBiquad("lowPass", 6000, sampleRateHz, Math.SQRT1_2);
  processBiquad(cabinet, out, out);
  processBiquad(cabinet, out, out);
  return out;
}
