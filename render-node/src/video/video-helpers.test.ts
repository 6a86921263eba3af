import { chainBlockSchema } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import { describeBlock } from "../../../remotion/src/helpers/describe-block.ts";
import { computeWaveformPeaks } from "./compute-waveform-peaks.ts";
import { findChromium } from "./find-chromium.ts";
import { withX264Params } from "./youtube-encoding.ts";

describe("computeWaveformPeaks", () => {
  it("takes the loudest sample of each span over all channels", () => {
    const left = new Float32Array([0.1, -0.5, 0.2, 0.3]);
    const right = new Float32Array([0.4, 0, 0, -0.9]);
    expect(computeWaveformPeaks([left, right], 2).map((peak) => Math.round(peak * 10) / 10)).toEqual([0.5, 0.9]);
  });
});

describe("describeBlock", () => {
  it("names a capture from its .nam facts and credits the author", () => {
    const block = chainBlockSchema.parse({ type: "capture", assetId: "file_0001" });
    const facts = {
      name: "JCM800 #3",
      gearType: "amp",
      gearMake: "Marshall",
      gearModel: "JCM800",
      modeledBy: "szymon",
    };
    const card = describeBlock(block, { fileName: "amp.nam", facts: facts as never });
    expect(card).toEqual({
      type: "capture",
      label: "JCM800 #3",
      detail: "amp · Marshall JCM800 · modelled by szymon",
      enabled: true,
    });
  });
  it("falls back to the file name for an IR and shows a partial mix", () => {
    const block = chainBlockSchema.parse({ type: "ir", assetId: "file_0002", mix: 0.5 });
    expect(describeBlock(block, { fileName: "v30.wav" })).toMatchObject({ label: "v30", detail: "cab IR · 50 % wet" });
  });
});

describe("withX264Params", () => {
  it("adds High profile, a closed 15-frame GOP and the 30 fps output rate to the x264 command only", () => {
    const args = ["-r", "15", "-i", "-", "-c:v", "libx264", "-crf", "18", "-y", "out.mp4"];
    expect(withX264Params(args)).toEqual([
      ...["-r", "15", "-i", "-", "-c:v", "libx264"],
      ...["-profile:v", "high", "-x264-params", "keyint=15:min-keyint=15:scenecut=0:open-gop=0"],
      ...["-crf", "18", "-r", "30", "-y", "out.mp4"],
    ]);
    const copy = ["-i", "a.mp4", "-c:v", "copy", "-y", "b.mp4"];
    expect(withX264Params(copy)).toBe(copy);
  });
});

describe("findChromium", () => {
  it("prefers the headless shell and falls back to the full browser", () => {
    expect(findChromium(() => true).executable).toBe("/usr/bin/chromium-headless-shell");
    expect(findChromium((path) => path === "/usr/bin/chromium")).toEqual({
      executable: "/usr/bin/chromium",
      chromeMode: "chrome-for-testing",
    });
  });
  it("names the Debian package when no Chromium is installed", () => {
    expect(() => findChromium(() => false)).toThrow(/apt-get install chromium-headless-shell/);
  });
});
