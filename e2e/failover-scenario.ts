/**
 * @module The kill-a-node scenario, shared by the end-to-end test and `just bench-failover`: node A (a real
 * `render-node start` process) claims a render and is killed with SIGKILL; node B takes it over once A's lease
 * expires; a WebSocket listener drops and resumes mid-render. Returns what happened, for the caller to judge.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { synthDiRiff } from "../dev/demo/synth-di-riff.ts";
import { encodeWav } from "../dev/demo/write-wav.ts";
import { type LocalApiClient, localApiClient } from "../dev/seed/local-api-client.ts";
import { DEMO_USER } from "../dev/seed/seed-demo.ts";
import type { ProgressEvent } from "../workers/api/src/contract/index.ts";

/** Short leases so a dead node's render moves on in seconds; the stack must be started with this. */
export const FAILOVER_LEASE_SECONDS = 5;

/** A real `render-node start` process (audio only unless `video`: failover is about leases), with what it prints. */
export function startNodeProcess(url: string, token: string, workDir: string, { video = false } = {}) {
  const args = [
    "render-node/src/main.ts",
    "start",
    "--api",
    url,
    "--work-dir",
    workDir,
    ...(video ? [] : ["--no-video"]),
  ];
  const child = spawn("node", args, {
    env: { ...process.env, GTS_NODE_TOKEN: token },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
  }
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (pattern.test(output)) {
          clearInterval(poll);
          resolve();
        } else if (Date.now() - started > timeoutMs || child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error(`node never printed ${pattern}:\n${output}`));
        }
      }, 20);
    });
  return { child, output: () => output, waitFor };
}

/** Listens to a render's room as its owner; `connect` again resumes after the last seq it saw. */
function listen(url: string, cookie: string, renderId: string) {
  const events: ProgressEvent[] = [];
  let socket: WebSocket | null = null;
  const connect = () => {
    const after = events.at(-1)?.seq ?? -1;
    socket = new WebSocket(`${url.replace(/^http/, "ws")}realtime/renders/${renderId}/ws?after=${after}`, {
      headers: { Cookie: cookie },
    });
    socket.on("message", (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; event?: ProgressEvent };
      if (message.type === "progress" && message.event) events.push(message.event);
    });
    return new Promise<void>((resolve) => socket?.once("open", () => resolve()));
  };
  return { events, connect, disconnect: () => socket?.close(1000) };
}

export interface FailoverSetup {
  url: string;
  creator: LocalApiClient;
  cookie: string;
  shootoutId: string;
}

/** Signs in as the demo creator and builds a shootout over half a minute of DI, long enough to kill a node mid-render. */
export async function prepareFailover(url: string): Promise<FailoverSetup> {
  const creator = localApiClient(url);
  await creator.trpc.auth.signIn.mutate({ email: DEMO_USER.email, password: DEMO_USER.password });
  const riff = synthDiRiff({ sampleRateHz: 48_000, seed: 7 });
  const long = new Float32Array(riff.length * 4);
  for (let i = 0; i < 4; i++) long.set(riff, i * riff.length);
  const di = await creator.upload({
    kind: "di",
    fileName: "long-take.wav",
    name: "Long take",
    bytes: encodeWav({ samples: long, sampleRateHz: 48_000, encoding: "pcm24" }),
  });
  const irs = (await creator.trpc.asset.list.query({ kind: "ir" })).items;
  const shootout = await creator.trpc.shootout.create.mutate({
    title: "Failover",
    diTracks: [{ assetId: di.id, riffs: [{ startSeconds: 1, endSeconds: 5 }] }],
    chains: irs.slice(0, 2).map((ir, i) => ({
      name: `Cab ${i + 1}`,
      colour: i ? "#17c964" : "#f5a524",
      blocks: [{ type: "ir" as const, assetId: ir.id }],
    })),
  });
  return { url, creator, cookie: creator.cookie() ?? "", shootoutId: shootout.id };
}

export async function runFailover(setup: FailoverSetup) {
  const { url, creator, cookie } = setup;
  const tokens = [
    (await creator.trpc.node.create.mutate({ name: "node A" })).token,
    (await creator.trpc.node.create.mutate({ name: "node B" })).token,
  ];
  const dirs = [await mkdtemp(join(tmpdir(), "node-a-")), await mkdtemp(join(tmpdir(), "node-b-"))];
  const processes: ChildProcess[] = [];
  try {
    const { id } = await creator.trpc.render.submit.mutate({ shootoutId: setup.shootoutId });
    const listener = listen(url, cookie, id);
    await listener.connect();
    const a = startNodeProcess(url, tokens[0] as string, dirs[0] as string);
    processes.push(a.child);
    await a.waitFor(new RegExp(`claimed render ${id}`));
    a.child.kill("SIGKILL");
    // The listener drops its connection and comes back, asking for what came after its last event.
    listener.disconnect();
    const b = startNodeProcess(url, tokens[1] as string, dirs[1] as string);
    processes.push(b.child);
    await listener.connect();
    await b.waitFor(new RegExp(`completed render ${id}`), 90_000);
    const render = await creator.trpc.render.get.query({ id });
    const stored = await creator.trpc.render.events.query({ id });
    const deadline = Date.now() + 5000;
    while (listener.events.at(-1)?.type !== "succeeded" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    listener.disconnect();
    b.child.kill("SIGTERM");
    await b.waitFor(/stopped/, 20_000);
    return { renderId: id, render, stored, heard: [...listener.events] };
  } finally {
    for (const child of processes) if (child.exitCode === null) child.kill("SIGKILL");
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
}
