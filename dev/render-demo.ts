/**
 * @module `just render-demo`: the demo shootout rendered offline, as a render node would, with no server:
 * generates the demo assets, writes a SHOOTOUT.json that names them by path, and runs `render-node render`.
 */
import "./offline-env.ts";
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { generateDemoAssets } from "./demo/generate-demo-assets.ts";

const assetsDir = resolve(process.argv[2] ?? "dev/demo-assets");
const outDir = resolve(process.argv[3] ?? "dev/demo-render");
const assets = await generateDemoAssets(assetsDir);
const di = assets.find((a) => a.kind === "di");
const ir = assets.find((a) => a.kind === "ir");
if (!di || !ir) throw new Error("the demo generator wrote no DI or no IR");
const colours = ["#f5a524", "#17c964", "#006fee"];
const shootout = {
  title: "Demo: clean, crunch and high-gain through a 4x12",
  diTracks: [{ assetId: di.fileName, riffs: [{ startSeconds: 0.25, endSeconds: 4.25 }] }],
  chains: assets
    .filter((a) => a.kind === "capture")
    .map((capture, i) => ({
      name: capture.title,
      colour: colours[i % colours.length],
      blocks: [
        { type: "capture", assetId: capture.fileName },
        { type: "ir", assetId: ir.fileName },
      ],
    })),
};
const specPath = join(assetsDir, "shootout.json");
await writeFile(specPath, `${JSON.stringify(shootout, null, 2)}\n`);
const child = spawn("node", ["render-node/src/main.ts", "render", specPath, "--out", outDir, "--short"], {
  stdio: "inherit",
});
const code = await new Promise<number | null>((done) => child.on("close", done));
if (code !== 0) process.exit(code ?? 1);
console.log(
  `The demo shootout is in ${outDir}: shootout.mp4, short.mp4, thumbnail.png, stems/, program.wav, manifest.json`,
);
