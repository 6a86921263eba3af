/** @module Synthesises the ~8 s demo guitar DI riff (extended Karplus–Strong strings, palm mutes, power chords, licks). */
import { applyBiquadInPlace, designBiquad } from "./biquad.ts";
import { createPrng, type Prng } from "./create-prng.ts";

export interface SynthDiRiffOptions {
  sampleRateHz: number;
  seed: number;
}

/** Total length of the riff; the last note has died away ≥ 250 ms before the end. */
export const DI_RIFF_DURATION_SECONDS = 8;
/** Silence (noise floor only) before the first pick attack. */
export const DI_RIFF_LEAD_IN_SECONDS = 0.25;
/** Every note is faded out by this time; after it only the noise floor remains. */
export const DI_RIFF_LAST_SOUND_SECONDS = 7.65;
/** Peak level of the riff, like a DI recorded with healthy headroom. */
export const DI_RIFF_PEAK_DBFS = -6;
/** RMS of the (Gaussian) noise floor: a quiet interface and a humbucker guitar (no single-coil hum). */
const NOISE_FLOOR_DBFS = -80;

const TEMPO_BPM = 120;
const SIXTEENTH_SECONDS = 60 / TEMPO_BPM / 4;
const BAR_SECONDS = 16 * SIXTEENTH_SECONDS;

/** Standard tuning, string 0 = low E. MIDI numbers of the open strings. */
const OPEN_STRING_MIDI = [40, 45, 50, 55, 59, 64] as const;

type Articulation = "palm-muted" | "open" | "ring";

/** One fretted string inside an event: which string and which fret. */
interface Fretting {
  stringIndex: number;
  fret: number;
}

/** A pick stroke: one or more strings struck together (downstroke, low to high) at a 16th-note step. */
interface Stroke {
  bar: number;
  step: number;
  frets: Fretting[];
  articulation: Articulation;
  /** Held length in 16ths, unless a later note on the same string cuts it first. */
  lengthSteps: number;
  accent?: boolean;
  vibrato?: boolean;
}

// Chord shapes (root on the low E or A string) and the single notes of the licks.
const E5_CHUG: Fretting[] = [
  { stringIndex: 0, fret: 0 },
  { stringIndex: 1, fret: 2 },
];
const E5: Fretting[] = [...E5_CHUG, { stringIndex: 2, fret: 2 }];
const G5: Fretting[] = [
  { stringIndex: 0, fret: 3 },
  { stringIndex: 1, fret: 5 },
  { stringIndex: 2, fret: 5 },
];
const A5: Fretting[] = [
  { stringIndex: 1, fret: 0 },
  { stringIndex: 2, fret: 2 },
  { stringIndex: 3, fret: 2 },
];
const BB5: Fretting[] = [
  { stringIndex: 1, fret: 1 },
  { stringIndex: 2, fret: 3 },
  { stringIndex: 3, fret: 3 },
];
const note = (stringIndex: number, fret: number): Fretting[] => [{ stringIndex, fret }];

function chugs(bar: number, fromStep: number, count: number): Stroke[] {
  return Array.from({ length: count }, (_, i) => ({
    bar,
    step: fromStep + i,
    frets: E5_CHUG,
    articulation: "palm-muted" as const,
    lengthSteps: 1,
    // Accent the first chug of each beat, like a real right hand does.
    accent: (fromStep + i) % 4 === 0,
  }));
}

/**
 * The score, 120 BPM, 4/4, in E minor (16th-note grid; a bar lasts 2 s and starts after the 250 ms lead-in):
 * - Bar 1: six palm-muted E5 chugs, G5 stab, three chugs, A5 → G5 (open, let ring for an 8th each).
 * - Bar 2: six chugs, an A5 stab, then a single-note minor-pentatonic lick up the D and G strings
 *   (G–A–B–D), up to E on the B string, back down D–B with vibrato on the last note.
 * - Bar 3: bar 1 again, but the turnaround climbs chromatically A5 → B♭5 → A5.
 * - Bar 4: a final open E5 (three strings) left to ring for ~1.2 s, then damped, and silence.
 */
