import { describe, expect, it } from "vitest";
import { AssetUploadError } from "../src/assets/asset-upload-error.ts";
import { readAudioMetadata } from "../src/assets/read-audio-metadata.ts";
import { audioMetadataSchema, WAVEFORM_BUCKETS } from "../src/contract/index.ts";
import { aiffBytes, flacHeaderBytes, wavBytes } from "./support/audio-files.ts";

/** The bytes as a stream of awkward, odd-sized chunks, so frames and samples straddle chunk boundaries. */
function chunked(bytes: Uint8Array, chunkBytes = 777): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkBytes));
      offset += chunkBytes;
    },
  });
}

async function summarise(bytes: Uint8Array, fileName = "take.wav") {
  const metadata = await readAudioMetadata(chunked(bytes), { fileName, totalBytes: bytes.length });
  expect(audioMetadataSchema.parse(metadata)).toEqual(metadata);
  return metadata;
}

/** `frames` frames: silence before frame `burstFrom`, a full-scale square burst (±`level`) from it on. */
function silenceThenBurst(frames: number, burstFrom: number, level = 1): number[] {
  return Array.from({ length: frames }, (_, i) => (i < burstFrom ? 0 : i % 2 ? level : -level));
}

/** Interleaves per-channel sample arrays. */
function interleave(...channels: number[][]): number[] {
  const frames = channels[0]?.length ?? 0;
  return Array.from(
    { length: frames * channels.length },
    (_, i) => channels[i % channels.length]?.[Math.floor(i / channels.length)] ?? 0,
  );
}

/** The bucket holding frame `frame` of `frames` (the api's rule). */
const bucketOf = (frame: number, frames: number) => Math.floor((frame * WAVEFORM_BUCKETS) / frames);

function expectSilenceThenBurst(waveform: number[] | undefined, frames: number, burstFrom: number, level: number) {
  expect(waveform).toHaveLength(WAVEFORM_BUCKETS);
  const firstLoud = bucketOf(burstFrom, frames);
  for (const [b, value] of (waveform ?? []).entries()) {
    if (b < firstLoud) expect(value, `bucket ${b}`).toBe(0);
    else expect(value, `bucket ${b}`).toBeCloseTo(level, 2);
  }
}

