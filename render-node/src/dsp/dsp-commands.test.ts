import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { describeWithSharedFixtures, sharedFixture } from "../../../dev/test-support/shared-fixtures.ts";
import { UsageError } from "../cli/command.ts";
import { decodeAudio } from "./decode-audio.ts";
import { createDspCommands, dspCommands } from "./dsp-commands.ts";
import { encodeWav } from "./encode-wav.ts";
import { measureLoudness } from "./measure-loudness.ts";
import { guitarRiff, noise, sine } from "./test-support/signals.ts";

const scratch = mkdtempSync(join(tmpdir(), "gts-dsp-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("render-node loudness", () => {
  const loudness = dspCommands.loudness;
  if (loudness === undefined) throw new Error("no loudness command");

  it("prints the BS.1770 figures of a file as JSON", async () => {
    const path = join(scratch, "tone.wav");
    const tone = sine(1000, -23, 5, 48_000);
    writeFileSync(path, encodeWav([tone, tone], 48_000));
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await loudness.run([path]);
      const printed = JSON.parse(String(log.mock.calls[0]?.[0]));
      expect(Object.keys(printed).sort()).toEqual(
        [
          "channels",
          "durationSeconds",
          "integratedLufs",
          "lraLu",
          "momentaryMaxLufs",
          "samplePeakDbfs",
          "sampleRateHz",
          "shortTermMaxLufs",
          "truePeakDbtp",
        ].sort(),
      );
      expect(printed.integratedLufs).toBeCloseTo(-23, 1);
      expect(printed).toMatchObject({ sampleRateHz: 48_000, channels: 2, durationSeconds: 5 });
    } finally {
      log.mockRestore();
    }
  });

  it("prints null for levels of a silent file instead of -Infinity", async () => {
    const path = join(scratch, "silence.wav");
    writeFileSync(path, encodeWav([new Float32Array(48_000)], 48_000));
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await loudness.run([path]);
      expect(JSON.parse(String(log.mock.calls[0]?.[0]))).toMatchObject({ integratedLufs: null, truePeakDbtp: null });
    } finally {
      log.mockRestore();
    }
  });

  it("throws UsageError for missing or extra arguments and unknown options, a decode error for a bad file", async () => {
    await expect(loudness.run([])).rejects.toBeInstanceOf(UsageError);
    await expect(loudness.run(["a.wav", "b.wav"])).rejects.toBeInstanceOf(UsageError);
    await expect(loudness.run(["--frobnicate", "a.wav"])).rejects.toBeInstanceOf(UsageError);
    const bad = join(scratch, "bad.wav");
    writeFileSync(bad, "not audio");
    await expect(loudness.run([bad])).rejects.toThrow(/bad.wav: not a WAV, FLAC, AIFF or MP3 file/);
  });
});

/** A DI (44.1 kHz stereo, 6 s), a dark noise "cab" IR at 96 kHz, and the JSON files naming them by relative path. */
function writeProject(dir: string) {
  mkdirSync(join(dir, "assets"), { recursive: true });
  const riff = guitarRiff(6, 44_100, 5);
  writeFileSync(join(dir, "assets", "di.wav"), encodeWav([riff, riff.map((v) => v * 0.5)], 44_100));
  const ir = noise(2_048, 1, 8).map((v, i) => v * Math.exp(-i / 300));
  writeFileSync(join(dir, "assets", "cab.wav"), encodeWav([ir], 96_000));
  const chainA = {
    name: "clean",
    colour: "#3366ff",
    blocks: [
      { type: "gain", gainDb: 3 },
      { type: "ir", assetId: "assets/cab.wav" },
    ],
  };
  const chainB = {
    name: "dark",
    colour: "#ff6633",
    blocks: [
      { type: "eq", bands: [{ kind: "highShelf", frequencyHz: 3000, gainDb: -6 }] },
      { type: "ir", assetId: "assets/cab.wav", mix: 0.8 },
      { type: "reverb", mix: 0.1 },
    ],
  };
  writeFileSync(join(dir, "chain.json"), JSON.stringify(chainA));
  writeFileSync(
    join(dir, "shootout.json"),
    JSON.stringify({
      title: "test",
      diTracks: [{ assetId: "assets/di.wav", riffs: [{ startSeconds: 0.5, endSeconds: 4.5 }] }],
      chains: [chainA, chainB],
      arrangement: { mode: "ab", riffSeconds: 3, rounds: 2 },
    }),
  );
}

