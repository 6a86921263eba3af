/**
 * @module `startFakeRenderApi`: a local HTTP server standing in for the api as a render node sees it: the node's
 * tRPC procedures (`node.hello`, `render.claim`/`heartbeat`/`report`/`complete`/`fail`/`release`, plain JSON as the
 * api's `httpLink` speaks it) and the file routes (`GET /files/renders/:id/inputs/:sha256`, `PUT
 * /files/renders/:id/artifacts/:name`, and the multipart upload routes under `…/artifacts/:name/uploads`, which honour
 * any part size asked for and check each part's length and the whole SHA-256 as the api does). Tests queue claims,
 * serve input bytes with chosen headers, make chosen part uploads fail, and read back what the node did: downloads,
 * uploads, parts, completions and failures.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RenderSpec } from "@gts/api/contract";

export interface FakeInput {
  bytes: Uint8Array;
  /** Extra response headers, e.g. `{ "X-GTS-Input-Policy": "transient", "Cache-Control": "no-store" }`. */
  headers?: Record<string, string>;
}

/** One multipart upload, as the fake api saw it. */
export interface FakeMultipartUpload {
  uploadId: string;
  renderId: string;
  name: string;
  bytes: number;
  sha256: string;
  partBytes: number;
  parts: number;
  /** The part numbers of every part request, in arrival order (failed and retried ones included). */
  partRequests: number[];
  /** The bytes of each part stored. */
  received: Map<number, Buffer>;
  state: "open" | "completed" | "aborted";
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
  /** Multipart uploads, in the order they were started. */
  multipartUploads: FakeMultipartUpload[];
  /**
   * Makes the next `times` requests for part `partNumber` (of any upload) fail: answered with `status`, or with the
   * connection dropped mid-request when `status` is 0.
   */
  failPart(partNumber: number, times: number, status?: number): void;
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
  const multipartUploads: FakeMultipartUpload[] = [];
  const partFailures = new Map<number, { times: number; status: number }>();

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

  /** The multipart routes; false when the request is not one of them. */
  async function handleMultipart(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    const route =
      /^\/files\/renders\/([\w-]+)\/artifacts\/([^/]+)\/uploads(?:\/([^/]+)(?:\/parts\/(\d+)|\/(complete))?)?$/.exec(
        url.pathname,
      );
    if (!route) return false;
    const [, renderId = "", encodedName = "", encodedUploadId, partNumber, complete] = route;
    const name = decodeURIComponent(encodedName);
    if (encodedUploadId === undefined && request.method === "POST") {
      const declared = JSON.parse((await readBody(request)).toString("utf8")) as {
        bytes: number;
        sha256: string;
        partBytes: number;
      };
      const upload: FakeMultipartUpload = {
        uploadId: `upload-${multipartUploads.length + 1}`,
        renderId,
        name,
        bytes: declared.bytes,
        sha256: declared.sha256,
        partBytes: declared.partBytes,
        parts: Math.ceil(declared.bytes / declared.partBytes),
        partRequests: [],
        received: new Map(),
        state: "open",
      };
      multipartUploads.push(upload);
      sendJson(response, 201, { uploadId: upload.uploadId, partBytes: upload.partBytes, parts: upload.parts });
      return true;
    }
    const upload = multipartUploads.find(
      (u) => u.uploadId === decodeURIComponent(encodedUploadId ?? "") && u.renderId === renderId && u.name === name,
    );
    if (upload === undefined) {
      await readBody(request);
      sendJson(response, 404, { error: { code: "NOT_FOUND", message: "no such upload" } });
      return true;
    }
    if (partNumber !== undefined && request.method === "PUT") {
      const n = Number(partNumber);
      upload.partRequests.push(n);
      const failure = partFailures.get(n);
      if (failure !== undefined && failure.times > 0) {
        failure.times--;
        if (failure.status === 0) {
          request.socket.destroy();
          return true;
        }
        await readBody(request);
        sendJson(response, failure.status, { error: { code: "FAILED", message: `part ${n} failed on purpose` } });
        return true;
      }
      const body = await readBody(request);
      const expected = n < upload.parts ? upload.partBytes : upload.bytes - (upload.parts - 1) * upload.partBytes;
      if (upload.state !== "open" || n < 1 || n > upload.parts || body.length !== expected) {
        sendJson(response, 400, { error: { code: "BAD_REQUEST", message: `part ${n} must be ${expected} bytes` } });
        return true;
      }
      upload.received.set(n, body);
      sendJson(response, 200, { partNumber: n, etag: `etag-${n}-${createHash("md5").update(body).digest("hex")}` });
      return true;
    }
    if (complete !== undefined && request.method === "POST") {
      const { parts } = JSON.parse((await readBody(request)).toString("utf8")) as {
        parts: { partNumber: number; etag: string }[];
      };
      const whole = Buffer.concat(parts.map((p) => upload.received.get(p.partNumber) ?? Buffer.alloc(0)));
      if (parts.length !== upload.parts || createHash("sha256").update(whole).digest("hex") !== upload.sha256) {
        sendJson(response, 400, { error: { code: "BAD_REQUEST", message: "not the declared SHA-256" } });
        return true;
      }
      if (upload.state === "open") uploads.set(renderId, [...(uploads.get(renderId) ?? []), name]);
      upload.state = "completed";
      sendJson(response, 201, { name, key: `renders/${renderId}/${name}`, bytes: upload.bytes, sha256: upload.sha256 });
      return true;
    }
    if (partNumber === undefined && complete === undefined && request.method === "DELETE") {
      upload.state = "aborted";
      upload.received.clear();
      response.writeHead(204).end();
      return true;
    }
    return false;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://fake");
    if (await handleMultipart(request, response, url)) return;
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
    multipartUploads,
    failPart: (partNumber, times, status = 503) => void partFailures.set(partNumber, { times, status }),
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
