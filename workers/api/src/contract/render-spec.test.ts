import { describe, expect, it } from "vitest";
import { arrangementSchema } from "./arrangement.ts";
import { canonicalJson } from "./canonical-json.ts";
import { renderSpecSchema } from "./render-spec.ts";

const SHA = "0123456789abcdef".repeat(4);
const asset = (n: number) => `01J9Z8Q4V3K2M1N0P9R8S7T6U${n}`;

const captureBlock = { type: "capture", assetId: asset(1), sha256: SHA, fileName: "plexi.nam" };
const irBlock = { type: "ir", assetId: asset(2), sha256: SHA, fileName: "v30.wav" };

function minimalSpec(): Record<string, unknown> {
  return {
    renderId: "01J9Z8RENDER0000000000000",
    engineVersion: "1.0.0",
    shootout: { title: "Plexi vs 5150" },
    diTracks: [
      {
        assetId: asset(0),
        sha256: SHA,
        fileName: "di.wav",
        durationSeconds: 30,
        sampleRateHz: 44100,
        riffs: [{ startSeconds: 1, endSeconds: 5 }],
      },
    ],
    chains: [
      { name: "Plexi", colour: "#ff0000", blocks: [captureBlock, irBlock] },
      {
        name: "5150",
        colour: "#0000ff",
        blocks: [
          { type: "gain", gainDb: 6 },
          { ...captureBlock, assetId: asset(3) },
        ],
      },
    ],
    arrangement: arrangementSchema.parse({ mode: "ab" }),
  };
}

function issue(input: unknown) {
  const first = renderSpecSchema.safeParse(input).error?.issues[0];
  return { path: first?.path, message: first?.message };
}

describe("renderSpecSchema", () => {
  it("parses a minimal spec and fills the output defaults: 48 kHz, 1920×1080 at 30 fps, no short", () => {
    const spec = renderSpecSchema.parse(minimalSpec());
    expect(spec.output).toEqual({
      sampleRateHz: 48000,
      video: { width: 1920, height: 1080, fps: 30 },
      short9x16: false,
    });
    expect(spec.shootout.description).toBe("");
    expect(spec.diTracks[0]?.channel).toBe("left");
    expect(spec.chains[0]?.blocks).toEqual([
      { ...captureBlock, enabled: true },
      { ...irBlock, enabled: true, mix: 1, gainDb: 0 },
    ]);
  });

  it("fills the remaining video defaults of a partial video", () => {
    const spec = renderSpecSchema.parse({ ...minimalSpec(), output: { video: { fps: 60 }, short9x16: true } });
    expect(spec.output).toEqual({
      sampleRateHz: 48000,
      video: { width: 1920, height: 1080, fps: 60 },
      short9x16: true,
    });
  });

  it("parses its own output again to the same canonical JSON (a stable hash input)", () => {
    const once = renderSpecSchema.parse(minimalSpec());
    expect(canonicalJson(renderSpecSchema.parse(JSON.parse(JSON.stringify(once))))).toBe(canonicalJson(once));
  });

  it("requires the sha256 and file name of capture and ir blocks", () => {
    const spec = minimalSpec();
    spec.chains = [
      { name: "A", colour: "#ff0000", blocks: [{ type: "capture", assetId: asset(1) }] },
      { name: "B", colour: "#0000ff", blocks: [irBlock] },
    ];
    expect(issue(spec)).toEqual({ path: ["chains", 0, "blocks", 0, "sha256"], message: "sha256 is required" });
  });

  it("rejects an arrangement whose defaults were not resolved", () => {
    expect(issue({ ...minimalSpec(), arrangement: { mode: "ab" } })).toEqual({
      path: ["arrangement", "riffSeconds"],
      message: "riffSeconds is required",
    });
  });

  it("rejects a riff that ends after the DI, naming the riff", () => {
    const spec = minimalSpec();
    spec.diTracks = [
      {
        assetId: asset(0),
        sha256: SHA,
        fileName: "di.wav",
        durationSeconds: 4,
        sampleRateHz: 48000,
        riffs: [
          { startSeconds: 0, endSeconds: 2 },
          { startSeconds: 2, endSeconds: 4.5 },
        ],
      },
    ];
    expect(issue(spec)).toEqual({
      path: ["diTracks", 0, "riffs", 1, "endSeconds"],
      message: "riffs[1] ends at 4.5 s, after the DI ends at 4 s",
    });
  });

  it.each([
    [{ renderId: "x" }, ["renderId"], 'renderId must be 8 to 64 characters of letters, digits, "_" or "-"'],
    [
      { engineVersion: "1.0 beta" },
      ["engineVersion"],
      "engineVersion must be 1 to 64 visible ASCII characters (no spaces)",
    ],
    [{ output: { sampleRateHz: 44100 } }, ["output", "sampleRateHz"], "sampleRateHz must be 48000 Hz"],
    [
      { output: { video: { width: 1921 } } },
      ["output", "video", "width"],
      "width must be an even number of pixels (yuv420p)",
    ],
    [
      { output: { video: { height: 4000 } } },
      ["output", "video", "height"],
      "height must be a whole number between 320 and 3840 px",
    ],
    [
      { output: { video: { fps: 120 } } },
      ["output", "video", "fps"],
      "fps must be a whole number between 24 and 60 fps",
    ],
    [{ output: { short9x16: "yes" } }, ["output", "short9x16"], "short9x16 must be true or false"],
    [{ chains: [] }, ["chains"], "chains must hold 2 to 8 chains"],
    [{ diTracks: [] }, ["diTracks"], "diTracks must hold 1 to 8 DI tracks"],
  ] as const)("rejects %j with a message naming the field and its limit", (override, path, message) => {
    expect(issue({ ...minimalSpec(), ...override })).toEqual({ path, message });
  });

  it.each([
    [{ durationSeconds: 0 }, ["diTracks", 0, "durationSeconds"], "durationSeconds must be greater than 0 s"],
    [
      { sampleRateHz: 4000 },
      ["diTracks", 0, "sampleRateHz"],
      "sampleRateHz must be a whole number between 8000 and 384000 Hz",
    ],
    [
      { fileName: "../etc/passwd" },
      ["diTracks", 0, "fileName"],
      'fileName must be a bare file name: no "/", "\\", control characters, "." or ".."',
    ],
    [
      { sha256: "ABC" },
      ["diTracks", 0, "sha256"],
      "sha256 must be 64 lowercase hexadecimal characters (a SHA-256 digest)",
    ],
  ] as const)("rejects a DI track with %j", (override, path, message) => {
    const spec = minimalSpec();
    const [track] = spec.diTracks as Record<string, unknown>[];
    spec.diTracks = [{ ...track, ...override }];
    expect(issue(spec)).toEqual({ path, message });
  });

  it("rejects an unknown block type", () => {
    const spec = minimalSpec();
    spec.chains = [
      { name: "A", colour: "#ff0000", blocks: [{ type: "wah" }] },
      { name: "B", colour: "#0000ff", blocks: [irBlock] },
    ];
    expect(issue(spec).path).toEqual(["chains", 0, "blocks", 0, "type"]);
  });
});