describe("render-node chain and render-audio", () => {
  const project = join(scratch, "project");
  writeProject(project);

  it("chain renders a DI through a chain whose assets are file paths, at 48 kHz", async () => {
    const out = join(scratch, "chain-out.wav");
    await dspCommands.chain?.run([
      "--chain",
      join(project, "chain.json"),
      "--in",
      join(project, "assets", "di.wav"),
      "--out",
      out,
    ]);
    const rendered = await decodeAudio(readFileSync(out), "chain-out.wav");
    expect(rendered).toMatchObject({ sampleRateHz: 48_000, float: true });
    expect(rendered.channels[0]).toHaveLength(6 * 48_000);
  });

  it("render-audio writes program, stems, cues and a loudness report, matched to −14 LUFS", async () => {
    const outDir = join(scratch, "render");
    await dspCommands["render-audio"]?.run([join(project, "shootout.json"), "--out", outDir]);
    const program = await decodeAudio(readFileSync(join(outDir, "program.wav")), "program.wav");
    expect(program.channels).toHaveLength(2);
    const cues = JSON.parse(readFileSync(join(outDir, "cues.json"), "utf8"));
    expect(cues.map((c: { chainIndex: number }) => c.chainIndex)).toEqual([0, 1, 0, 1]);
    const loudness = JSON.parse(readFileSync(join(outDir, "loudness.json"), "utf8"));
    expect(loudness.segments).toHaveLength(2);
    for (const segment of loudness.segments) expect(segment.integratedLufs).toBeCloseTo(loudness.achievedLufs, 1);
    expect(measureLoudness(program.channels, 48_000).truePeakDbtp).toBeLessThanOrEqual(-1);
    const stem = await decodeAudio(readFileSync(join(outDir, "stems", "stem-1.wav")), "stem-1.wav");
    expect(stem.channels[0]).toHaveLength(program.channels[0]?.length ?? 0);
  });

  it("delegates capture blocks to the amp engine it is given, and says so when it has none", async () => {
    const chainPath = join(scratch, "capture-chain.json");
    writeFileSync(
      chainPath,
      JSON.stringify({
        name: "amp",
        colour: "#000000",
        blocks: [{ type: "capture", assetId: "project/models/amp.nam" }],
      }),
    );
    const args = ["--chain", chainPath, "--in", join(project, "assets", "di.wav"), "--out", join(scratch, "amp.wav")];
    await expect(dspCommands.chain?.run(args)).rejects.toThrow(/capture amp.nam: capture blocks need the amp engine/);
    const seen: string[] = [];
    const withEngine = createDspCommands({
      renderCaptureFile: async (modelPath, _block, input, sampleRateHz) => {
        seen.push(`${modelPath.endsWith(join("project", "models", "amp.nam"))} ${sampleRateHz}`);
        return input.map((v) => Math.tanh(4 * v));
      },
    });
    await withEngine.chain?.run(args);
    expect(seen).toEqual(["true 48000"]);
  });

  it("reports contract errors in the JSON with the file name and the field", async () => {
    const badPath = join(scratch, "bad-chain.json");
    writeFileSync(badPath, JSON.stringify({ name: "x", colour: "red", blocks: [] }));
    await expect(
      dspCommands.chain?.run([
        "--chain",
        badPath,
        "--in",
        join(project, "assets", "di.wav"),
        "--out",
        join(scratch, "x.wav"),
      ]),
    ).rejects.toThrow(/bad-chain.json: colour: colour must be a hex colour/);
    await expect(dspCommands.chain?.run(["--chain", badPath])).rejects.toBeInstanceOf(UsageError);
  });
});

describeWithSharedFixtures("render-audio on ../shared/fixtures", () => {
  it("renders the fixture DI through two IR-only chains, segments within 0.1 LU of each other", async () => {
    const dir = join(scratch, "fixtures");
    mkdirSync(dir, { recursive: true });
    const specPath = join(dir, "shootout.json");
    writeFileSync(
      specPath,
      JSON.stringify({
        title: "cabs",
        diTracks: [{ assetId: sharedFixture("di", "gojira_left.wav"), channel: "left" }],
        chains: [
          {
            name: "fav",
            colour: "#112233",
            blocks: [
              { type: "gain", gainDb: 12 },
              { type: "ir", assetId: sharedFixture("ir", "mesa-fav.wav") },
            ],
          },
          {
            name: "os",
            colour: "#332211",
            blocks: [
              { type: "gain", gainDb: 12 },
              { type: "ir", assetId: sharedFixture("ir", "mesa-os-4x12-57-m160.wav") },
            ],
          },
        ],
        arrangement: { mode: "full", gapSeconds: 0.5 },
      }),
    );
    await dspCommands["render-audio"]?.run([specPath, "--out", join(dir, "out")]);
    const loudness = JSON.parse(readFileSync(join(dir, "out", "loudness.json"), "utf8"));
    const finals = loudness.segments.map((s: { integratedLufs: number }) => s.integratedLufs);
    console.log(`fixture render: ${loudness.note} finals ${finals.map((f: number) => f.toFixed(3)).join(", ")} LUFS`);
    expect(Math.max(...finals) - Math.min(...finals)).toBeLessThanOrEqual(0.1);
  });
});
