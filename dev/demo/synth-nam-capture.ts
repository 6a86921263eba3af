/** @module Builds small, valid, hand-designed `.nam` WaveNet captures that behave like clean / crunch / high-gain amps. */
import { captureLoudnessDb } from "./capture-loudness-db.ts";
import type { NamLayerArrayConfig, NamWaveNetConfig } from "./wavenet-reference.ts";

export type CaptureVariant = "clean" | "crunch" | "high-gain";

export interface SynthNamCaptureOptions {
  /** Shown to users (`metadata.name`). */
  name: string;
  variant: CaptureVariant;
}

/** The `.nam` JSON object (spec §1) for a WaveNet capture. */
export interface NamCapture {
  version: string;
  architecture: "WaveNet";
  config: NamWaveNetConfig & { layers: [NamLayerArrayConfig] };
  weights: number[];
  sample_rate: number;
  metadata: {
    name: string;
    modeled_by: string;
    gear_type: "amp";
    tone_type: "clean" | "crunch" | "hi_gain";
    /** dB, see `captureLoudnessDb` for the test signal. */
    loudness: number;
  };
}

/**
 * The signal chain each variant's weights implement (see `buildWeights` for how it maps onto the network):
 * pre-emphasis FIR → preamp gain → tanh (with bias = asymmetry) → power-amp gain → tanh → post low-pass → level.
 */
interface AmpDesign {
  toneType: NamCapture["metadata"]["tone_type"];
  /** Pre-emphasis zero (1 − a·z⁻¹): 0 = flat, 0.9 = bass cut below ~800 Hz (a "tight" high-gain front end). */
  preEmphasis: number;
  /** Second zero (1 + c·z⁻¹): tames the top octave that the pre-emphasis boosts (1 = null at Nyquist). */
  trebleTaming: number;
  /** Blend of the dilation-2 smoothing FIR ((1 + z⁻²)/2)²: 1 = null at 12 kHz, 0 = bypass. */
  smoothing: number;
  /** Preamp gain at 1 kHz in dB (the pre-emphasis filters are normalised to 0 dB there). */
  preampGainDb: number;
  /** Bias into the preamp tanh: asymmetric clipping → even harmonics, like a triode. */
  preampBias: number;
  /** Linear gain into the power-amp tanh. */
  powerAmpGain: number;
  powerAmpBias: number;
  /** Cut-off of the 2nd-order Butterworth post filter (head FIR), Hz. */
  postLowpassHz: number;
  /** Output level = head_scale. */
  outputGain: number;
}

const DESIGNS: Record<CaptureVariant, AmpDesign> = {
  clean: {
    toneType: "clean",
    preEmphasis: 0.2,
    trebleTaming: 0.3,
    smoothing: 0.3,
    preampGainDb: 0,
    preampBias: 0.05,
    powerAmpGain: 0.7,
    powerAmpBias: 0,
    postLowpassHz: 7000,
    outputGain: 1.2,
  },
  crunch: {
    toneType: "crunch",
    preEmphasis: 0.6,
    trebleTaming: 0.6,
    smoothing: 0.6,
    preampGainDb: 18,
    preampBias: 0.25,
    powerAmpGain: 1.2,
    powerAmpBias: 0.05,
    postLowpassHz: 5500,
    outputGain: 0.25,
  },
  "high-gain": {
    toneType: "hi_gain",
    preEmphasis: 0.9,
    trebleTaming: 1,
    smoothing: 1,
    preampGainDb: 32,
    preampBias: 0.2,
    powerAmpGain: 2.5,
    powerAmpBias: 0.1,
    postLowpassHz: 4500,
    outputGain: 0.2,
  },
};

const SAMPLE_RATE_HZ = 48_000;
const CHANNELS = 3;
const KERNEL_SIZE = 3;
const DILATIONS = [1, 2, 4, 8];
const HEAD_KERNEL_SIZE = 16;
/**
 * The linear tone stages run through tanh too (every WaveNet layer has an activation): scale their pre-activation by
 * ε so tanh(ε·v) ≈ ε·v (error ε²v²/3 ≈ −55 dB even for |v| = 2), and undo it with 1/ε in the residual 1×1.
 */
const LINEAR_EPSILON = 0.01;

