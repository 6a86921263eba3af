import {
  arrangementSchema,
  creditLine,
  ENGINE_VERSION,
  renderSpecSchema,
  type Tone3000Reference,
} from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import { tone3000Credits } from "../../../remotion/src/helpers/tone3000-credits.ts";
import { shootoutPropsSchema } from "../../../remotion/src/shootout-props.ts";
import { TEST_TONE3000_REFERENCE } from "../test-support/render-test-assets.ts";
import { buildShootoutProps } from "./build-shootout-props.ts";

const JCM800 = TEST_TONE3000_REFERENCE;
const CAB: Tone3000Reference = {
  toneId: 90,
  modelId: 9001,
  toneTitle: "Mesa 4x12 V30",
  modelName: "SM57 cap edge",
  creator: "irmaker",
  licence: "cc-by-nc",
  toneUrl: "https://www.tone3000.com/tones/mesa-4x12-90",
};
const sha = (n: number) => String(n).repeat(64).slice(0, 64);

/** A render spec whose chain A uses two TONE3000 models and chain B the same amp model plus the user's own IR. */
function renderSpec(options: { tone3000: boolean }) {
  const t3k = (reference: Tone3000Reference) => (options.tone3000 ? { tone3000: reference } : {});
  return renderSpecSchema.parse({
    renderId: "render-credits",
    engineVersion: ENGINE_VERSION,
    shootout: { title: "Credits test", description: "Strat, bridge pickup" },
    diTracks: [{ assetId: "asset-di", sha256: sha(1), fileName: "riff.wav", durationSeconds: 4, sampleRateHz: 48000 }],
    chains: [
      {
        name: "TONE3000 rig",
        colour: "#f5a524",
        blocks: [
          { type: "capture", assetId: "asset-jcm800", sha256: sha(2), fileName: "jcm800.nam", ...t3k(JCM800) },
          { type: "ir", assetId: "asset-cab", sha256: sha(3), fileName: "mesa-v30.wav", ...t3k(CAB) },
        ],
      },
      {
        name: "Mixed rig",
        colour: "#2f7bff",
        blocks: [
          { type: "gain", gainDb: 3 },
          { type: "capture", assetId: "asset-jcm800", sha256: sha(2), fileName: "jcm800.nam", ...t3k(JCM800) },
          { type: "ir", assetId: "asset-own-ir", sha256: sha(4), fileName: "own-cab.wav" },
        ],
      },
    ],
    arrangement: arrangementSchema.parse({ mode: "full" }),
  });
}

/** As runRenderJob builds them: the render spec's chains, with their TONE3000 references, and a silent program. */
function propsOf(spec: ReturnType<typeof renderSpec>) {
  return buildShootoutProps({
    spec: { ...spec.shootout, visibility: "private", ...spec },
    paths: new Map(
      [...spec.diTracks, ...spec.chains.flatMap((c) => c.blocks)].flatMap((b) =>
        "fileName" in b ? [[b.assetId, b.fileName] as const] : [],
      ),
    ),
    captureFacts: new Map(),
    program: [new Float32Array(48_000)],
    cues: [{ startSeconds: 0, endSeconds: 1, chainIndex: 0, diIndex: 0 }],
    loudness: [],
    achievedLufs: -14,
    durationSeconds: 1,
  });
}

describe("buildShootoutProps with TONE3000 models", () => {
  it("carries each block's TONE3000 reference and derives one credit per distinct model", () => {
    const props = propsOf(renderSpec({ tone3000: true }));
    const [rigA, rigB] = props.chains;
    expect(rigA?.blocks.map((block) => block.tone3000)).toEqual([JCM800, CAB]);
    expect(rigB?.blocks.map((block) => block.tone3000)).toEqual([undefined, JCM800, undefined]);
    expect(tone3000Credits(props.chains)).toEqual({
      lines: [
        "JCM800 2203 (JCM800 capture 3) by szymon · CC BY 4.0",
        "Mesa 4x12 V30 (SM57 cap edge) by irmaker · CC BY-NC 4.0",
      ],
      branding: { poweredBy: "Powered by TONE3000", site: "tone3000.com" },
    });
    expect(tone3000Credits(props.chains).lines).toEqual([creditLine(JCM800), creditLine(CAB)]);
    // The generic lines credit only what is not a TONE3000 model.
    expect(props.credits).toEqual(["Cab IR “own-cab”", "Loudness-matched and rendered with Guitar Tone Shootout"]);
    // And the composition's schema keeps them.
    const parsed = shootoutPropsSchema.parse({ ...props, audioSrc: null });
    expect(parsed.chains[0]?.blocks[0]?.tone3000).toEqual(JCM800);
  });

  it("adds no TONE3000 credit or branding when no block uses a TONE3000 model", () => {
    const props = propsOf(renderSpec({ tone3000: false }));
    expect(props.chains.flatMap((chain) => chain.blocks).some((block) => "tone3000" in block)).toBe(false);
    expect(tone3000Credits(props.chains)).toEqual({ lines: [], branding: null });
    expect(props.credits).toEqual([
      "Capture “jcm800”",
      "Cab IR “mesa-v30”",
      "Cab IR “own-cab”",
      "Loudness-matched and rendered with Guitar Tone Shootout",
    ]);
  });
});
