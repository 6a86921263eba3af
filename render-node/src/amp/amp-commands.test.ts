import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { describeWithSharedFixtures, sharedFixture } from "../../../dev/test-support/shared-fixtures.ts";
import { UsageError } from "../cli/command.ts";
import { ampCommands } from "./amp-commands.ts";
import { AmpSampleRateError } from "./amp-sample-rate-error.ts";
import { readMonoWav, writeMonoFloatWav } from "./amp-wav.ts";
import { maxAbsDifference, testSignal } from "./test-support/reference-models.ts";

const dir = mkdtempSync(join(tmpdir(), "amp-commands-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function command(name: string) {
  const found = ampCommands[name];
  if (found === undefined) throw new Error(`no command ${name}`);
  return found;
}

describe("amp command arguments", () => {
  for (const args of [
    [],
    ["--model", "m.nam", "--in", "in.wav"],
    ["--model", "m.nam", "--in", "in.wav", "--out", "o.wav", "--size", "2"],
    ["--model", "m.nam", "--in", "in.wav", "--out", "o.wav", "--threads", "0"],
    ["--model", "m.nam", "--in", "in.wav", "--out", "o.wav", "--gpu", "tpu"],
    ["--model", "m.nam", "--bogus"],
  ]) {
    it(`rejects ${JSON.stringify(args)} with a UsageError`, async () => {
      await expect(command("amp").run(args)).rejects.toThrow(UsageError);
    });
  }
  it("amp-info needs --model", async () => {
    await expect(command("amp-info").run([])).rejects.toThrow(UsageError);
  });
});

describeWithSharedFixtures("amp commands on fixture captures", () => {
  it("amp renders the golden input through jcm800 as a mono float WAV at the capture's rate", async () => {
    const out = join(dir, "jcm800.wav");
    await command("amp").run([
      "--model",
      sharedFixture("nam", "jcm800-capture-3.nam"),
      "--in",
      sharedFixture("reference", "gojira_left.mono.f32.wav"),
      "--out",
      out,
      "--threads",
      "1",
      "--gpu",
      "off",
    ]);
    const rendered = await readMonoWav(out);
    const golden = await readMonoWav(sharedFixture("reference", "gojira_left.jcm800.namcore.wav"));
    expect(rendered.sampleRateHz).toBe(48_000);
    expect(rendered.samples.length).toBe(golden.samples.length);
    expect(maxAbsDifference(rendered.samples, golden.samples)).toBeLessThan(2e-5);
  });

  it("amp --size 0.25 selects the A2 container's Lite submodel", async () => {
    const out = join(dir, "a2-lite.wav");
    await command("amp").run([
      "--model",
      sharedFixture("nam", "core__A2.nam"),
      "--in",
      sharedFixture("reference", "gojira_left.mono.f32.wav"),
      "--out",
      out,
      "--size",
      "0.25",
      "--threads",
      "1",
    ]);
    const golden = await readMonoWav(sharedFixture("reference", "gojira_left.core__A2.slim0.25.namcore.wav"));
    expect(maxAbsDifference((await readMonoWav(out)).samples, golden.samples)).toBeLessThan(2e-5);
  });

  it("amp refuses input at another rate than the capture's", async () => {
    const input = join(dir, "in-44k.wav");
    await writeMonoFloatWav(input, testSignal(4_410), 44_100);
    await expect(
      command("amp").run([
        "--model",
        sharedFixture("nam", "core__wavenet.nam"),
        "--in",
        input,
        "--out",
        join(dir, "x.wav"),
      ]),
    ).rejects.toThrow(AmpSampleRateError);
  });

  it("amp-info prints the capture's facts as JSON", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await command("amp-info").run(["--model", sharedFixture("nam", "jcm800-capture-3.nam")]);
      const info = JSON.parse(String(log.mock.calls[0]?.[0]));
      expect(info).toMatchObject({
        architecture: "WaveNet",
        sizePreset: "standard",
        receptiveFieldSamples: 4_093,
        sampleRateHz: 48_000,
        parameterCount: 13_802,
        macsPerSample: 13_320,
      });
      expect(info.loudnessDb).toBeCloseTo(-20.25, 2);
      expect(info).toHaveProperty("inputLevelDbu");
      expect(info).toHaveProperty("outputLevelDbu");
    } finally {
      log.mockRestore();
    }
  });
});
