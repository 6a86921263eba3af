import { describe, expect, it } from "vitest";
import { type ComparisonProps, comparisonPropsSchema } from "./comparison-props.ts";

const props: ComparisonProps = {
  title: "Three amps, one riff",
  chains: [
    { name: "Clean", colour: "#17c964", blockLines: ["Demo clean", "4x12 closed"] },
    { name: "Crunch", colour: "#f5a524", blockLines: ["Demo crunch", "4x12 closed"] },
  ],
  cues: [
    { startSeconds: 0, endSeconds: 4, chainIndex: 0, diIndex: 0, riffIndex: 0 },
    { startSeconds: 4, endSeconds: 8, chainIndex: 1, diIndex: 0, riffIndex: 0 },
  ],
  loudness: [
    { diIndex: 0, chainIndex: 0, gainDb: 3.2, integratedLufs: -14, truePeakDbtp: -1.5 },
    { diIndex: 0, chainIndex: 1, gainDb: -2.1, integratedLufs: -14, truePeakDbtp: -1.2 },
  ],
  audioSrc: "program.wav",
  durationSeconds: 8,
};

describe("comparisonPropsSchema", () => {
  it("accepts a two-chain A/B program", () => {
    expect(comparisonPropsSchema.parse(props)).toEqual(props);
  });

  it("rejects a cue that names a chain the video has no card for", () => {
    const result = comparisonPropsSchema.safeParse({ ...props, cues: [{ ...props.cues[0], chainIndex: 2 }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["cues", 0, "chainIndex"]);
    expect(result.error?.issues[0]?.message).toMatch(/chainIndex 2 names no chain \(there are 2\)/);
  });

  it("rejects cues that run past the end of the program", () => {
    const result = comparisonPropsSchema.safeParse({ ...props, durationSeconds: 6 });
    expect(result.error?.issues[0]?.message).toMatch(/ends at 8 s, after the program ends at 6 s/);
  });
});
