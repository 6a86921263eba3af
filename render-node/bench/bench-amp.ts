/**
 * @module Amp engine benchmark (`node render-node/bench/bench-amp.ts [--seconds 60] [--runs 3]`): ONNX Runtime on 1
 * thread and on all threads vs the NAM core compiled to WebAssembly, on the fixture DI looped; then the peak RSS of
 * the `amp` command on a 10-minute float WAV (`--rss-minutes`) in a child process. Prints a table, and as the last line
 * one JSON object with every figure.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sharedFixturesDir } from "../../dev/shared-fixtures-dir.ts";
import { loadAmp } from "../src/amp/amp-runner.ts";
import { readMonoWav, writeMonoFloatWav } from "../src/amp/amp-wav.ts";
import { createNamWasmPeer } from "../src/amp/test-support/nam-wasm-peer.ts";

const SAMPLE_RATE_HZ = 48_000;
const MODELS = [
  { key: "jcm800", file: "jcm800-capture-3.nam", what: "standard WaveNet" },
  { key: "a2Full", file: "core__A2.nam", what: "A2 full (container default)" },
  { key: "lstm", file: "core__lstm.nam", what: "LSTM 1×3" },
] as const;

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    runs: { type: "string", default: "3" },
    "rss-minutes": { type: "string", default: "10" },
  },
});

const nam = (file: string) => `${sharedFixturesDir}/nam/${file}`;

async function loopedDi(samples: number): Promise<Float32Array> {
  const di = (await readMonoWav(`${sharedFixturesDir}/reference/gojira_left.mono.f32.wav`)).samples;
  const out = new Float32Array(samples);
  for (let i = 0; i < samples; i += di.length) out.set(di.subarray(0, Math.min(di.length, samples - i)), i);
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

async function timeIt(runs: number, body: () => Promise<unknown> | unknown): Promise<number> {
  const seconds: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await body();
    seconds.push((performance.now() - t0) / 1000);
  }
  return median(seconds);
}

// Peak RSS first, while this process is still small and idle.
const minutes = Number(values["rss-minutes"]);
const rssDir = mkdtempSync(join(tmpdir(), "bench-amp-"));
let peakRssBytes = Number.NaN;
try {
  const inPath = join(rssDir, "in.wav");
  await writeMonoFloatWav(inPath, await loopedDi(Math.round(minutes * 60 * SAMPLE_RATE_HZ)), SAMPLE_RATE_HZ);
  // A bare child that imports only the command, so its peak RSS is the command's, not this benchmark's.
  const commandsUrl = new URL("../src/amp/amp-commands.ts", import.meta.url).href;
  const args = [
    "--model",
    nam("jcm800-capture-3.nam"),
    "--in",
    inPath,
    "--out",
    join(rssDir, "out.wav"),
    "--threads",
    "1",
  ];
  const script = `const { ampCommands } = await import(${JSON.stringify(commandsUrl)});
await ampCommands.amp.run(${JSON.stringify(args)});
console.log(JSON.stringify({ peakRssBytes: process.resourceUsage().maxRSS * 1024 }));`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(`RSS child failed: ${child.stderr}`);
  peakRssBytes = (JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}") as { peakRssBytes: number }).peakRssBytes;
} finally {
  rmSync(rssDir, { recursive: true, force: true });
}
const seconds = Number(values.seconds);
const runs = Math.max(1, Math.floor(Number(values.runs)));
const allThreads = availableParallelism();
const samples = Math.round(seconds * SAMPLE_RATE_HZ);
const input = await loopedDi(samples);
const peer = await createNamWasmPeer(SAMPLE_RATE_HZ, 128);
const figures: Record<string, number | string> = { audioSeconds: seconds, runs, allThreadsCount: allThreads };
const rows: string[][] = [];
const rate = (s: number) => samples / s;

for (const model of MODELS) {
  const measured: Record<string, number> = {};
  for (const [label, threads] of [
    ["1thread", 1],
    ["allThreads", allThreads],
  ] as const) {
    const amp = await loadAmp(nam(model.file), { threads });
    await amp.run(input.subarray(0, SAMPLE_RATE_HZ)); // warm-up: ORT allocates its arena on the first runs
    const s = await timeIt(runs, () => amp.run(input));
    measured[label] = rate(s);
  }
  if (!peer.load(readFileSync(nam(model.file), "utf8"))) throw new Error(`nam-wasm could not load ${model.file}`);
  peer.render(input.subarray(0, SAMPLE_RATE_HZ));
  measured.wasm = rate(await timeIt(runs, () => peer.render(input)));
  const wasm = measured.wasm ?? Number.NaN;
  for (const [label, samplesPerSec] of Object.entries(measured)) {
    figures[`${model.key}_${label}_samplesPerSec`] = Math.round(samplesPerSec);
    figures[`${model.key}_${label}_xRealtime`] = Number((samplesPerSec / SAMPLE_RATE_HZ).toFixed(2));
    const ratio = label === "wasm" ? "" : (samplesPerSec / wasm).toFixed(2);
    if (label !== "wasm") figures[`${model.key}_${label}_vsWasm_ratio`] = Number(ratio);
    rows.push([
      model.key,
      model.what,
      label === "wasm" ? "nam-wasm (block 128)" : `ORT ${label === "1thread" ? "1 thread" : `${allThreads} threads`}`,
      Math.round(samplesPerSec).toLocaleString("en-US"),
      (samplesPerSec / SAMPLE_RATE_HZ).toFixed(1),
      ratio,
    ]);
  }
}
peer.dispose();

figures.jcm800_tenMinute_peakRssMiB = Math.round(peakRssBytes / 2 ** 20);
figures.jcm800_tenMinute_peakRssMB = Math.round(peakRssBytes / 1e6);
figures.rssInputMinutes = minutes;

const header = ["model", "what", "engine", "samples/s", "× real time", "× nam-wasm"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
console.log(`Amp benchmark: ${seconds} s of the fixture DI looped at ${SAMPLE_RATE_HZ} Hz, median of ${runs} runs`);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(
  `peak RSS of \`amp\` on a ${minutes}-min float WAV through jcm800 (1 thread, child process, read + render + write): ${figures.jcm800_tenMinute_peakRssMiB} MiB (${Math.round(peakRssBytes / 1e6)} MB)`,
);
console.log(JSON.stringify(figures));
