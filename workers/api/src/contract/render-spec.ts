/** @module What a render node receives: every input of one render frozen (asset digests, resolved blocks and arrangement, output format). */
import { z } from "zod";
import { resolvedArrangementSchema } from "./arrangement.ts";
import { blockListOf, chainSchema } from "./chain.ts";
import {
  CHAIN_BLOCK_TYPE_ERROR,
  captureBlockSchema,
  delayBlockSchema,
  eqBlockSchema,
  gainBlockSchema,
  gateBlockSchema,
  irBlockSchema,
  reverbBlockSchema,
} from "./chain-block.ts";
import { checkRiffsWithinDuration, diTrackSchema } from "./di-track.ts";
import {
  MAX_CHAINS,
  MAX_DI_TRACKS,
  MIN_CHAINS,
  shootoutDescriptionSchema,
  shootoutTitleSchema,
} from "./shootout-spec.ts";
import { tone3000ReferenceSchema } from "./tone3000/tone3000-reference.ts";
import {
  boundedArray,
  fileNameSchema,
  positiveNumber,
  rangedInt,
  renderIdSchema,
  sha256HexSchema,
  typeError,
} from "./units.ts";

/** The program is always 48 kHz stereo (YouTube's recommended AAC rate, and the usual NAM training rate). */
export const RENDER_SAMPLE_RATE_HZ = 48000;

/** Video limits; even sizes because yuv420p halves chroma resolution in both directions. */
export const RENDER_VIDEO_LIMITS = {
  widthPx: { min: 320, max: 3840, default: 1920 },
  heightPx: { min: 320, max: 3840, default: 1080 },
  fps: { min: 24, max: 60, default: 30 },
} as const;

/** DI sample rates the decoder accepts (telephone-band to high-resolution studio files). */
export const DI_SAMPLE_RATE_LIMITS_HZ = { min: 8000, max: 384000 } as const;

/**
 * The engine version is part of every segment's cache key (DI bytes, blocks, engine version), so it must be exact:
 * 1..64 visible ASCII characters, e.g. "1.4.0" or "gts-engine@1.4.0+cuda".
 */
export const engineVersionSchema = z
  .string({ error: typeError("engineVersion", "a string") })
  .regex(/^[\x21-\x7e]{1,64}$/, { error: "engineVersion must be 1 to 64 visible ASCII characters (no spaces)" });
export type EngineVersion = z.infer<typeof engineVersionSchema>;

/**
 * The engine version renders are requested for today. Bump it when rendered audio could change for the same inputs:
 * it invalidates every cached segment. Render nodes report the versions they run (see render-node capabilities).
 */
export const ENGINE_VERSION = "0.1.0";

/**
 * What the node needs to fetch and verify one asset without asking the api what it is. `tone3000` marks a model used
 * by reference from TONE3000: the api streams it from TONE3000 for this render only, and the node must not keep it
 * (no shared cache) once the render is done; the video credits it.
 */
const frozenAssetShape = {
  sha256: sha256HexSchema,
  fileName: fileNameSchema,
  tone3000: tone3000ReferenceSchema.optional(),
};

/** A DI track with its asset frozen; riffs are checked against the real duration here because the node knows it. */
export const renderDiTrackSchema = diTrackSchema
  .extend({
    ...frozenAssetShape,
    durationSeconds: positiveNumber("durationSeconds", "s"),
    sampleRateHz: rangedInt("sampleRateHz", DI_SAMPLE_RATE_LIMITS_HZ.min, DI_SAMPLE_RATE_LIMITS_HZ.max, "Hz"),
  })
  .superRefine((track, ctx) => {
    const message = checkRiffsWithinDuration(track.riffs, track.durationSeconds);
    if (message === null) return;
    const index = track.riffs.findIndex((riff) => riff.endSeconds > track.durationSeconds);
    ctx.addIssue({
      code: "custom",
      path: index >= 0 ? ["riffs", index, "endSeconds"] : ["durationSeconds"],
      message,
      input: track,
    });
  });
export type RenderDiTrack = z.infer<typeof renderDiTrackSchema>;

/** A capture block with its `.nam` file frozen. */
export const renderCaptureBlockSchema = captureBlockSchema.extend(frozenAssetShape);
export type RenderCaptureBlock = z.infer<typeof renderCaptureBlockSchema>;

/** An IR block with its audio file frozen. */
export const renderIrBlockSchema = irBlockSchema.extend(frozenAssetShape);
export type RenderIrBlock = z.infer<typeof renderIrBlockSchema>;

/** Any block of a render chain: the authoring blocks, with capture and ir carrying their frozen files. */
export const renderChainBlockSchema = z.discriminatedUnion(
  "type",
  [
    gainBlockSchema,
    gateBlockSchema,
    eqBlockSchema,
    renderCaptureBlockSchema,
    renderIrBlockSchema,
    delayBlockSchema,
    reverbBlockSchema,
  ],
  { error: CHAIN_BLOCK_TYPE_ERROR },
);
export type RenderChainBlock = z.infer<typeof renderChainBlockSchema>;

/** A chain whose asset blocks are frozen. */
export const renderChainSchema = chainSchema.extend({ blocks: blockListOf(renderChainBlockSchema) });
export type RenderChain = z.infer<typeof renderChainSchema>;

const V = RENDER_VIDEO_LIMITS;

function videoDimension(field: "width" | "height", limit: { min: number; max: number; default: number }) {
  return rangedInt(field, limit.min, limit.max, "px")
    .multipleOf(2, { error: `${field} must be an even number of pixels (yuv420p)` })
    .default(limit.default);
}

/** The 16:9 video; defaults to 1920×1080 at 30 fps. */
export const renderVideoSchema = z.object({
  width: videoDimension("width", V.widthPx),
  height: videoDimension("height", V.heightPx),
  fps: rangedInt("fps", V.fps.min, V.fps.max, "fps").default(V.fps.default),
});
export type RenderVideo = z.infer<typeof renderVideoSchema>;

/** Output format; `short9x16` adds the vertical short next to the 16:9 video. */
export const renderOutputSchema = z.object({
  sampleRateHz: z
    .literal(RENDER_SAMPLE_RATE_HZ, { error: `sampleRateHz must be ${RENDER_SAMPLE_RATE_HZ} Hz` })
    .default(RENDER_SAMPLE_RATE_HZ),
  video: renderVideoSchema.prefault({}),
  short9x16: z.boolean({ error: "short9x16 must be true or false" }).default(false),
});
export type RenderOutput = z.infer<typeof renderOutputSchema>;

/**
 * Everything one render needs, frozen when the render is requested. The api hashes `canonicalJson` of the parsed
 * spec (see canonical-json.ts) to name it; the arrangement must arrive with every default resolved.
 */
export const renderSpecSchema = z.object({
  renderId: renderIdSchema,
  engineVersion: engineVersionSchema,
  shootout: z.object({ title: shootoutTitleSchema, description: shootoutDescriptionSchema }),
  diTracks: boundedArray("diTracks", renderDiTrackSchema, 1, MAX_DI_TRACKS, "DI tracks"),
  chains: boundedArray("chains", renderChainSchema, MIN_CHAINS, MAX_CHAINS, "chains"),
  arrangement: resolvedArrangementSchema,
  output: renderOutputSchema.prefault({}),
});
export type RenderSpec = z.infer<typeof renderSpecSchema>;
export type RenderSpecInput = z.input<typeof renderSpecSchema>;
