/**
 * @module Props of the comparison video: what the render node passes to Remotion (`inputProps`). The composition
 * itself comes with the video work; the props are fixed here so the render node and the video agree on one schema,
 * built from the shared contract (chains, cue list, per-segment loudness) rather than restated.
 */
import { chainColourSchema, cueListSchema, segmentLoudnessSchema } from "@gts/api/contract";
import { z } from "zod";

export const comparisonChainCardSchema = z.object({
  name: z.string().min(1).max(60),
  colour: chainColourSchema,
  /** One line per block as shown on the card, e.g. "JCM800 capture 3 (szymon, TONE3000)". */
  blockLines: z.array(z.string().max(120)).max(16),
});
export type ComparisonChainCard = z.infer<typeof comparisonChainCardSchema>;

export const comparisonPropsSchema = z
  .object({
    title: z.string().min(1).max(120),
    chains: z.array(comparisonChainCardSchema).min(2).max(8),
    cues: cueListSchema,
    loudness: z.array(segmentLoudnessSchema),
    /** The program WAV, as a URL or a path in the bundle's public folder. */
    audioSrc: z.string().min(1),
    durationSeconds: z.number().positive().max(3600, "durationSeconds must be at most 3600 s"),
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
      if (cue.endSeconds > props.durationSeconds) {
        ctx.addIssue({
          code: "custom",
          path: ["cues", index, "endSeconds"],
          message: `cues[${index}] ends at ${cue.endSeconds} s, after the program ends at ${props.durationSeconds} s`,
        });
      }
    }
  });
export type ComparisonProps = z.infer<typeof comparisonPropsSchema>;
