import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { synthDiRiff } from "../dev/demo/synth-di-riff.ts";
import { encodeWav } from "../dev/demo/write-wav.ts";
import { type LocalApiClient, localApiClient } from "../dev/seed/local-api-client.ts";
import { DEMO_USER } from "../dev/seed/seed-demo.ts";
import type { ProgressEvent } from "../workers/api/src/contract/index.ts";
import { type LocalStack, startLocalStack } from "./local-stack.ts";

const LEASE_SECONDS = 5;

/** A real `render-node start` process, with everything it prints. */
function startNode(url: string, token: string, workDir: string) {
  // Audio only: this test is about leases and events, and video would only make it slower.
  const args = ["render-node/src/main.ts", "start", "--api", url, "--work-dir", workDir, "--no-video"];
  const child = spawn("node", args, {
    env: { ...process.env, GTS_NODE_TOKEN: token },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
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

/** Listens to a render's room as its owner; `resume` reconnects after the last seq it saw. */
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
  return {
    events,
    connect,
    disconnect: () => socket?.close(1000),
  };
}

describe("a render node killed mid-render", () => {
  let stack: LocalStack;
  let creator: LocalApiClient;
  let cookie = "";
  const nodes: ChildProcess[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    stack = await startLocalStack({ env: { GTS_RENDER_LEASE_SECONDS: String(LEASE_SECONDS) } });
    creator = localApiClient(stack.url);
    await creator.trpc.auth.signIn.mutate({ email: DEMO_USER.email, password: DEMO_USER.password });
    cookie = creator.cookie() ?? "";
  });

  afterAll(async () => {
    for (const node of nodes) node.kill("SIGKILL");
    await stack?.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("is taken over by another node after its lease expires; the listener sees one gap-free stream", async () => {
    // Half a minute of DI, so the first node is still working when it is killed.
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
    const [tokenA, tokenB] = [
      (await creator.trpc.node.create.mutate({ name: "node A" })).token,
      (await creator.trpc.node.create.mutate({ name: "node B" })).token,
    ];
    const { id } = await creator.trpc.render.submit.mutate({ shootoutId: shootout.id });
    const listener = listen(stack.url, cookie, id);
    await listener.connect();

    dirs.push(await mkdtemp(join(tmpdir(), "node-a-")), await mkdtemp(join(tmpdir(), "node-b-")));
    const a = startNode(stack.url, tokenA, dirs[0] as string);
    nodes.push(a.child);
    await a.waitFor(new RegExp(`claimed render ${id}`));
    a.child.kill("SIGKILL");

    // The listener drops its connection and comes back, asking for what came after its last event.
    listener.disconnect();
    const b = startNode(stack.url, tokenB, dirs[1] as string);
    nodes.push(b.child);
    await listener.connect();
    await b.waitFor(new RegExp(`completed render ${id}`), 90_000);

    const render = await creator.trpc.render.get.query({ id });
    expect(render).toMatchObject({ status: "succeeded", attempt: 2 });
    const stored = await creator.trpc.render.events.query({ id });
    expect(stored.filter((e) => e.type === "claimed").map((e) => (e as { nodeName: string }).nodeName)).toEqual([
      "node A",
      "node B",
    ]);
    const deadline = Date.now() + 5000;
    while (listener.events.at(-1)?.type !== "succeeded" && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(listener.events.map((e) => e.seq)).toEqual(stored.map((e) => e.seq));
    expect(listener.events.map((e) => e.seq)).toEqual(stored.map((_, i) => i));
    listener.disconnect();

    const names = render.artifacts?.artifacts.map((artifact) => artifact.name) ?? [];
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      const response = await fetch(`${stack.url}files/renders/${id}/artifacts/${name}`, {
        headers: { Cookie: cookie },
      });
      expect(response.status, name).toBe(200);
    }

    b.child.kill("SIGTERM");
    await b.waitFor(/stopped/, 10_000);
  });
});
