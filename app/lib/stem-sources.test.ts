import { describe, expect, it } from "vitest";
import { playerStemUrls, type StemArtifact } from "./stem-sources";

const wav = (chainIndex: number): StemArtifact => ({
  kind: "stem",
  chainIndex,
  downloadPath: `/files/renders/r/artifacts/stem-${chainIndex}.wav`,
});
const flac = (chainIndex: number): StemArtifact => ({
  kind: "listen-stem",
  chainIndex,
  downloadPath: `/files/renders/r/artifacts/stem-${chainIndex}.flac`,
});
const video: StemArtifact = { kind: "video", downloadPath: "/files/renders/r/artifacts/video.mp4" };

describe("playerStemUrls", () => {
  it("plays the FLAC listening stems, in chain order, when every chain has one", () => {
    expect(playerStemUrls([video, wav(0), wav(1), flac(1), flac(0)], 2)).toEqual([
      "/files/renders/r/artifacts/stem-0.flac",
      "/files/renders/r/artifacts/stem-1.flac",
    ]);
  });

  it("falls back to the WAV stems for a render from before listening stems", () => {
    expect(playerStemUrls([video, wav(1), wav(0)], 2)).toEqual([
      "/files/renders/r/artifacts/stem-0.wav",
      "/files/renders/r/artifacts/stem-1.wav",
    ]);
  });

  it("does not mix kinds: a FLAC missing for one chain means the WAVs for all", () => {
    expect(playerStemUrls([wav(0), wav(1), flac(0)], 2)).toEqual([
      "/files/renders/r/artifacts/stem-0.wav",
      "/files/renders/r/artifacts/stem-1.wav",
    ]);
  });

  it("gives nothing when a chain has no stem at all, or there are no chains", () => {
    expect(playerStemUrls([wav(0), flac(0)], 2)).toEqual([]);
    expect(playerStemUrls([], 0)).toEqual([]);
  });
});
