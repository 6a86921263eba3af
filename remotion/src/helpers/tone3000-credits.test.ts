import { creditLine, type Tone3000Reference } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import { DEMO_PROPS } from "../demo-props.ts";
import { type ChainCard, shootoutPropsSchema } from "../shootout-props.ts";
import { tone3000ByLine, tone3000Credits, tone3000Models } from "./tone3000-credits.ts";

const JCM800: Tone3000Reference = {
  toneId: 77,
  modelId: 4242,
  toneTitle: "JCM800 2203",
  modelName: "JCM800 capture 3",
  creator: "szymon",
  licence: "cc-by",
  toneUrl: "https://www.tone3000.com/tones/jcm800-2203-77",
};
const V30: Tone3000Reference = {
  toneId: 90,
  modelId: 9001,
  toneTitle: "Mesa 4x12 V30",
  modelName: "SM57 cap edge",
  creator: "irmaker",
  licence: null,
  toneUrl: "https://www.tone3000.com/tones/mesa-4x12-90",
};

const chain = (name: string, blocks: ChainCard["blocks"]): ChainCard => ({ name, colour: "#f5a524", blocks });
const capture = (label: string, tone3000?: Tone3000Reference): ChainCard["blocks"][number] => ({
  type: "capture",
  label,
  detail: "amp",
  enabled: true,
  ...(tone3000 ? { tone3000 } : {}),
});

describe("tone3000ByLine", () => {
  it("names the creator and the licence's label", () => {
    expect(tone3000ByLine(JCM800)).toBe("by szymon · CC BY 4.0");
    expect(tone3000ByLine(V30)).toBe("by irmaker · licence not stated");
  });
});

describe("tone3000Credits", () => {
  it("credits each TONE3000 model once, in order of first use, then the branding", () => {
    const chains = [
      chain("A", [capture("JCM800", JCM800), { ...capture("Cab"), type: "ir", tone3000: V30 }]),
      chain("B", [capture("Own amp"), capture("JCM800 again", JCM800)]),
    ];
    expect(tone3000Models(chains)).toEqual([JCM800, V30]);
    expect(tone3000Credits(chains)).toEqual({
      lines: [creditLine(JCM800), creditLine(V30)],
      branding: { poweredBy: "Powered by TONE3000", site: "tone3000.com" },
    });
    expect(creditLine(JCM800)).toBe("JCM800 2203 (JCM800 capture 3) by szymon · CC BY 4.0");
  });

  it("adds nothing when no TONE3000 model is used", () => {
    expect(tone3000Credits(DEMO_PROPS.chains)).toEqual({ lines: [], branding: null });
  });

  it("is carried by the props schema on a block card", () => {
    const chains = [chain("A", [capture("JCM800", JCM800)]), ...DEMO_PROPS.chains.slice(1)];
    const parsed = shootoutPropsSchema.parse({ ...DEMO_PROPS, chains });
    expect(parsed.chains[0]?.blocks[0]?.tone3000).toEqual(JCM800);
    expect(tone3000Credits(parsed.chains).lines).toEqual([creditLine(JCM800)]);
  });
});
