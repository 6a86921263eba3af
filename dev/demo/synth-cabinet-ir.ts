/** @module Synthesises plausible guitar-cabinet impulse responses (closed 4x12, open-back 1x12) from biquad-shaped impulses. */
import { applyBiquadInPlace, type BiquadDesign, designBiquad } from "./biquad.ts";
import { createPrng } from "./create-prng.ts";

export type CabinetVariant = "4x12-closed" | "1x12-open";

export interface SynthCabinetIrOptions {
  sampleRateHz: number;
  variant: CabinetVariant;
  seed: number;
}

/** Length of every synthesised IR (typical of commercial cab IRs; the energy is gone well before). */
export const CABINET_IR_DURATION_SECONDS = 0.17;
/** Peak level after normalisation: commercial IRs ship a little under full scale. */
export const CABINET_IR_PEAK_DBFS = -3;

interface Reflection {
  delaySeconds: number;
  gain: number;
}

interface CabinetRecipe {
  /** Decaying noise right after the direct sound: cone break-up and the mic's near-field comb, as amplitude re the impulse. */
  breakupLevel: number;
  breakupDecaySeconds: number;
  /** Discrete early reflections (cabinet walls, and for an open back the back wave off the floor/wall behind it). */
  reflections: Reflection[];
  /** Very quiet diffuse room tail. */
  roomLevel: number;
  roomDecaySeconds: number;
  /** Tone shaping, applied in order; every stage is minimum phase, so the result stays minimum-phase-like. */
  filters: Omit<BiquadDesign, "sampleRateHz">[];
}

const RECIPES: Record<CabinetVariant, CabinetRecipe> = {
  // Closed-back 4x12 with a dynamic mic on the cone: tight low end with the classic ~110 Hz cabinet resonance,
  // a mid scoop, a strong 2–4 kHz presence region and a steep fall above ~5.5 kHz (speaker cone + mic).
  "4x12-closed": {
    breakupLevel: 0.05,
    breakupDecaySeconds: 0.001,
    reflections: [
      { delaySeconds: 0.00055, gain: 0.12 },
      { delaySeconds: 0.0013, gain: -0.08 },
    ],
    roomLevel: 0.004,
    roomDecaySeconds: 0.01,
    filters: [
      { type: "highpass", frequencyHz: 75, q: 0.9 },
      { type: "highpass", frequencyHz: 65, q: 0.6 },
      { type: "peaking", frequencyHz: 110, q: 1.4, gainDb: 7 },
      { type: "peaking", frequencyHz: 450, q: 1, gainDb: -3 },
      { type: "peaking", frequencyHz: 2800, q: 1.6, gainDb: 6 },
      { type: "peaking", frequencyHz: 4200, q: 2.2, gainDb: 3 },
      { type: "lowpass", frequencyHz: 5000, q: 1 },
      { type: "lowpass", frequencyHz: 5500, q: 0.7 },
      { type: "lowpass", frequencyHz: 6000, q: 0.6 },
      { type: "lowpass", frequencyHz: 6000, q: 0.54 },
    ],
  },
  // Open-back 1x12 combo: a smaller, higher and weaker low resonance (the back wave cancels the lows), more
  // midrange, and a train of early reflections from the open back bouncing off the wall behind the amp.
  "1x12-open": {
    breakupLevel: 0.06,
    breakupDecaySeconds: 0.0012,
    reflections: [
      { delaySeconds: 0.0011, gain: -0.25 },
      { delaySeconds: 0.0023, gain: 0.18 },
      { delaySeconds: 0.0037, gain: -0.13 },
      { delaySeconds: 0.0059, gain: 0.09 },
      { delaySeconds: 0.0083, gain: -0.06 },
    ],
    roomLevel: 0.008,
    roomDecaySeconds: 0.016,
    filters: [
      { type: "highpass", frequencyHz: 90, q: 0.7 },
      { type: "highpass", frequencyHz: 80, q: 0.6 },
      { type: "peaking", frequencyHz: 150, q: 1.2, gainDb: 3 },
      { type: "peaking", frequencyHz: 700, q: 1, gainDb: 1.5 },
      { type: "peaking", frequencyHz: 2500, q: 1.4, gainDb: 6 },
      { type: "peaking", frequencyHz: 3800, q: 2, gainDb: 3 },
      { type: "lowpass", frequencyHz: 5500, q: 0.9 },
      { type: "lowpass", frequencyHz: 6000, q: 0.7 },
      { type: "lowpass", frequencyHz: 6500, q: 0.6 },
      { type: "lowpass", frequencyHz: 6500, q: 0.54 },
    ],
  },
};