/** Magnitude of an FIR (taps on z⁰, z⁻¹, …) at `frequencyHz`. */
function firGain(taps: readonly number[], frequencyHz: number): number {
  const w = (2 * Math.PI * frequencyHz) / SAMPLE_RATE_HZ;
  let re = 0;
  let im = 0;
  taps.forEach((tap, n) => {
    re += tap * Math.cos(w * n);
    im -= tap * Math.sin(w * n);
  });
  return Math.hypot(re, im);
}

/** Impulse response of a 2nd-order Butterworth low-pass (bilinear), truncated to `length` taps, DC gain 1. */
function butterworthLowpassTaps(cutoffHz: number, length: number): number[] {
  const k = Math.tan((Math.PI * cutoffHz) / SAMPLE_RATE_HZ);
  const norm = 1 / (1 + Math.SQRT2 * k + k * k);
  const b0 = k * k * norm;
  const a1 = 2 * (k * k - 1) * norm;
  const a2 = (1 - Math.SQRT2 * k + k * k) * norm;
  const taps: number[] = [];
  let y1 = 0;
  let y2 = 0;
  for (let n = 0; n < length; n++) {
    const x = n === 0 ? 1 : 0;
    const x1 = n === 1 ? 1 : 0;
    const x2 = n === 2 ? 1 : 0;
    const y = b0 * x + 2 * b0 * x1 + b0 * x2 - a1 * y1 - a2 * y2;
    taps.push(y);
    y2 = y1;
    y1 = y;
  }
  const sum = taps.reduce((a, b) => a + b, 0);
  return taps.map((tap) => tap / sum);
}

/** 7 significant digits: below float32 resolution, keeps the JSON short. */
const tidy = (value: number): number => Number(value.toPrecision(7)) + 0;

/**
 * Flat weight vector in spec §3.4 order for one layer array, C = B = 3, kernel 3, dilations 1/2/4/8, head kernel 16.
 * Channel roles: ch0 = linear tone path, ch1 = preamp output, ch2 = power-amp output (the only one the head reads).
 *
 * - rechannel: h = [x, 0, 0].
 * - layer 0 (d = 1), ch0: h0 ← G0·h0 with G0 = (1 − a z⁻¹)(1 + c z⁻¹)·g, done as h0 + (1/ε)·tanh(ε·(G0 − 1)·h0).
 * - layer 1 (d = 2), ch0: h0 ← G1·h0, G1 = (1 − m) + m·((1 + z⁻²)/2)², same ε trick.
 * - layer 2 (d = 4), ch1: y1 = tanh(gain·h0 + bias); residual h1 = y1 − tanh(bias) (silence stays exactly 0).
 * - layer 3 (d = 8), ch2: y2 = tanh(powerGain·h1 + powerBias) → skip sum.
 *   Layers 2 and 3 use only their current tap: the dilations follow the usual doubling pattern, the gain stages
 *   need no memory.
 * - head: FIR (Butterworth low-pass, 16 taps) on the ch2 skip sum; bias cancels tanh(powerBias)'s DC.
 * - head_scale = output level.
 * Rows of a layer that a channel role does not use are all zero, so tanh(0) = 0 keeps them out of the skip sum.
 */
