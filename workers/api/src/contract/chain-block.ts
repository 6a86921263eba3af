/** @module One block of a signal chain (gain, gate, eq, capture, ir, delay, reverb): a discriminated union on `type` with unit-named, limited parameters. */
import { z } from "zod";
import { assetIdSchema, boundedArray, defaultedNumber, enumOf, limitedNumber } from "./units.ts";

/** Every block type, in the order the chain editor offers them. */
export const CHAIN_BLOCK_TYPES = ["gain", "gate", "eq", "capture", "ir", "delay", "reverb"] as const;
export type ChainBlockType = (typeof CHAIN_BLOCK_TYPES)[number];

/** Parametric band shapes. */
export const EQ_BAND_KINDS = ["peak", "lowShelf", "highShelf"] as const;
export type EqBandKind = (typeof EQ_BAND_KINDS)[number];

/** Most bands one eq block holds; more is a sign the chain wants a second eq, and it bounds DSP cost per block. */
export const MAX_EQ_BANDS = 8;

/**
 * Limits and defaults of every block parameter, as data, so the app's controls use exactly what the schemas enforce.
 * A parameter without `default` is required (or optional where the schema says so).
 */
export const CHAIN_BLOCK_LIMITS = {
  gain: {
    gainDb: { min: -48, max: 48, default: 0 },
  },
  gate: {
    thresholdDb: { min: -100, max: 0, default: -60 },
    attackMs: { min: 0, max: 100, default: 1 },
    holdMs: { min: 0, max: 1000, default: 10 },
    releaseMs: { min: 1, max: 2000, default: 100 },
  },
  eq: {
    frequencyHz: { min: 20, max: 20000 },
    gainDb: { min: -24, max: 24, default: 0 },
    // 1/√2 (≈ 0.707) is the Butterworth q: a neutral starting point for a new band.
    q: { min: 0.1, max: 18, default: Math.SQRT1_2 },
    highPassHz: { min: 20, max: 1000 },
    lowPassHz: { min: 1000, max: 20000 },
  },
  capture: {
    slimmableSize: { min: 0, max: 1 },
  },
  ir: {
    mix: { min: 0, max: 1, default: 1 },
    gainDb: { min: -48, max: 48, default: 0 },
  },
  delay: {
    timeMs: { min: 1, max: 2000, default: 350 },
    // Below 1 so the feedback loop always decays.
    feedback: { min: 0, max: 0.95, default: 0.3 },
    mix: { min: 0, max: 1, default: 0.25 },
  },
  reverb: {
    decaySeconds: { min: 0.1, max: 10, default: 1.5 },
    preDelayMs: { min: 0, max: 200, default: 10 },
    mix: { min: 0, max: 1, default: 0.2 },
  },
} as const;

const L = CHAIN_BLOCK_LIMITS;

/** Fields every block carries: a disabled block stays in the chain (and the UI) but is bypassed by the render. */
const blockBase = z.object({
  enabled: z.boolean({ error: "enabled must be true or false" }).default(true),
});

/** A clean gain stage (boost into an amp, or trim). */
export const gainBlockSchema = blockBase.extend({
  type: z.literal("gain"),
  gainDb: defaultedNumber("gainDb", L.gain.gainDb, "dB"),
});
export type GainBlock = z.infer<typeof gainBlockSchema>;

/** A noise gate, usually first in the chain to stop high-gain captures amplifying DI hiss. */
export const gateBlockSchema = blockBase.extend({
  type: z.literal("gate"),
  thresholdDb: defaultedNumber("thresholdDb", L.gate.thresholdDb, "dB"),
  attackMs: defaultedNumber("attackMs", L.gate.attackMs, "ms"),
  holdMs: defaultedNumber("holdMs", L.gate.holdMs, "ms"),
  releaseMs: defaultedNumber("releaseMs", L.gate.releaseMs, "ms"),
});
export type GateBlock = z.infer<typeof gateBlockSchema>;

/** One parametric band (peak or shelf). */
export const eqBandSchema = z.object({
  kind: enumOf("kind", EQ_BAND_KINDS).default("peak"),
  frequencyHz: limitedNumber("frequencyHz", L.eq.frequencyHz, "Hz"),
  gainDb: defaultedNumber("gainDb", L.eq.gainDb, "dB"),
  q: defaultedNumber("q", L.eq.q),
});
export type EqBand = z.infer<typeof eqBandSchema>;

