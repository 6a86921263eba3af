import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../cli/command.ts";
import { writeTestSpec } from "./test-support/write-test-spec.ts";
import { createVideoCommands } from "./video-commands.ts";

const render = createVideoCommands().render;
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("render", () => {
  it("needs SHOOTOUT.json and --out", async () => {
    await expect(render?.run(["--out", "x"])).rejects.toBeInstanceOf(UsageError);
    await expect(render?.run(["a.json", "--short", "--no-video", "--out", "x"])).rejects.toThrow(
      /--short needs the video/,
    );
  });

  it("with --no-video writes the audio, chapters and a manifest with input hashes and loudness", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gts-render-"));
    dirs.push(dir);
    const specPath = await writeTestSpec(dir);
    const out = join(dir, "out");
    await render?.run([specPath, "--out", out, "--no-video"]);
    expect(await readFile(join(out, "chapters.txt"), "utf8")).toBe("0:00 Riff 1\n");
    const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8"));
    expect(manifest.inputs.map((input: { path: string }) => input.path.split("/").at(-1))).toEqual([
      "SHOOTOUT.json",
      "di.wav",
      "cab.wav",
    ]);
    expect(manifest.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.versions).toMatchObject({ remotion: "4.0.529" });
    expect(manifest.settings.video).toMatchObject({ gopFrames: 15, audioBitrate: "384k" });
    expect(manifest.loudness.segments).toHaveLength(2);
    expect(manifest.outputs.map((output: { name: string }) => output.name)).toEqual([
      "program.wav",
      "cues.json",
      "loudness.json",
      "chapters.txt",
    ]);
  }, 60_000);
});
