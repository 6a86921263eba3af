/** @module The loudness result of one segment (one DI through one chain), shared by the `segment` progress event and the artifact manifest. */
import { z } from "zod";
import { rangedInt, rangedNumber } from "./units.ts";

/**
 * Measured per ITU-R BS.1770-4 after `gainDb` was applied. Integrated loudness passes the −70 LUFS absolute gate, so
 * it is never below −70; a segment with nothing above the gate cannot be loudness-matched and must fail the render
 * instead (JSON cannot carry −Infinity).
 */
export const segmentLoudnessSchema = z.object({
  diIndex: rangedInt("diIndex", 0),
  chainIndex: rangedInt("chainIndex", 0),
  gainDb: rangedNumber("gainDb", Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, "dB"),
  integratedLufs: rangedNumber("integratedLufs", -70, Number.POSITIVE_INFINITY, "LUFS"),
  truePeakDbtp: rangedNumber("truePeakDbtp", Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, "dBTP"),
});
export type SegmentLoudness = z.infer<typeof segmentLoudnessSchema>;
