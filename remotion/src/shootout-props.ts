/**
 * @module Props of the shootout videos (`Shootout`, `ShootoutShort`, `Thumbnail`): what the render node passes to
 * Remotion as `inputProps`. Built from the shared contract (chain colours, cue list, per-segment loudness) rather
 * than restated; everything costly (waveform peaks, block descriptions) arrives precomputed so frames stay cheap.
 */
import {
  CHAIN_BLOCK_TYPES,
  chainColourSchema,
  cueListSchema,
  segmentLoudnessSchema,
  tone3000ReferenceSchema,
} from "@gts/api/contract";
import { z } from "zod";

/** One block of a chain as drawn in the signal-flow diagram and on the intro card. */
export const blockCardSchema = z.object({
  type: z.enum(CHAIN_BLOCK_TYPES),
  /** Short name in the diagram box, e.g. "JCM800 #3" or "Gate". */
  label: z.string().min(1).max(40),
  /** One line for the intro card, e.g. "amp · modelled by szymon · CC BY 4.0". */
  detail: z.string().max(120).default(""),
  enabled: z.boolean().default(true),
  /**
   * The TONE3000 model this block uses (capture or IR), from the render spec: the intro card names its creator and
   * licence under the block, and the end card credits it (see helpers/tone3000-credits.ts).
   */
  tone3000: tone3000ReferenceSchema.optional(),
});
export type BlockCard = z.infer<typeof blockCardSchema>;

export const chainCardSchema = z.object({
  name: z.string().min(1).max(60),
  colour: chainColourSchema,
  blocks: z.array(blockCardSchema).min(1).max(16),
});
export type ChainCard = z.infer<typeof chainCardSchema>;

/** A DI track as credited on the title card: what was played on what. */
export const diCardSchema = z.object({
  name: z.string().min(1).max(80),
  /** Guitar, pickup, tuning: free text. */
  notes: z.string().max(160).default(""),
});
export type DiCard = z.infer<typeof diCardSchema>;

export const shootoutPropsSchema = z
  .object({
    title: z.string().min(1).max(120),
    creator: z.string().max(80).default(""),
    dis: z.array(diCardSchema).min(1).max(8),
    chains: z.array(chainCardSchema).min(2).max(8),
    cues: cueListSchema.refine((cues) => cues.length > 0, "cues must not be empty"),
    loudness: z.array(segmentLoudnessSchema),
    /** The level every segment was matched to, LUFS. */
    achievedLufs: z.number(),
    /** Program peaks (0..1), evenly spaced over the whole program: the waveform is drawn from these, not decoded. */
    waveformPeaks: z.array(z.number().min(0).max(1)).min(2).max(2000),
    /** Credits and licences for the end card, one line each; TONE3000 models are credited from their blocks. */
    credits: z.array(z.string().max(160)).max(24).default([]),
    /** The program WAV: a URL, or a path in the bundle's public folder; null renders silent (Studio previews). */
    audioSrc: z.string().min(1).nullable(),
    durationSeconds: z.number().positive().max(3600, "durationSeconds must be at most 3600 s"),
    /**
     * Frames the browser draws per second; the encoder repeats each to the 30 fps output. Nothing on screen moves
     * more than a few pixels per output frame (the playhead crosses 1920 px in the whole program), so drawing 15 fps
     * looks the same and halves the render time; the Studio previews at 30.
     */
    drawFps: z.union([z.literal(30), z.literal(15), z.literal(10)]).default(30),
  })
  .superRefine((props, ctx) => {
    for (const [index, cue] of props.cues.entries()) {
      if (cue.chainIndex >= props.chains.length) {
        ctx.addIssue({
          code: "custom",
          path: ["cues", index, "chainIndex"],
          message: `cues[${index}].chainIndex ${cue.chainIndex} names no chain (there are ${props.chains.length})`,
        });
      }
      if (cue.diIndex >= props.dis.length) {
        ctx.addIssue({
          code: "custom",
          path: ["cues", index, "diIndex"],
          message: `cues[${index}].diIndex ${cue.diIndex} names no DI (there are ${props.dis.length})`,
        });
      }
      // A cue may end up to a millisecond late: cue times are sample counts divided by the rate, rounded.
      if (cue.endSeconds > props.durationSeconds + 0.001) {
        ctx.addIssue({
          code: "custom",
          path: ["cues", index, "endSeconds"],
          message: `cues[${index}] ends at ${cue.endSeconds} s, after the program ends at ${props.durationSeconds} s`,
        });
      }
    }
  });
export type ShootoutProps = z.infer<typeof shootoutPropsSchema>;
/** What a caller may pass: defaulted fields are optional. */
export type ShootoutPropsInput = z.input<typeof shootoutPropsSchema>;
