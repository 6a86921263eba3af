import {
  creditLine,
  type NamModelFacts,
  type ShootoutSpec,
  shootoutSpecSchema,
  type Tone3000Reference,
} from "@gts/api/contract";
import { shootoutPropsSchema } from "@gts/remotion/props";
import { describe, expect, it } from "vitest";
import { tone3000Credits } from "../../remotion/src/helpers/tone3000-credits.ts";
import { type PreviewAsset, type PreviewInput, type PreviewRender, plannedCues, videoPreview } from "./preview-props";

const JCM800: Tone3000Reference = {
  toneId: 42,
  modelId: 4201,
  toneTitle: "JCM800 2203",
  modelName: "JCM800 capture 3",
  creator: "szymon",
  licence: "cc-by",
  toneUrl: "https://www.tone3000.com/tones/jcm800-42",
};
const CAB: Tone3000Reference = {
  toneId: 90,
  modelId: 9001,
  toneTitle: "Mesa 4x12 V30",
  modelName: "SM57 cap edge",
  creator: "irmaker",
  licence: "cc-by-nc",
  toneUrl: "https://www.tone3000.com/tones/mesa-4x12-90",
};

function captureFacts(facts: Partial<NamModelFacts>): NamModelFacts {
  return {
    architecture: "WaveNet",
    variant: "standard",
    sizePreset: null,
    receptiveFieldSamples: 8192,
    weightCount: 13_000,
    sampleRateHz: 48_000,
    loudnessDb: null,
    inputLevelDbu: null,
    outputLevelDbu: null,
    validationEsr: null,
    modeledBy: null,
    gearType: null,
    gearMake: null,
    gearModel: null,
    toneType: null,
    name: null,
    slimmableSizes: null,
    fileVersion: "0.5.4",
    ...facts,
  } as NamModelFacts;
}

const audio = (durationSeconds: number) =>
  ({
    kind: "audio",
    format: "wav-pcm",
    bitDepth: 24,
    sampleRateHz: 48_000,
    channels: 1,
    durationSeconds,
    peakDbfs: -3,
  }) as const;

const ASSETS: PreviewAsset[] = [
  { id: "asset-di-1", fileName: "strat-bridge.wav", metadata: audio(8), tone3000: null },
  { id: "asset-di-2", fileName: "lp-neck.flac", metadata: audio(6), tone3000: null },
  {
    id: "asset-cap-t3k",
    fileName: "jcm800.nam",
    metadata: { kind: "capture", facts: captureFacts({ name: "JCM800 #3", gearType: "amp", modeledBy: "szymon" }) },
    tone3000: JCM800,
  },
  {
    id: "asset-cap-own",
    fileName: "my-plexi.nam",
    metadata: {
      kind: "capture",
      facts: captureFacts({ gearType: "amp", gearMake: "Marshall", gearModel: "Plexi", modeledBy: "me" }),
    },
    tone3000: null,
  },
  { id: "asset-ir-t3k", fileName: "mesa-v30.wav", metadata: audio(0.2), tone3000: CAB },
  { id: "asset-ir-own", fileName: "own-cab.wav", metadata: audio(0.2), tone3000: null },
];

/** Two DIs (the first with two marked riffs, the second played whole), two chains mixing TONE3000 and own files. */
function spec(arrangement: Record<string, unknown> = { mode: "ab" }): ShootoutSpec {
  return shootoutSpecSchema.parse({
    title: "Plexi vs JCM800",
    description: "Strat, bridge pickup\nsecond line",
    diTracks: [
      {
        assetId: "asset-di-1",
        riffs: [
          { startSeconds: 0.5, endSeconds: 4.5 },
          { startSeconds: 5, endSeconds: 7.5 },
        ],
      },
      { assetId: "asset-di-2" },
    ],
    chains: [
      {
        name: "TONE3000 rig",
        colour: "#f5a524",
        blocks: [
          { type: "capture", assetId: "asset-cap-t3k" },
          { type: "ir", assetId: "asset-ir-t3k" },
        ],
      },
      {
        name: "Own rig",
        colour: "#2f7bff",
        blocks: [
          { type: "gain", gainDb: 3 },
          { type: "capture", assetId: "asset-cap-own" },
          { type: "ir", assetId: "asset-ir-own", mix: 0.5 },
        ],
      },
    ],
    arrangement,
  });
}