/**
 * Mono cabinet IR, `CABINET_IR_DURATION_SECONDS` long, peak `CABINET_IR_PEAK_DBFS`, direct sound at sample 0.
 * Built as impulse + decaying break-up noise + reflections + faint room, then shaped by the variant's biquads and
 * faded out over its last 30 %. Deterministic for a given seed (the seed only moves the noise and reflection jitter).
 */
export function synthCabinetIr({ sampleRateHz, variant, seed }: SynthCabinetIrOptions): Float32Array {
  const recipe = RECIPES[variant];
  const prng = createPrng(seed);
  const length = Math.round(CABINET_IR_DURATION_SECONDS * sampleRateHz);
  const ir = new Float64Array(length);

  // Break-up is a mid/high-frequency phenomenon and the diffuse room adds little bass this close to the speaker:
  // high-pass both noises so the seed changes texture, not the low end the cabinet recipe sets.
  const breakup = new Float64Array(length);
  const room = new Float64Array(length);
  for (let n = 1; n < length; n++) {
    breakup[n] = recipe.breakupLevel * Math.exp(-n / (recipe.breakupDecaySeconds * sampleRateHz)) * prng.gaussian();
    room[n] = recipe.roomLevel * Math.exp(-n / (recipe.roomDecaySeconds * sampleRateHz)) * prng.gaussian();
  }
  applyBiquadInPlace(designBiquad({ type: "highpass", frequencyHz: 800, q: 0.7, sampleRateHz }), breakup);
  applyBiquadInPlace(designBiquad({ type: "highpass", frequencyHz: 200, q: 0.7, sampleRateHz }), room);
  for (let n = 0; n < length; n++) ir[n] = (n === 0 ? 1 : 0) + (breakup[n] ?? 0) + (room[n] ?? 0);
  for (const reflection of recipe.reflections) {
    // ±0.1 ms of jitter so different seeds give different (but equally plausible) mic placements.
    const at = Math.round((reflection.delaySeconds + prng.between(-0.0001, 0.0001)) * sampleRateHz);
    // A short 3-tap blip rather than a single sample: a reflection off a wall is already band-limited.
    ir[at - 1] = (ir[at - 1] ?? 0) + 0.25 * reflection.gain;
    ir[at] = (ir[at] ?? 0) + 0.5 * reflection.gain;
    ir[at + 1] = (ir[at + 1] ?? 0) + 0.25 * reflection.gain;
  }

  for (const filter of recipe.filters) applyBiquadInPlace(designBiquad({ ...filter, sampleRateHz }), ir);

  // Fade the tail so truncation does not click (the energy there is ~60 dB down anyway).
  const fadeFrom = Math.round(length * 0.7);
  for (let n = fadeFrom; n < length; n++) {
    ir[n] = (ir[n] ?? 0) * (0.5 + 0.5 * Math.cos((Math.PI * (n - fadeFrom)) / (length - fadeFrom)));
  }

  let peak = 0;
  for (const v of ir) peak = Math.max(peak, Math.abs(v));
  const gain = 10 ** (CABINET_IR_PEAK_DBFS / 20) / peak;
  return Float32Array.from(ir, (v) => v * gain);
}
