import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeWav } from "../dsp/encode-wav.ts";
import { type RenderComparisonResult, renderComparison, renderThumbnail } from "./render-comparison.ts";
import { makeTestShootout, TEST_CHAIN_COLOURS } from "./test-support/make-test-shootout.ts";
import {
  crossCorrelationPeak,
  decodeAudioMono,
  frameRgbAt,
  probeVideo,
  saveFramePng,
  topLevelBoxes,
} from "./test-support/probe-video.ts";
import { renderStillFrame } from "./test-support/render-still-frame.ts";

/** Gitignored: the screenshots a person looks at after a change to the compositions. */
const OUT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../test-output/video");

// Two chains, 4 s each: the title card, both intro cards, an A/B moment of each chain and the end card all show.
const shootout = makeTestShootout({ chainCount: 2, cueSeconds: 4, cueCount: 2 });
const videoPath = join(OUT_DIR, "shootout.mp4");
let result: RenderComparisonResult;
const progress: number[] = [];

function hex(colour: string): [number, number, number] {
  return [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];
}

/** The marker's centre pixel (constants.ts MARKER: 48 px square, 16 px in from the top right). */
async function markerColourAt(timeSeconds: number): Promise<[number, number, number]> {
  const rgb = await frameRgbAt(videoPath, timeSeconds);
  const x = 1920 - 16 - 24;
  const y = 16 + 24;
  const at = (y * 1920 + x) * 3;
  return [rgb[at] ?? 0, rgb[at + 1] ?? 0, rgb[at + 2] ?? 0];
}

const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(...a.map((v, i) => v - (b[i] ?? 0)));

describe("renderComparison", () => {
  beforeAll(async () => {
    await mkdir(OUT_DIR, { recursive: true });
    const programPath = join(OUT_DIR, "program.wav");
    await writeFile(programPath, encodeWav(shootout.program, shootout.sampleRateHz));
    result = await renderComparison({
      props: shootout.props,
      programWavPath: programPath,
      outPath: videoPath,
      onProgress: (fraction) => progress.push(fraction),
    });
    await renderThumbnail({ props: shootout.props, outPath: join(OUT_DIR, "thumbnail.png") });
    await saveFramePng(videoPath, 1.0, join(OUT_DIR, "title-card.png"));
    await saveFramePng(videoPath, 4.6, join(OUT_DIR, "intro-card.png"));
    await saveFramePng(videoPath, 6.0, join(OUT_DIR, "ab-moment.png"));
    await saveFramePng(videoPath, 7.6, join(OUT_DIR, "end-card.png"));
  }, 240_000);

  it("writes H.264 High yuv420p 1920×1080 at 30 fps and AAC-LC 48 kHz stereo", async () => {
    const { streams } = await probeVideo(videoPath);
    const video = streams.find((stream) => stream.codec_type === "video");
    const audio = streams.find((stream) => stream.codec_type === "audio");
    expect(video).toMatchObject({ codec_name: "h264", profile: "High", pix_fmt: "yuv420p", width: 1920, height: 1080 });
    expect(video?.r_frame_rate).toBe("30/1");
    expect(audio).toMatchObject({ codec_name: "aac", profile: "LC", sample_rate: "48000", channels: 2 });
  });

  it("lasts as long as the program, within one frame", async () => {
    const { streams, format } = await probeVideo(videoPath);
    for (const duration of [format.duration, ...streams.map((stream) => stream.duration)]) {
      expect(Math.abs(Number(duration) - shootout.durationSeconds)).toBeLessThanOrEqual(1 / 30);
    }
    expect(result.durationInFrames).toBe(240);
  });

  it("puts the moov box before mdat (faststart)", async () => {
    const boxes = await topLevelBoxes(videoPath);
    expect(boxes.indexOf("moov")).toBeGreaterThan(-1);
    expect(boxes.indexOf("moov")).toBeLessThan(boxes.indexOf("mdat"));
  });

  it("shows the active chain's colour in the marker: chain 1 at 2 s, chain 2 at 5 s and 6 s", async () => {
    const colours = TEST_CHAIN_COLOURS.slice(0, 2).map(hex);
    for (const [timeSeconds, chainIndex] of [
      [2.0, 0],
      [5.0, 1],
      [6.0, 1],
    ] as const) {
      const seen = await markerColourAt(timeSeconds);
      const nearest = colours.map((colour) => distance(seen, colour));
      expect(nearest.indexOf(Math.min(...nearest)), `marker at ${timeSeconds} s: ${seen}`).toBe(chainIndex);
      expect(nearest[chainIndex]).toBeLessThan(24);
    }
  });

  it("carries the program audio with no lag (cross-correlation peaks at zero)", async () => {
    const decoded = await decodeAudioMono(videoPath);
    expect(Math.abs(decoded.length - shootout.program[0].length)).toBeLessThanOrEqual(48_000 / 30);
    // One second from each chain's half, ±50 ms of lag.
    for (const start of [24_000, 216_000]) {
      const peak = crossCorrelationPeak(shootout.program[0], decoded, { start, length: 48_000, maxLag: 2_400 });
      expect(peak.lag).toBe(0);
      expect(peak.correlation).toBeGreaterThan(0.95);
    }
  });

  it("reports progress as rising fractions ending at 1", () => {
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((fraction, i) => fraction >= 0 && fraction <= 1 && fraction >= (progress[i - 1] ?? 0))).toBe(
      true,
    );
    expect(progress.at(-1)).toBe(1);
  });

  it("draws the short's intro and end cards, TONE3000 credit included, as stills (intro-card-short.png, end-card-short.png)", async () => {
    for (const [name, at] of [
      ["intro-card-short.png", { seconds: 4.6 }],
      ["end-card-short.png", { secondsFromEnd: 0.5 }],
    ] as const) {
      const outPath = join(OUT_DIR, name);
      const size = await renderStillFrame({ props: shootout.props, composition: "ShootoutShort", at, outPath });
      expect(size).toEqual({ widthPx: 1080, heightPx: 1920 });
      expect((await stat(outPath)).size).toBeGreaterThan(10_000);
    }
  }, 60_000);
});