/** What the api's planShootout gives for {@link spec}: DI 1's riffs total 6.5 s, DI 2 is played whole (6 s). */
function planOf(shootout: ShootoutSpec, renderSpecHash: string | null = "a".repeat(64)): PreviewInput["plan"] {
  const sources = [6.5, 6];
  const segments = shootout.diTracks.flatMap((_, diIndex) =>
    shootout.chains.map((_, chainIndex) => ({ diIndex, chainIndex, sourceSeconds: sources[diIndex] as number })),
  );
  const a = shootout.arrangement;
  const programSeconds =
    a.mode === "ab"
      ? a.rounds *
        shootout.chains.length *
        (Math.min(a.riffSeconds, 4) + Math.min(a.riffSeconds, 2.5) + Math.min(a.riffSeconds, 6))
      : shootout.chains.length * (6.5 + 6) + a.gapSeconds * (segments.length - 1);
  return { segments, programSeconds, renderSpecHash };
}

function finishedRender(overrides: Partial<PreviewRender> = {}): PreviewRender {
  return {
    id: "render-1",
    status: "succeeded",
    specHash: "a".repeat(64),
    artifacts: {
      artifacts: [
        { name: "video.mp4", kind: "video", contentType: "video/mp4", bytes: 10, sha256: "b".repeat(64) },
        { name: "program.wav", kind: "program-wav", contentType: "audio/wav", bytes: 10, sha256: "c".repeat(64) },
      ],
      cues: [
        { startSeconds: 0, endSeconds: 3.995, chainIndex: 0, diIndex: 0, riffIndex: 0 },
        { startSeconds: 3.995, endSeconds: 7.99, chainIndex: 1, diIndex: 0, riffIndex: 0 },
        { startSeconds: 7.99, endSeconds: 11.985, chainIndex: 0, diIndex: 1, riffIndex: 0 },
        { startSeconds: 11.985, endSeconds: 15.98, chainIndex: 1, diIndex: 1, riffIndex: 0 },
      ],
      loudness: [
        { diIndex: 0, chainIndex: 0, gainDb: -3.2, integratedLufs: -14.01, truePeakDbtp: -2 },
        { diIndex: 0, chainIndex: 1, gainDb: 1.5, integratedLufs: -14, truePeakDbtp: -6 },
        { diIndex: 1, chainIndex: 0, gainDb: -2.2, integratedLufs: -13.99, truePeakDbtp: -1.5 },
        { diIndex: 1, chainIndex: 1, gainDb: 0.4, integratedLufs: -14, truePeakDbtp: -4 },
      ],
    },
    ...overrides,
  };
}

function preview(overrides: Partial<PreviewInput> = {}) {
  const shootout = overrides.shootout ?? spec();
  return videoPreview({
    shootout,
    plan: planOf(shootout),
    assets: ASSETS,
    renders: [],
    origin: "https://gts.example",
    ...overrides,
  });
}

/** The props, checked to be exactly what the compositions' schema accepts (a parse changes nothing). */
function validProps(result: ReturnType<typeof videoPreview>) {
  if (!result.ok) throw new Error(`no preview: ${result.message}`);
  expect(shootoutPropsSchema.parse(result.props)).toEqual(result.props);
  return result.props;
}

