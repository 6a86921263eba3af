/**
 * @module `makeTestShootout`: a synthetic A/B program (chains take turns, `cueSeconds` each) with its cues and video
 * props, for the video test and the bench. The audio is plucked noise: aperiodic, so cross-correlation has one peak.
 */
import type { Cue } from "@gts/api/contract";
import { TEST_TONE3000_REFERENCE } from "../../test-support/render-test-assets.ts";
import { computeWaveformPeaks } from "../compute-waveform-peaks.ts";
import type { ComparisonVideoProps } from "../render-comparison.ts";

export const TEST_CHAIN_COLOURS = ["#f5a524", "#2f7bff", "#f31260", "#17c964"] as const;

export interface TestShootout {
  program: [Float32Array, Float32Array];
  sampleRateHz: number;
  durationSeconds: number;
  props: ComparisonVideoProps;
}

export function makeTestShootout(options: {
  chainCount: number;
  cueSeconds: number;
  cueCount: number;
  riffCues?: number;
}): TestShootout {
  const sampleRateHz = 48_000;
  const durationSeconds = options.cueSeconds * options.cueCount;
  const length = Math.round(durationSeconds * sampleRateHz);
  const mono = new Float32Array(length);
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32 - 0.5;
  };
  // A pluck every quarter second, brighter for higher chains, so the chains sound different.
  const pluckSamples = Math.round(0.25 * sampleRateHz);
  let low = 0;
  for (let i = 0; i < length; i++) {
    const chainIndex = Math.floor(i / (options.cueSeconds * sampleRateHz)) % options.chainCount;
    const alpha = 0.05 + 0.3 * chainIndex;
    low += alpha * (random() - low);
    const envelope = Math.exp(-(i % pluckSamples) / (0.06 * sampleRateHz));
    mono[i] = 0.8 * low * envelope * (1 + chainIndex * 0.2);
  }
  const riffCues = options.riffCues ?? options.chainCount * 2;
  const cues: Cue[] = Array.from({ length: options.cueCount }, (_, i) => ({
    startSeconds: i * options.cueSeconds,
    endSeconds: (i + 1) * options.cueSeconds,
    chainIndex: i % options.chainCount,
    diIndex: 0,
    riffIndex: Math.floor(i / riffCues),
  }));
  const chains = Array.from({ length: options.chainCount }, (_, c) => ({
    name: ["Plexi crunch", "Blue clean", "Recto modern", "Tweed edge"][c] ?? `Chain ${c + 1}`,
    colour: TEST_CHAIN_COLOURS[c % TEST_CHAIN_COLOURS.length] as string,
    blocks: [
      { type: "gate" as const, label: "Gate", detail: "−60 dB threshold" },
      {
        type: "capture" as const,
        label: `Amp capture ${c + 1}`,
        detail: "amp · modelled by test · CC BY 4.0",
        // The second chain's amp is a TONE3000 model (its intro card is not under the title card), credited.
        ...(c === 1 ? { tone3000: TEST_TONE3000_REFERENCE } : {}),
      },
      { type: "ir" as const, label: "4x12 V30", detail: "cab IR · test · CC0" },
    ],
  }));
  return {
    program: [mono, mono],
    sampleRateHz,
    durationSeconds,
    props: {
      title: "Video test shootout",
      creator: "render-node tests",
      dis: [{ name: "Test riff", notes: "synthetic plucks" }],
      chains,
      cues,
      loudness: chains.map((_, chainIndex) => ({
        diIndex: 0,
        chainIndex,
        gainDb: chainIndex * 1.5 - 1,
        integratedLufs: -14,
        truePeakDbtp: -2 - chainIndex,
      })),
      achievedLufs: -14,
      waveformPeaks: computeWaveformPeaks([mono], Math.min(1200, Math.max(2, Math.round(durationSeconds * 20)))),
      credits: ["Synthetic audio made by the test"],
      durationSeconds,
    },
  };
}