const SCORE: Stroke[] = [
  ...chugs(0, 0, 6),
  { bar: 0, step: 6, frets: G5, articulation: "open", lengthSteps: 2, accent: true },
  ...chugs(0, 8, 4),
  { bar: 0, step: 12, frets: A5, articulation: "open", lengthSteps: 2, accent: true },
  { bar: 0, step: 14, frets: G5, articulation: "open", lengthSteps: 2 },

  ...chugs(1, 0, 6),
  { bar: 1, step: 6, frets: A5, articulation: "open", lengthSteps: 2, accent: true },
  { bar: 1, step: 8, frets: note(2, 5), articulation: "open", lengthSteps: 1 },
  { bar: 1, step: 9, frets: note(2, 7), articulation: "open", lengthSteps: 1 },
  { bar: 1, step: 10, frets: note(3, 4), articulation: "open", lengthSteps: 1 },
  { bar: 1, step: 11, frets: note(3, 7), articulation: "open", lengthSteps: 1 },
  { bar: 1, step: 12, frets: note(4, 5), articulation: "open", lengthSteps: 1, accent: true },
  { bar: 1, step: 13, frets: note(3, 7), articulation: "open", lengthSteps: 1 },
  { bar: 1, step: 14, frets: note(3, 4), articulation: "open", lengthSteps: 2, vibrato: true },

  ...chugs(2, 0, 6),
  { bar: 2, step: 6, frets: G5, articulation: "open", lengthSteps: 2, accent: true },
  ...chugs(2, 8, 4),
  { bar: 2, step: 12, frets: A5, articulation: "open", lengthSteps: 1, accent: true },
  { bar: 2, step: 13, frets: BB5, articulation: "open", lengthSteps: 1 },
  { bar: 2, step: 14, frets: A5, articulation: "open", lengthSteps: 2 },

  { bar: 3, step: 0, frets: E5, articulation: "ring", lengthSteps: 10, accent: true },
];

/** A rendered string vibration, placed on the timeline. */
interface Voice {
  startSample: number;
  samples: Float64Array;
}

interface PluckedString {
  frequencyHz: number;
  sampleRateHz: number;
  /** Time for the fundamental to decay by 60 dB while held. */
  decaySeconds: number;
  /** Extra in-loop one-pole low-pass coefficient (0 = bright open string, ~0.5 = palm on the strings). */
  dampingPole: number;
  /** Pick position as a fraction of the string length from the bridge (sets the comb in the excitation). */
  pickPosition: number;
  /** 0…1: how bright the pick attack is (low-pass on the excitation noise). */
  pickBrightness: number;
  amplitude: number;
  heldSamples: number;
  releaseSeconds: number;
  vibrato: boolean;
  prng: Prng;
}

/**
 * One string with an extended Karplus–Strong loop: delay line + two-point loss filter + optional damping pole +
 * first-order allpass for the fractional part of the period (so chords are in tune), excited by a pick-shaped noise
 * burst, then muted with a short release (the fretting hand lifting or the next note on the same string).
 */