describe("videoPreview before any render (from the plan)", () => {
  it("lays out DI × riff × round × chain cues as the node does, covering every planned segment", () => {
    const shootout = spec();
    const plan = planOf(shootout);
    const result = preview({ shootout, plan });
    const props = validProps(result);
    expect(result).toMatchObject({ source: "plan", rendered: "never" });
    // ab, 2 rounds: DI 1 has 2 riffs, DI 2 (no riffs) counts as 1: 3 riffs × 2 rounds × 2 chains.
    expect(props.cues).toHaveLength(3 * 2 * 2);
    const pairs = new Set(props.cues.map((cue) => `${cue.diIndex}:${cue.chainIndex}`));
    expect([...pairs]).toEqual(plan.segments.map((s) => `${s.diIndex}:${s.chainIndex}`));
    expect(props.cues.slice(0, 4)).toEqual([
      { startSeconds: 0, endSeconds: 4, diIndex: 0, chainIndex: 0, riffIndex: 0 },
      { startSeconds: 4, endSeconds: 8, diIndex: 0, chainIndex: 1, riffIndex: 0 },
      { startSeconds: 8, endSeconds: 12, diIndex: 0, chainIndex: 0, riffIndex: 0 },
      { startSeconds: 12, endSeconds: 16, diIndex: 0, chainIndex: 1, riffIndex: 0 },
    ]);
    expect(props.cues.at(-1)).toMatchObject({
      diIndex: 1,
      chainIndex: 1,
      riffIndex: 0,
      endSeconds: plan.programSeconds,
    });
    expect(props.durationSeconds).toBe(plan.programSeconds);
    // Silent, loudness unknown, the level at the target, a flat waveform as long as the node's.
    expect(props).toMatchObject({ audioSrc: null, loudness: [], achievedLufs: -14, creator: "" });
    expect(props.waveformPeaks).toHaveLength(Math.min(640, Math.round(plan.programSeconds * 20)));
    expect(new Set(props.waveformPeaks)).toEqual(new Set([0.5]));
  });

  it("plays every segment whole, gapSeconds apart, in full mode: one cue per planned segment", () => {
    const shootout = spec({ mode: "full", gapSeconds: 1 });
    const plan = planOf(shootout);
    const props = validProps(preview({ shootout, plan }));
    expect(props.cues).toHaveLength(plan.segments.length);
    expect(props.cues.map((cue) => [cue.diIndex, cue.chainIndex, cue.startSeconds, cue.endSeconds])).toEqual([
      [0, 0, 0, 6.5],
      [0, 1, 7.5, 14],
      [1, 0, 15, 21],
      [1, 1, 22, 28],
    ]);
    expect(props.durationSeconds).toBe(plan.programSeconds);
    // Silence between takes is drawn as silence.
    expect(props.waveformPeaks[Math.floor((7 / 28) * props.waveformPeaks.length)]).toBe(0);
  });

  it("draws the chain cards the node draws, TONE3000 models credited from their references", () => {
    const props = validProps(preview());
    expect(props.title).toBe("Plexi vs JCM800");
    expect(props.dis).toEqual([
      { name: "strat-bridge", notes: "Strat, bridge pickup" },
      { name: "lp-neck", notes: "" },
    ]);
    expect(props.chains).toEqual([
      {
        name: "TONE3000 rig",
        colour: "#f5a524",
        blocks: [
          {
            type: "capture",
            label: "JCM800 #3",
            detail: "amp · modelled by szymon · NAM WaveNet",
            enabled: true,
            tone3000: JCM800,
          },
          { type: "ir", label: "mesa-v30", detail: "cab IR", enabled: true, tone3000: CAB },
        ],
      },
      {
        name: "Own rig",
        colour: "#2f7bff",
        blocks: [
          { type: "gain", label: "Gain +3 dB", detail: "clean gain stage", enabled: true },
          {
            type: "capture",
            label: "my-plexi",
            detail: "amp · Marshall Plexi · modelled by me · NAM WaveNet",
            enabled: true,
          },
          { type: "ir", label: "own-cab", detail: "cab IR · 50 % wet", enabled: true },
        ],
      },
    ]);
    // Own files are credited by line; TONE3000 models on the end card, one line each, with the branding.
    expect(props.credits).toEqual([
      "Capture “my-plexi” by me",
      "Cab IR “own-cab”",
      "Loudness-matched and rendered with Guitar Tone Shootout",
    ]);
    expect(tone3000Credits(props.chains)).toEqual({
      lines: [creditLine(JCM800), creditLine(CAB)],
      branding: { poweredBy: "Powered by TONE3000", site: "tone3000.com" },
    });
  });

  it("follows an edit: new chains, riffs and rounds change the props", () => {
    const before = validProps(preview());
    const edited = spec({ mode: "ab", rounds: 1, riffSeconds: 3 });
    edited.chains = [...edited.chains].reverse();
    const after = validProps(preview({ shootout: edited, plan: planOf(edited) }));
    expect(after.chains.map((c) => c.name)).toEqual(["Own rig", "TONE3000 rig"]);
    expect(after.cues).toHaveLength(3 * 1 * 2);
    expect(after.cues[0]).toMatchObject({ startSeconds: 0, endSeconds: 3 });
    expect(after.durationSeconds).toBeLessThan(before.durationSeconds);
  });

  it("says what is missing instead of giving props the compositions would refuse", () => {
    const one = spec();
    one.chains = one.chains.slice(0, 1);
    expect(preview({ shootout: one, plan: planOf(one) })).toEqual({
      ok: false,
      message: "A shootout video compares at least 2 chains: add another chain to preview it.",
    });
    const shootout = spec();
    shootout.diTracks = [{ ...(shootout.diTracks[1] as ShootoutSpec["diTracks"][number]) }];
    const silent = {
      segments: [{ diIndex: 0, chainIndex: 0, sourceSeconds: 0 }],
      programSeconds: 0,
      renderSpecHash: null,
    };
    expect(preview({ shootout, plan: silent })).toMatchObject({ ok: false, message: /Nothing to preview yet/ });
  });
});