/** A parametric eq with optional high- and low-pass filters; a pass filter is off when its key is absent. */
export const eqBlockSchema = blockBase
  .extend({
    type: z.literal("eq"),
    bands: boundedArray("bands", eqBandSchema, 0, MAX_EQ_BANDS, "bands").default([]),
    highPassHz: limitedNumber("highPassHz", L.eq.highPassHz, "Hz").optional(),
    lowPassHz: limitedNumber("lowPassHz", L.eq.lowPassHz, "Hz").optional(),
  })
  // Both ranges meet at 1000 Hz; equal or crossed cut-offs would pass nothing at all.
  .superRefine((block, ctx) => {
    if (block.highPassHz !== undefined && block.lowPassHz !== undefined && block.highPassHz >= block.lowPassHz) {
      ctx.addIssue({
        code: "custom",
        path: ["lowPassHz"],
        message: `lowPassHz must be above highPassHz (${block.highPassHz} Hz)`,
        input: block.lowPassHz,
      });
    }
  });
export type EqBlock = z.infer<typeof eqBlockSchema>;

/** A Neural Amp Modeler capture (amp or pedal); several may sit in one chain (pedal into amp). */
export const captureBlockSchema = blockBase.extend({
  type: z.literal("capture"),
  assetId: assetIdSchema,
  /** Only for slimmable models / containers: 0 is the smallest size, 1 the full model; absent means the full model. */
  slimmableSize: limitedNumber("slimmableSize", L.capture.slimmableSize).optional(),
});
export type CaptureBlock = z.infer<typeof captureBlockSchema>;

/** A cabinet impulse response, convolved at the chain rate; `mix` blends it with the dry signal. */
export const irBlockSchema = blockBase.extend({
  type: z.literal("ir"),
  assetId: assetIdSchema,
  mix: defaultedNumber("mix", L.ir.mix),
  gainDb: defaultedNumber("gainDb", L.ir.gainDb, "dB"),
});
export type IrBlock = z.infer<typeof irBlockSchema>;

/** A feedback delay. */
export const delayBlockSchema = blockBase.extend({
  type: z.literal("delay"),
  timeMs: defaultedNumber("timeMs", L.delay.timeMs, "ms"),
  feedback: defaultedNumber("feedback", L.delay.feedback),
  mix: defaultedNumber("mix", L.delay.mix),
});
export type DelayBlock = z.infer<typeof delayBlockSchema>;

/** An algorithmic reverb. */
export const reverbBlockSchema = blockBase.extend({
  type: z.literal("reverb"),
  decaySeconds: defaultedNumber("decaySeconds", L.reverb.decaySeconds, "s"),
  preDelayMs: defaultedNumber("preDelayMs", L.reverb.preDelayMs, "ms"),
  mix: defaultedNumber("mix", L.reverb.mix),
});
export type ReverbBlock = z.infer<typeof reverbBlockSchema>;

/** Message for a missing or unknown discriminator, shared with the render spec's block union. */
export const CHAIN_BLOCK_TYPE_ERROR = `type must be one of: ${CHAIN_BLOCK_TYPES.join(", ")}`;

/** Any chain block, chosen by `type`; `parse` fills every default. */
export const chainBlockSchema = z.discriminatedUnion(
  "type",
  [
    gainBlockSchema,
    gateBlockSchema,
    eqBlockSchema,
    captureBlockSchema,
    irBlockSchema,
    delayBlockSchema,
    reverbBlockSchema,
  ],
  { error: CHAIN_BLOCK_TYPE_ERROR },
);
export type ChainBlock = z.infer<typeof chainBlockSchema>;
/** What a client may send: defaulted fields are optional. */
export type ChainBlockInput = z.input<typeof chainBlockSchema>;

// Keeps CHAIN_BLOCK_TYPES and the union in step: a block added to one but not the other fails type-checking here.
const _blockTypesMatch: [ChainBlockType, ChainBlock["type"]] extends [ChainBlock["type"], ChainBlockType]
  ? true
  : never = true;
void _blockTypesMatch;