function renderString(string: PluckedString): Float64Array {
  const { frequencyHz, sampleRateHz, dampingPole, prng } = string;
  const releaseSamples = Math.round(string.releaseSeconds * sampleRateHz);
  const length = string.heldSamples + releaseSamples;
  const out = new Float64Array(length);

  const periodSamples = sampleRateHz / frequencyHz;
  const lossWeight = 0.35; // two-point average weight: its phase delay is 0.35 samples at low frequencies
  const poleDelay = dampingPole / (1 - dampingPole);
  const loopSamples = periodSamples - lossWeight - poleDelay;
  const integerDelay = Math.round(loopSamples - 1);
  const baseFraction = loopSamples - integerDelay; // in [0.5, 1.5]: the first-order allpass is accurate there
  // Loop gain per period so the fundamental falls 60 dB in decaySeconds.
  const loopGain = 10 ** (-3 / (string.decaySeconds * frequencyHz));

  // Excitation: one period of noise, low-passed (pick hardness), with a comb notch at the pick position.
  const excitationLength = Math.round(periodSamples);
  const noise = new Float64Array(excitationLength);
  const smoothing = 1 - string.pickBrightness * 0.85;
  let previous = 0;
  for (let n = 0; n < excitationLength; n++) {
    previous = (1 - smoothing) * prng.between(-1, 1) + smoothing * previous;
    noise[n] = previous;
  }
  const pickOffset = Math.max(1, Math.round(string.pickPosition * periodSamples));
  const excitation = new Float64Array(excitationLength);
  let mean = 0;
  for (let n = 0; n < excitationLength; n++) {
    excitation[n] = (noise[n] ?? 0) - (n >= pickOffset ? (noise[n - pickOffset] ?? 0) : 0);
    mean += excitation[n] ?? 0;
  }
  mean /= excitationLength;
  let excitationPeak = 0;
  for (let n = 0; n < excitationLength; n++) {
    // Remove DC and taper the last samples so the burst itself does not click.
    const taper = Math.min(1, (excitationLength - n) / 8);
    excitation[n] = ((excitation[n] ?? 0) - mean) * taper;
    excitationPeak = Math.max(excitationPeak, Math.abs(excitation[n] ?? 0));
  }

  const buffer = new Float64Array(integerDelay + 2);
  let writeIndex = 0;
  let allpassIn = 0;
  let allpassOut = 0;
  let lossPrevious = 0;
  let poleState = 0;
  const vibratoRadPerSample = (2 * Math.PI * 5.5) / sampleRateHz;
  for (let n = 0; n < length; n++) {
    const readIndex = (writeIndex - integerDelay + buffer.length) % buffer.length;
    const delayed = buffer[readIndex] ?? 0;
    // Vibrato starts after 120 ms and bends the period by up to ±0.35 samples (≈ ±15 cents on B3).
    const vibratoDepth = string.vibrato ? Math.min(1, Math.max(0, (n / sampleRateHz - 0.12) * 4)) * 0.35 : 0;
    const fraction = baseFraction + vibratoDepth * Math.sin(vibratoRadPerSample * n);
    const eta = (1 - fraction) / (1 + fraction);
    const allpass = eta * delayed + allpassIn - eta * allpassOut;
    allpassIn = delayed;
    allpassOut = allpass;
    const loss = loopGain * ((1 - lossWeight) * allpass + lossWeight * lossPrevious);
    lossPrevious = allpass;
    poleState = (1 - dampingPole) * loss + dampingPole * poleState;
    const excite = n < excitationLength ? ((excitation[n] ?? 0) / excitationPeak) * string.amplitude : 0;
    const y = excite + poleState;
    buffer[writeIndex] = y;
    writeIndex = (writeIndex + 1) % buffer.length;
    // Release: a raised-cosine fade once the note is let go.
    const releaseGain =
      n < string.heldSamples ? 1 : 0.5 + 0.5 * Math.cos((Math.PI * (n - string.heldSamples)) / releaseSamples);
    out[n] = y * releaseGain;
  }

  // Bridge pickup: it sits near the bridge, so it hears the string as a comb with a notch series (thin lows,
  // lively upper harmonics) — that is much of why a DI sounds like a DI rather than a sine.
  const pickupOffset = Math.max(1, Math.round(0.08 * periodSamples));
  for (let n = length - 1; n >= pickupOffset; n--) out[n] = (out[n] ?? 0) - 0.5 * (out[n - pickupOffset] ?? 0);
  return out;
}

/** The pick scraping the string: a few ms of high-passed noise, loudest on palm mutes. */
function renderPickClick(sampleRateHz: number, amplitude: number, prng: Prng): Float64Array {
  const length = Math.round(0.004 * sampleRateHz);
  const out = new Float64Array(length);
  let previous = 0;
  for (let n = 0; n < length; n++) {
    const white = prng.between(-1, 1);
    out[n] = (white - previous) * amplitude * Math.exp(-n / (0.0008 * sampleRateHz));
    previous = white;
  }
  return out;
}

function midiToHz(midi: number): number {
  return 440 * 2 ** ((midi - 69) / 12);
}

/**
 * Mono guitar DI riff, `DI_RIFF_DURATION_SECONDS` long at `sampleRateHz`: palm-muted E5 chugs, G5/A5/B♭5 power
 * chords and a pentatonic lick (see `SCORE`), peak exactly `DI_RIFF_PEAK_DBFS` before the −80 dBFS noise floor is
 * added, ≈ 250 ms (lead-in) and 350 ms (tail) of noise-floor-only silence. Deterministic for a given seed.
 */