function buildWeights(design: AmpDesign): number[] {
  const weights: number[] = [];
  const push = (...values: number[]): void => {
    for (const value of values) weights.push(tidy(value));
  };
  const currentTap = KERNEL_SIZE - 1;
  /** One layer in spec §3.4 order: conv (C, C, K) in C order, conv bias, input mixin (C, 1), 1×1 (C, C), 1×1 bias. */
  const pushLayer = (layer: {
    conv: (o: number, j: number, k: number) => number;
    convBias: [number, number, number];
    residual: (o: number, j: number) => number;
    residualBias: [number, number, number];
  }): void => {
    for (let o = 0; o < CHANNELS; o++) {
      for (let j = 0; j < CHANNELS; j++) for (let k = 0; k < KERNEL_SIZE; k++) push(layer.conv(o, j, k));
    }
    push(...layer.convBias);
    push(0, 0, 0); // input mixin (the condition is the raw input): unused, the tone path already carries it
    for (let o = 0; o < CHANNELS; o++) for (let j = 0; j < CHANNELS; j++) push(layer.residual(o, j));
    push(...layer.residualBias);
  };

  // Tone FIRs, taps listed newest first (z⁰, z⁻ᵈ, z⁻²ᵈ); stage 0 scaled so the pair has unity gain at 1 kHz.
  const { preEmphasis: a, trebleTaming: c, smoothing: m } = design;
  const toneTaps0 = [1, c - a, -a * c];
  const toneTaps1 = [1 - m + 0.25 * m, 0.5 * m, 0.25 * m];
  const toneTaps1AtUnitDilation = [toneTaps1[0] ?? 0, 0, toneTaps1[1] ?? 0, 0, toneTaps1[2] ?? 0];
  const normalise = 1 / (firGain(toneTaps0, 1000) * firGain(toneTaps1AtUnitDilation, 1000));
  const stage0 = toneTaps0.map((tap) => tap * normalise);

  // Rechannel (C × input_size 1): the input goes to ch0 only.
  push(1, 0, 0);

  // Layers 0 and 1, linear tone stages on ch0: conv taps ε·(G − identity), residual 1×1 = 1/ε.
  for (const taps of [stage0, toneTaps1]) {
    pushLayer({
      conv: (o, j, k) => {
        if (o !== 0 || j !== 0) return 0;
        const tap = taps[currentTap - k] ?? 0;
        return LINEAR_EPSILON * (k === currentTap ? tap - 1 : tap);
      },
      convBias: [0, 0, 0],
      residual: (o, j) => (o === 0 && j === 0 ? 1 / LINEAR_EPSILON : 0),
      residualBias: [0, 0, 0],
    });
  }

  // Layer 2, preamp: ch0 (tone-shaped input) → tanh → ch1, with its static offset removed in the residual.
  const preampGain = 10 ** (design.preampGainDb / 20);
  pushLayer({
    conv: (o, j, k) => (o === 1 && j === 0 && k === currentTap ? preampGain : 0),
    convBias: [0, design.preampBias, 0],
    residual: (o, j) => (o === 1 && j === 1 ? 1 : 0),
    residualBias: [0, -Math.tanh(design.preampBias), 0],
  });

  // Layer 3, power amp: ch1 → tanh → ch2 skip. Its residual output feeds nothing (last layer, single array).
  pushLayer({
    conv: (o, j, k) => (o === 2 && j === 1 && k === currentTap ? design.powerAmpGain : 0),
    convBias: [0, 0, design.powerAmpBias],
    residual: () => 0,
    residualBias: [0, 0, 0],
  });

  // Head rechannel (1 × C × 16): low-pass FIR on ch2, newest tap last; its bias removes the power stage's static DC.
  const postTaps = butterworthLowpassTaps(design.postLowpassHz, HEAD_KERNEL_SIZE);
  for (let j = 0; j < CHANNELS; j++) {
    for (let k = 0; k < HEAD_KERNEL_SIZE; k++) push(j === 2 ? (postTaps[HEAD_KERNEL_SIZE - 1 - k] ?? 0) : 0);
  }
  push(-Math.tanh(design.powerAmpBias) * postTaps.reduce((sum, tap) => sum + tap, 0));

  push(design.outputGain); // head_scale: the core uses this last weight, not config.head_scale
  return weights;
}

/**
 * A `.nam` capture (format 0.7.0, one WaveNet layer array, 233 weights, receptive field 46 samples) whose weights are
 * designed by hand to act like the given kind of amp. `metadata.loudness` is measured with the float64 reference
 * forward pass on the standard test signal (see `captureLoudnessDb`).
 */
export function synthNamCapture({ name, variant }: SynthNamCaptureOptions): NamCapture {
  const design = DESIGNS[variant];
  const weights = buildWeights(design);
  const headScale = weights.at(-1) ?? 1;
  const config: NamCapture["config"] = {
    layers: [
      {
        input_size: 1,
        condition_size: 1,
        channels: CHANNELS,
        kernel_size: KERNEL_SIZE,
        dilations: DILATIONS,
        activation: "Tanh",
        gating_mode: "none",
        head: { out_channels: 1, kernel_size: HEAD_KERNEL_SIZE, bias: true },
      },
    ],
    head: null,
    head_scale: headScale,
  };
  const loudness = captureLoudnessDb({ config, weights });
  return {
    version: "0.7.0",
    architecture: "WaveNet",
    config,
    weights,
    sample_rate: SAMPLE_RATE_HZ,
    metadata: {
      name,
      modeled_by: "Guitar Tone Shootout demo",
      gear_type: "amp",
      tone_type: design.toneType,
      loudness: Math.round(loudness * 1e4) / 1e4,
    },
  };
}
