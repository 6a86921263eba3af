import { describe, expect, it } from "vitest";
import { artifactManifestSchema } from "./artifact-manifest.ts";

const SHA = "0123456789abcdef".repeat(4);

function minimalManifest(): Record<string, unknown> {
  return {
    renderId: "01J9Z8RENDER0000000000000",
    specHash: SHA,
    createdAt: "2025-01-31T12:00:00Z",
    artifacts: [
      { name: "video.mp4", kind: "video", contentType: "video/mp4", bytes: 1234, sha256: SHA },
      { name: "stem-1.wav", kind: "stem", contentType: "audio/wav", bytes: 0, sha256: SHA, chainIndex: 1 },
    ],
    cues: [
      { startSeconds: 0, endSeconds: 4, chainIndex: 0, diIndex: 0, riffIndex: 0 },
      { startSeconds: 4, endSeconds: 8, chainIndex: 1, diIndex: 0, riffIndex: 0 },
    ],
    loudness: [
      { diIndex: 0, chainIndex: 0, integratedLufs: -14, truePeakDbtp: -1.3, gainDb: -6.2 },
      { diIndex: 0, chainIndex: 1, integratedLufs: -14, truePeakDbtp: -1, gainDb: 2.5 },
    ],
  };
}

function issue(input: unknown) {
  const first = artifactManifestSchema.safeParse(input).error?.issues[0];
  return { path: first?.path, message: first?.message };
}

describe("artifactManifestSchema", () => {
  it("parses a valid manifest unchanged", () => {
    expect(artifactManifestSchema.parse(minimalManifest())).toEqual(minimalManifest());
  });

  it("accepts a manifest with no artifacts, cues or loudness entries", () => {
    expect(
      artifactManifestSchema.safeParse({ ...minimalManifest(), artifacts: [], cues: [], loudness: [] }).success,
    ).toBe(true);
  });

  it("accepts a manifest with a FLAC listening stem per chain beside the WAV stems", () => {
    const manifest = minimalManifest();
    manifest.artifacts = [0, 1].flatMap((chainIndex) => [
      { name: `stem-${chainIndex}.wav`, kind: "stem", contentType: "audio/wav", bytes: 8, sha256: SHA, chainIndex },
      {
        name: `stem-${chainIndex}.flac`,
        kind: "listen-stem",
        contentType: "audio/flac",
        bytes: 4,
        sha256: SHA,
        chainIndex,
      },
    ]);
    expect(artifactManifestSchema.parse(manifest)).toEqual(manifest);
  });

  it("still accepts a manifest from before listening stems (WAV stems only)", () => {
    const manifest = minimalManifest();
    expect((manifest.artifacts as { kind: string }[]).some((a) => a.kind === "listen-stem")).toBe(false);
    expect(artifactManifestSchema.safeParse(manifest).success).toBe(true);
  });

  it("lowercases the content type", () => {
    const manifest = minimalManifest();
    manifest.artifacts = [{ name: "t.png", kind: "thumbnail", contentType: "Image/PNG", bytes: 1, sha256: SHA }];
    expect(artifactManifestSchema.parse(manifest).artifacts[0]?.contentType).toBe("image/png");
  });

  it.each([
    [{ specHash: "abc" }, ["specHash"], "specHash must be 64 lowercase hexadecimal characters (a SHA-256 digest)"],
    [{ createdAt: "2025-01-31" }, ["createdAt"], "createdAt must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00Z"],
    [
      { artifacts: [{ name: "v.mp4", kind: "gif", contentType: "video/mp4", bytes: 1, sha256: SHA }] },
      ["artifacts", 0, "kind"],
      "kind must be one of: video, video-short, thumbnail, program-wav, stem, loudness-report, manifest, cue-list, listen-stem",
    ],
    [
      { artifacts: [{ name: "v.mp4", kind: "video", contentType: "mp4", bytes: 1, sha256: SHA }] },
      ["artifacts", 0, "contentType"],
      'contentType must be a MIME type such as "video/mp4"',
    ],
    [
      { artifacts: [{ name: "v.mp4", kind: "video", contentType: "video/mp4", bytes: -1, sha256: SHA }] },
      ["artifacts", 0, "bytes"],
      "bytes must be a whole number of at least 0",
    ],
    [
      { artifacts: [{ name: "s.wav", kind: "stem", contentType: "audio/wav", bytes: 1, sha256: SHA }] },
      ["artifacts", 0, "chainIndex"],
      "chainIndex is required for a stem",
    ],
    [
      { artifacts: [{ name: "s.flac", kind: "listen-stem", contentType: "audio/flac", bytes: 1, sha256: SHA }] },
      ["artifacts", 0, "chainIndex"],
      "chainIndex is required for a listening stem",
    ],
    [
      { cues: [{ startSeconds: 2, endSeconds: 2, chainIndex: 0, diIndex: 0 }] },
      ["cues", 0, "endSeconds"],
      "endSeconds must be after startSeconds (2 s)",
    ],
    [
      { cues: [{ startSeconds: 0, endSeconds: 1, chainIndex: -1, diIndex: 0 }] },
      ["cues", 0, "chainIndex"],
      "chainIndex must be a whole number of at least 0",
    ],
    [
      { loudness: [{ diIndex: 0, chainIndex: 0, integratedLufs: -80, truePeakDbtp: -1, gainDb: 0 }] },
      ["loudness", 0, "integratedLufs"],
      "integratedLufs must be at least -70 LUFS",
    ],
  ] as const)("rejects %j with a message naming the field and its limit", (override, path, message) => {
    expect(issue({ ...minimalManifest(), ...override })).toEqual({ path, message });
  });

  it("rejects two artifacts with one name, since each name is one stored object", () => {
    const manifest = minimalManifest();
    const video = { name: "video.mp4", kind: "video", contentType: "video/mp4", bytes: 1, sha256: SHA };
    manifest.artifacts = [video, video];
    expect(issue(manifest)).toEqual({
      path: ["artifacts", 1, "name"],
      message: 'artifacts[1].name "video.mp4" repeats artifacts[0].name: names must be unique',
    });
  });

  it("rejects overlapping or unsorted cues, naming both", () => {
    const manifest = minimalManifest();
    manifest.cues = [
      { startSeconds: 0, endSeconds: 4, chainIndex: 0, diIndex: 0 },
      { startSeconds: 3.9, endSeconds: 8, chainIndex: 1, diIndex: 0 },
    ];
    expect(issue(manifest)).toEqual({
      path: ["cues", 1, "startSeconds"],
      message: "cues[1] starts at 3.9 s, before cues[0] ends at 4 s: cues must be sorted and must not overlap",
    });
  });

  it("rejects two loudness entries for one segment", () => {
    const manifest = minimalManifest();
    const entry = { diIndex: 1, chainIndex: 0, integratedLufs: -14, truePeakDbtp: -1, gainDb: 0 };
    manifest.loudness = [entry, entry];
    expect(issue(manifest)).toEqual({
      path: ["loudness", 1],
      message: "loudness[1] repeats diIndex 1 with chainIndex 0: one entry per segment",
    });
  });
});
