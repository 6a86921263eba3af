import { describe, expect, it } from "vitest";
import { audioMetadataSchema, MAX_WAVEFORM_BUCKETS, WAVEFORM_BUCKETS } from "./asset-metadata.ts";

const audio = {
  kind: "audio",
  format: "wav-pcm",
  bitDepth: 24,
  sampleRateHz: 48000,
  channels: 1,
  durationSeconds: 3.5,
  peakDbfs: -4.9,
} as const;

describe("audioMetadataSchema's waveform", () => {
  it("is optional: rows stored before it, and FLAC, stay valid", () => {
    expect(audioMetadataSchema.parse(audio)).toEqual(audio);
    expect(audioMetadataSchema.parse({ ...audio, format: "flac", peakDbfs: null })).not.toHaveProperty("waveform");
  });

  it("holds up to 256 values from 0 to 1", () => {
    const waveform = Array.from(
      { length: WAVEFORM_BUCKETS },
      (_, i) => Math.round((i / WAVEFORM_BUCKETS) * 1000) / 1000,
    );
    expect(audioMetadataSchema.parse({ ...audio, waveform }).waveform).toEqual(waveform);
    expect(audioMetadataSchema.safeParse({ ...audio, waveform: Array(MAX_WAVEFORM_BUCKETS).fill(1) }).success).toBe(
      true,
    );
  });

  it.each([
    ["more than 256 values", Array(MAX_WAVEFORM_BUCKETS + 1).fill(0.5)],
    ["no values", []],
    ["a value over 1", [0.5, 1.001]],
    ["a negative value", [-0.1]],
    ["a non-number", ["0.5"]],
  ])("refuses %s", (_label, waveform) => {
    expect(audioMetadataSchema.safeParse({ ...audio, waveform }).success).toBe(false);
  });
});
