/**
 * @module Starts the real local stack (`node dev/start-local.ts`: migrations, seed, three Workers in workerd) on a
 * free port with its own state folder, and gives back its URL and everything it printed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface LocalStack {
  url: string;
  /** The stack's own local state folder (D1, R2, the local render node's work folder), removed by `stop`. */
  stateDir: string;
  stdout: () => string;
  stderr: () => string;
  stop: () => Promise<void>;
}

const READY_LINE = /is running at (http:\/\/\S+)/;

/**
 * `localNode`: also run `npm start`'s local render node (off by default, so tests decide which node renders);
 * `env`: more environment for the stack, e.g. `GTS_RENDER_LEASE_SECONDS`.
 */
export async function startLocalStack({
  timeoutMs = 180_000,
  localNode = false,
  env = {} as Record<string, string>,
} = {}): Promise<LocalStack> {
  const stateDir = await mkdtemp(join(tmpdir(), "gts-e2e-"));
  const port = await freePort();
  const child = spawn("node", ["dev/start-local.ts"], {
    env: {
      ...process.env,
      // No demo render queued by the seed (unless `env` asks): tests decide what renders, and when.
      GTS_SEED_RENDER: "off",
      ...env,
      GTS_STATE_DIR: stateDir,
      GTS_PORT: String(port),
      GTS_LOCAL_NODE: localNode ? "on" : "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`local stack not ready in ${timeoutMs} ms:\n${stdout}\n${stderr}`)),
      timeoutMs,
    );
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = READY_LINE.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`local stack exited with ${code} before it was ready:\n${stdout}\n${stderr}`));
    });
  });
  return {
    url,
    stateDir,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async () => {
      await stopGroup(child);
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** SIGTERM to the whole process group (workerd runs as a child of the dev server), SIGKILL after 10 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