export function synthDiRiff({ sampleRateHz, seed }: SynthDiRiffOptions): Float32Array {
  const prng = createPrng(seed);
  const totalSamples = Math.round(DI_RIFF_DURATION_SECONDS * sampleRateHz);
  const mix = new Float64Array(totalSamples);
  const voices: Voice[] = [];

  // Notes on the same string cut each other off, so find each stroke's end per string first.
  const strokeTimes = SCORE.map((stroke) => {
    const humanise = prng.between(-0.004, 0.004);
    return DI_RIFF_LEAD_IN_SECONDS + stroke.bar * BAR_SECONDS + stroke.step * SIXTEENTH_SECONDS + humanise;
  });

  SCORE.forEach((stroke, strokeIndex) => {
    const startSeconds = strokeTimes[strokeIndex] ?? 0;
    const velocity = (stroke.accent ? 1 : 0.82) * prng.between(0.92, 1.05);
    stroke.frets.forEach((fretting, orderInStrum) => {
      // Next stroke that uses this string ends the note (fingers move, the pick hits it again).
      let cutSeconds = startSeconds + stroke.lengthSteps * SIXTEENTH_SECONDS;
      for (let later = strokeIndex + 1; later < SCORE.length; later++) {
        if (SCORE[later]?.frets.some((f) => f.stringIndex === fretting.stringIndex)) {
          cutSeconds = Math.min(cutSeconds, strokeTimes[later] ?? cutSeconds);
          break;
        }
      }
      const isPalmMuted = stroke.articulation === "palm-muted";
      const isRing = stroke.articulation === "ring";
      if (isRing) cutSeconds = DI_RIFF_LAST_SOUND_SECONDS - 0.2;
      // Downstroke: the pick reaches higher strings a few ms later.
      const strumDelaySeconds = orderInStrum * (isPalmMuted ? 0.003 : 0.008) * prng.between(0.8, 1.2);
      const noteStartSeconds = startSeconds + strumDelaySeconds;
      const midi = (OPEN_STRING_MIDI[fretting.stringIndex] ?? 40) + fretting.fret;
      const frequencyHz = midiToHz(midi) * (1 + prng.between(-0.0008, 0.0008));
      const stringGain = stroke.frets.length > 1 ? 0.75 : 1;
      const samples = renderString({
        frequencyHz,
        sampleRateHz,
        decaySeconds: isPalmMuted ? 0.22 : isRing ? 4.5 : 2.6,
        dampingPole: isPalmMuted ? 0.55 : 0.05,
        pickPosition: prng.between(0.11, 0.16),
        pickBrightness: isPalmMuted ? 0.9 : 0.7,
        amplitude: velocity * stringGain,
        heldSamples: Math.max(1, Math.round((cutSeconds - noteStartSeconds) * sampleRateHz)),
        releaseSeconds: isRing ? 0.2 : isPalmMuted ? 0.012 : 0.025,
        vibrato: stroke.vibrato === true,
        prng,
      });
      voices.push({ startSample: Math.round(noteStartSeconds * sampleRateHz), samples });
    });
    voices.push({
      startSample: Math.round(startSeconds * sampleRateHz),
      samples: renderPickClick(sampleRateHz, velocity * (stroke.articulation === "palm-muted" ? 0.35 : 0.2), prng),
    });
  });

  for (const voice of voices) {
    const end = Math.min(totalSamples, voice.startSample + voice.samples.length);
    for (let n = voice.startSample; n < end; n++) mix[n] = (mix[n] ?? 0) + (voice.samples[n - voice.startSample] ?? 0);
  }

  // Pickup + cable: a resonant peak around 3.5 kHz and a roll-off above it; a DC-blocking high-pass at 30 Hz.
  applyBiquadInPlace(designBiquad({ type: "peaking", frequencyHz: 3500, q: 1.4, gainDb: 4, sampleRateHz }), mix);
  applyBiquadInPlace(designBiquad({ type: "lowpass", frequencyHz: 7000, q: 0.7, sampleRateHz }), mix);
  applyBiquadInPlace(designBiquad({ type: "highpass", frequencyHz: 30, q: 0.7, sampleRateHz }), mix);

  // The filters ring a little past the last note; make the tail exactly silent before the noise floor goes in.
  const silentFrom = Math.round(DI_RIFF_LAST_SOUND_SECONDS * sampleRateHz);
  mix.fill(0, silentFrom);

  let peak = 0;
  for (const v of mix) peak = Math.max(peak, Math.abs(v));
  const gain = 10 ** (DI_RIFF_PEAK_DBFS / 20) / peak;
  const noiseRms = 10 ** (NOISE_FLOOR_DBFS / 20);
  const out = new Float32Array(totalSamples);
  for (let n = 0; n < totalSamples; n++) out[n] = (mix[n] ?? 0) * gain + noiseRms * prng.gaussian();
  return out;
}