describe("the waveform summary of an upload", () => {
  it.each([
    ["16-bit PCM WAV", (s: number[]) => wavBytes({ bits: 16, samples: s })],
    ["24-bit PCM WAV", (s: number[]) => wavBytes({ bits: 24, samples: s })],
    ["32-bit PCM WAV", (s: number[]) => wavBytes({ bits: 32, samples: s })],
    ["8-bit PCM WAV", (s: number[]) => wavBytes({ bits: 8, samples: s })],
    ["32-bit float WAV", (s: number[]) => wavBytes({ bits: 32, float: true, samples: s })],
    ["64-bit float WAV", (s: number[]) => wavBytes({ bits: 64, float: true, samples: s })],
    ["extensible 24-bit WAV", (s: number[]) => wavBytes({ bits: 24, extensible: true, samples: s })],
    ["16-bit AIFF", (s: number[]) => aiffBytes({ sampleRateHz: 48000, samples: s })],
    ["24-bit AIFF", (s: number[]) => aiffBytes({ sampleRateHz: 48000, bits: 24, samples: s })],
    ["AIFF-C sowt", (s: number[]) => aiffBytes({ sampleRateHz: 48000, compression: "sowt", samples: s })],
    ["AIFF-C fl32", (s: number[]) => aiffBytes({ sampleRateHz: 48000, compression: "fl32", samples: s })],
  ])("of a %s that is silent, then full scale in its second half, is 0 then 1", async (_label, build) => {
    const frames = 24_000;
    const metadata = await summarise(build(silenceThenBurst(frames, frames / 2)));
    // −1 is exactly full scale in every format here (+1 is one step under it in integer formats).
    expectSilenceThenBurst(metadata.waveform, frames, frames / 2, 1);
    expect(metadata.waveform?.slice(0, 60).every((v) => v === 0)).toBe(true);
    expect(metadata.waveform?.slice(60).every((v) => v >= 0.99)).toBe(true);
  });

  it("keeps the bucket count exact for odd frame counts, with the loud bucket where the burst starts", async () => {
    for (const frames of [121, 997, 12_347, 48_001]) {
      const burstFrom = Math.floor(frames / 3);
      const metadata = await summarise(wavBytes({ bits: 24, samples: silenceThenBurst(frames, burstFrom, 0.5) }));
      expect(metadata.waveform, `${frames} frames`).toHaveLength(WAVEFORM_BUCKETS);
      expectSilenceThenBurst(metadata.waveform, frames, burstFrom, 0.5);
    }
  });

  it("spreads a file shorter than the buckets over all of them, each showing the frame sounding there", async () => {
    const samples = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
    const metadata = await summarise(wavBytes({ bits: 32, float: true, samples }));
    expect(metadata.waveform).toHaveLength(WAVEFORM_BUCKETS);
    expect(metadata.waveform).toEqual(
      // Bucket b shows the last frame that starts before its end: the one starting in it, or the one still sounding.
      Array.from(
        { length: WAVEFORM_BUCKETS },
        (_, b) => samples[Math.ceil(((b + 1) * samples.length) / WAVEFORM_BUCKETS) - 1],
      ),
    );
    const single = await summarise(wavBytes({ bits: 16, samples: [-0.25] }));
    expect(single.waveform).toEqual(Array(WAVEFORM_BUCKETS).fill(0.25));
  });

  it("takes the largest absolute sample over all channels", async () => {
    const frames = 9_600;
    const left = silenceThenBurst(frames, frames, 0); // silent throughout
    const right = silenceThenBurst(frames, frames / 2, 0.5);
    const metadata = await summarise(wavBytes({ bits: 24, channels: 2, samples: interleave(left, right) }));
    expectSilenceThenBurst(metadata.waveform, frames, frames / 2, 0.5);
    const aiff = await summarise(
      aiffBytes({ sampleRateHz: 48000, channels: 2, bits: 24, samples: interleave(right, left) }),
    );
    expectSilenceThenBurst(aiff.waveform, frames, frames / 2, 0.5);
  });

  it("follows a known envelope (a linear fade-in) over many read blocks, rounded to 3 decimals", async () => {
    const frames = 48_000 * 2 + 7;
    const samples = Array.from({ length: frames }, (_, i) => (i % 2 ? -1 : 1) * (i / (frames - 1)));
    const metadata = await summarise(wavBytes({ bits: 32, float: true, samples }));
    const waveform = metadata.waveform ?? [];
    expect(waveform).toHaveLength(WAVEFORM_BUCKETS);
    for (const [b, value] of waveform.entries()) {
      // The loudest frame of bucket b is its last one, just before (b + 1) / 120 of the way through.
      const lastFrame = Math.ceil(((b + 1) * frames) / WAVEFORM_BUCKETS) - 1;
      expect(value, `bucket ${b}`).toBeCloseTo(lastFrame / (frames - 1), 3);
      expect(Math.round(value * 1000)).toBe(value * 1000);
    }
    expect(metadata.peakDbfs).toBeCloseTo(0, 5);
  });

  it("clips float samples over full scale to 1 (the peak still says how far over)", async () => {
    const metadata = await summarise(wavBytes({ bits: 32, float: true, samples: [0, 2, -0.5, 0.25] }));
    expect(metadata.waveform?.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(Math.max(...(metadata.waveform ?? []))).toBe(1);
    expect(metadata.peakDbfs).toBeCloseTo(6.02, 2);
  });

  it("is all zeros for digital silence, whose peak stays unknown", async () => {
    const metadata = await summarise(wavBytes({ bits: 16, samples: Array(1000).fill(0) }));
    expect(metadata.waveform).toEqual(Array(WAVEFORM_BUCKETS).fill(0));
    expect(metadata.peakDbfs).toBeNull();
  });

  it("is left out for FLAC, whose frames the api does not decode", async () => {
    const bytes = flacHeaderBytes({ sampleRateHz: 48000, channels: 2, bits: 24, totalFrames: 48000 });
    const metadata = await summarise(bytes, "take.flac");
    expect(metadata).not.toHaveProperty("waveform");
  });

  it("still refuses a WAV whose data chunk is shorter than its header claims", async () => {
    const bytes = wavBytes({ bits: 16, samples: silenceThenBurst(4800, 2400) });
    const short = bytes.subarray(0, bytes.length - 100);
    // Known from the stored object's size before any sample is read…
    await expect(summarise(short)).rejects.toThrow(AssetUploadError);
    await expect(summarise(short)).rejects.toThrow(/"data" chunk claims 9600 bytes but only 9500 follow/);
    // …and, should the stream end before the size said, when the samples run out.
    const cutStream = readAudioMetadata(chunked(short), { fileName: "take.wav", totalBytes: bytes.length });
    await expect(cutStream).rejects.toThrow(
      /take\.wav: the audio data ends after 4750 of 4800 frames \(truncated file\)/,
    );
  });

  it("still refuses an AIFF whose COMM declares more frames than SSND holds", async () => {
    const bytes = aiffBytes({ sampleRateHz: 48000, samples: silenceThenBurst(4800, 2400) });
    new DataView(bytes.buffer).setUint32(22, 4801, false);
    await expect(summarise(bytes, "take.aiff")).rejects.toThrow(/COMM declares 4801 frames but SSND holds 4800/);
  });

  it("refuses a NaN sample in the second half as before", async () => {
    const bytes = wavBytes({ bits: 32, float: true, samples: silenceThenBurst(1000, 500) });
    new DataView(bytes.buffer).setFloat32(44 + 777 * 4, Number.NaN, true);
    await expect(summarise(bytes)).rejects.toThrow(/sample 777 is NaN/);
  });
});
