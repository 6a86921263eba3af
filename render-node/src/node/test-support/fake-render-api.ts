/**
 * @module `startFakeRenderApi`: a local HTTP server standing in for the api as a render node sees it: the node's
 * tRPC procedures (`node.hello`, `render.claim`/`heartbeat`/`report`/`complete`/`fail`/`release`, plain JSON as the
 * api's `httpLink` speaks it) and the two file routes (`GET /files/renders/:id/inputs/:sha256`, `PUT
 * /files/renders/:id/artifacts/:name`). Tests queue claims, serve input bytes with chosen headers and read back what
 * the node did: downloads, uploads, completions and failures.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RenderSpec } from "@gts/api/contract";

export interface FakeInput {
  bytes: Uint8Array;
  /** Extra response headers, e.g. `{ "X-GTS-Input-Policy": "transient", "Cache-Control": "no-store" }`. */
  headers?: Record<string, string>;
}

/** How a render ended, as the node reported it. */
export type FakeOutcome =
  | { type: "complete"; manifest: { artifacts: { name: string }[] } & Record<string, unknown> }
  | { type: "fail"; error: { code: string; message: string }; retryable: boolean };

export interface FakeRenderApi {
  /** The origin to give `createNodeApi` as `apiUrl`. */
  url: string;
  /** Serves these bytes (and headers) for the input with this SHA-256, to any render. */
  setInput(sha256: string, input: FakeInput): void;
  /** Hands this spec to the next `render.claim`. */
  queueRender(spec: RenderSpec): void;
  /** Resolves when the node completes or fails the render. */
  outcome(renderId: string): Promise<FakeOutcome>;
  /** How many times each input was downloaded (by SHA-256). */
  downloads: Map<string, number>;
  /** Names of the artifacts uploaded, by render. */
  uploads: Map<string, string[]>;
  /** Every tRPC call, as `procedure renderId?`. */
  calls: string[];
  close(): Promise<void>;
}

/** How long `render.claim` holds when nothing is queued (the api long-polls up to `waitSeconds`). */
const CLAIM_HOLD_MS = 100;

export async function startFakeRenderApi(): Promise<FakeRenderApi> {
  const inputs = new Map<string, FakeInput>();
  const queue: RenderSpec[] = [];
  const claimWaiters: Array<() => void> = [];
  const outcomes = new Map<string, { promise: Promise<FakeOutcome>; resolve: (outcome: FakeOutcome) => void }>();
  const downloads = new Map<string, number>();
  const uploads = new Map<string, string[]>();
  const calls: string[] = [];

  const outcomeOf = (renderId: string) => {
    let entry = outcomes.get(renderId);
    if (entry === undefined) {
      let resolve!: (outcome: FakeOutcome) => void;
      const promise = new Promise<FakeOutcome>((r) => {
        resolve = r;
      });
      entry = { promise, resolve };
      outcomes.set(renderId, entry);
    }
    return entry;
  };

  async function nextClaim(): Promise<RenderSpec | null> {
    if (queue.length === 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLAIM_HOLD_MS);
        claimWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return queue.shift() ?? null;
  }

  async function procedure(path: string, input: Record<string, unknown>): Promise<unknown> {
    const renderId = typeof input.renderId === "string" ? input.renderId : undefined;
    calls.push(renderId === undefined ? path : `${path} ${renderId}`);
    switch (path) {
      case "node.hello":
        return { name: "fake-node" };
      case "render.claim": {
        const spec = await nextClaim();
        if (spec === null) return null;
        return {
          renderId: spec.renderId,
          attempt: 1,
          leaseExpiresAt: new Date(Date.now() + 60_000).toISOString(),
          spec,
          specHash: "0".repeat(64),
        };
      }
      case "render.complete":
        outcomeOf(renderId ?? "").resolve({ type: "complete", manifest: input.manifest as never });
        return { ok: true };
      case "render.fail":
        outcomeOf(renderId ?? "").resolve({
          type: "fail",
          error: input.error as { code: string; message: string },
          retryable: input.retryable === true,
        });
        return { ok: true };
      case "render.heartbeat":
      case "render.report":
      case "render.release":
        return { ok: true };
      default:
        throw new Error(`the fake api has no procedure ${path}`);
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://fake");
    const body = await readBody(request);
    const trpc = /^\/trpc\/([\w.]+)$/.exec(url.pathname);
    if (trpc && request.method === "POST") {
      try {
        const data = await procedure(trpc[1] as string, body.length ? JSON.parse(body.toString("utf8")) : {});
        sendJson(response, 200, { result: { data } });
      } catch (error) {
        sendJson(response, 500, {
          error: { message: (error as Error).message, code: -32603, data: { code: "INTERNAL_SERVER_ERROR" } },
        });
      }
      return;
    }
    const input = /^\/files\/renders\/([\w-]+)\/inputs\/([0-9a-f]{64})$/.exec(url.pathname);
    if (input && request.method === "GET") {
      const sha256 = input[2] as string;
      const served = inputs.get(sha256);
      if (served === undefined) {
        response.writeHead(404, { "Content-Type": "text/plain" }).end(`no input ${sha256}`);
        return;
      }
      downloads.set(sha256, (downloads.get(sha256) ?? 0) + 1);
      response
        .writeHead(200, {
          "Content-Type": "application/octet-stream",
          "Content-Length": String(served.bytes.byteLength),
          ...served.headers,
        })
        .end(served.bytes);
      return;
    }
    const artifact = /^\/files\/renders\/([\w-]+)\/artifacts\/([^/]+)$/.exec(url.pathname);
    if (artifact && request.method === "PUT") {
      const renderId = artifact[1] as string;
      uploads.set(renderId, [...(uploads.get(renderId) ?? []), decodeURIComponent(artifact[2] as string)]);
      sendJson(response, 200, { ok: true });
      return;
    }
    response.writeHead(404, { "Content-Type": "text/plain" }).end(`no route ${request.method} ${url.pathname}`);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain" });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setInput: (sha256, input) => void inputs.set(sha256, input),
    queueRender(spec) {
      queue.push(spec);
      for (const wake of claimWaiters.splice(0)) wake();
    },
    outcome: (renderId) => outcomeOf(renderId).promise,
    downloads,
    uploads,
    calls,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}