describe("videoPreview after a render", () => {
  it("uses the finished render of the shootout as it is: its cues, loudness and program audio", () => {
    const result = preview({ renders: [finishedRender()] });
    const props = validProps(result);
    expect(result).toMatchObject({ source: "render", renderId: "render-1" });
    expect(props.cues).toEqual(finishedRender().artifacts?.cues);
    expect(props.loudness).toEqual(finishedRender().artifacts?.loudness);
    expect(props.durationSeconds).toBe(15.98);
    expect(props.audioSrc).toBe("https://gts.example/files/renders/render-1/artifacts/program.wav");
    // Every segment was matched to the same level: the median of the measurements.
    expect(props.achievedLufs).toBe(-14);
    // The same cards as before the render; a flat waveform per segment at its true peak (−6 dBTP ≈ 0.5).
    expect(props.chains).toEqual(validProps(preview()).chains);
    expect(props.waveformPeaks[0]).toBeCloseTo(10 ** (-2 / 20));
    expect(props.waveformPeaks[Math.floor((6 / 15.98) * props.waveformPeaks.length)]).toBeCloseTo(0.5012, 3);
  });

  it("looks past a newer render that has not finished to the last one of the same spec", () => {
    const running = finishedRender({ id: "render-2", status: "running", artifacts: null });
    expect(preview({ renders: [running, finishedRender()] })).toMatchObject({ source: "render", renderId: "render-1" });
  });

  it("previews the plan, silent, once the shootout was edited after its render", () => {
    const shootout = spec({ mode: "ab", rounds: 1 });
    const result = preview({ shootout, plan: planOf(shootout, "d".repeat(64)), renders: [finishedRender()] });
    const props = validProps(result);
    expect(result).toMatchObject({ source: "plan", rendered: "changed-since" });
    expect(props).toMatchObject({ audioSrc: null, loudness: [] });
    expect(props.cues).toHaveLength(3 * 1 * 2);
    // A failed or canceled render is no render.
    expect(preview({ renders: [finishedRender({ status: "failed", artifacts: null })] })).toMatchObject({
      source: "plan",
      rendered: "never",
    });
  });
});

describe("plannedCues", () => {
  it("places a DI with no marked riffs as one riff from its start, and skips segments with no audio", () => {
    const shootout = spec({ mode: "ab", rounds: 1, riffSeconds: 5 });
    const { cues, durationSeconds } = plannedCues(shootout, {
      segments: [
        { diIndex: 0, chainIndex: 0, sourceSeconds: 6.5 },
        { diIndex: 0, chainIndex: 1, sourceSeconds: 6.5 },
        { diIndex: 1, chainIndex: 0, sourceSeconds: 0 },
        { diIndex: 1, chainIndex: 1, sourceSeconds: 0 },
      ],
    });
    expect(cues.map((cue) => [cue.diIndex, cue.riffIndex, cue.endSeconds - cue.startSeconds])).toEqual([
      [0, 0, 4],
      [0, 0, 4],
      [0, 1, 2.5],
      [0, 1, 2.5],
    ]);
    expect(durationSeconds).toBe(13);
  });
});
