import { evictDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { ProgressEvent } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import { AUDIENCE_HEADER, type Audience, VIEWER_NODE_NAME } from "../src/audience.ts";
import type { JobRoomServerMessage } from "../src/job-room-messages.ts";

/**
 * Opens a room socket through the Worker's public route, as a browser would (via the app Worker, which states the
 * audience; without it the socket is a viewer's).
 */
async function openRoom(renderId: string, after?: number, audience?: Audience) {
  const query = after === undefined ? "" : `?after=${after}`;
  const response = await exports.default.fetch(`https://app.test/realtime/renders/${renderId}/ws${query}`, {
    headers: { Upgrade: "websocket", ...(audience ? { [AUDIENCE_HEADER]: audience } : {}) },
  });
  expect(response.status).toBe(101);
  const ws = response.webSocket;
  if (!ws) throw new Error("no WebSocket in the 101 response");
  const inbox = messageQueue(ws);
  ws.accept();
  return { ws, next: inbox };
}

/** Returns a function that resolves with the next message, failing after 5 s instead of hanging the suite. */
function messageQueue(ws: WebSocket) {
  const received: JobRoomServerMessage[] = [];
  const waiting: Array<(m: JobRoomServerMessage) => void> = [];
  ws.addEventListener("message", (e) => {
    const message = JSON.parse(e.data as string) as JobRoomServerMessage;
    const resolve = waiting.shift();
    if (resolve) resolve(message);
    else received.push(message);
  });
  return () =>
    new Promise<JobRoomServerMessage>((resolve, reject) => {
      const queued = received.shift();
      if (queued) return resolve(queued);
      const timer = setTimeout(() => reject(new Error("no message within 5 s")), 5000);
      waiting.push((m) => {
        clearTimeout(timer);
        resolve(m);
      });
    });
}

function stageEvent(renderId: string, seq: number, fraction: number): ProgressEvent {
  return { type: "stage", renderId, seq, at: new Date().toISOString(), stage: "amp", fraction };
}

describe("JobRoom", () => {
  it("greets a new socket, then echoes messages with increasing sequence numbers", async () => {
    const { ws, next } = await openRoom("render-echo");
    expect(await next()).toEqual({ type: "hello", renderId: "render-echo", lastSeq: -1, listeners: 1 });
    ws.send(JSON.stringify({ type: "echo", payload: "first" }));
    ws.send(JSON.stringify({ type: "echo", payload: "second" }));
    expect(await next()).toEqual({ type: "echo", renderId: "render-echo", seq: 1, payload: "first" });
    expect(await next()).toEqual({ type: "echo", renderId: "render-echo", seq: 2, payload: "second" });
    ws.close(1000, "done");
  });

  it("broadcasts published progress events to every listener in order", async () => {
    const a = await openRoom("render-broadcast");
    const b = await openRoom("render-broadcast");
    await a.next();
    await b.next();
    const room = env.JOB_ROOM.get(env.JOB_ROOM.idFromName("render-broadcast"));
    expect(await room.publish(stageEvent("render-broadcast", 0, 0.25))).toEqual({
      ok: true,
      listeners: 2,
      duplicate: false,
    });
    expect(await room.publish(stageEvent("render-broadcast", 1, 0.5))).toEqual({
      ok: true,
      listeners: 2,
      duplicate: false,
    });
    for (const listener of [a, b]) {
      expect(await listener.next()).toMatchObject({ type: "progress", event: { seq: 0, fraction: 0.25 } });
      expect(await listener.next()).toMatchObject({ type: "progress", event: { seq: 1, fraction: 0.5 } });
    }
  });

  it("gives a reconnecting listener what it missed after its last seq, then the live stream, with no duplicates", async () => {
    const room = env.JOB_ROOM.get(env.JOB_ROOM.idFromName("render-resume"));
    for (const seq of [0, 1, 2]) await room.publish(stageEvent("render-resume", seq, seq / 4));
    // A repeated forward of the same event is not stored or sent twice.
    expect(await room.publish(stageEvent("render-resume", 2, 0.5))).toEqual({
      ok: true,
      listeners: 0,
      duplicate: true,
    });
    const { next } = await openRoom("render-resume", 0);
    expect(await next()).toEqual({ type: "hello", renderId: "render-resume", lastSeq: 2, listeners: 1 });
    expect(await next()).toMatchObject({ type: "progress", event: { seq: 1 } });
    expect(await next()).toMatchObject({ type: "progress", event: { seq: 2 } });
    await room.publish(stageEvent("render-resume", 3, 1));
    expect(await next()).toMatchObject({ type: "progress", event: { seq: 3 } });
  });

  it("rejects a progress event that breaks the contract", async () => {
    const room = env.JOB_ROOM.get(env.JOB_ROOM.idFromName("render-invalid"));
    const bad = { ...stageEvent("render-invalid", 0, 0.5), fraction: 2 };
    expect(await room.publish(bad)).toEqual({
      ok: false,
      error: expect.stringContaining("fraction must be between 0 and 1"),
    });
  });

  it("keeps the socket, its attachment and the sequence across hibernation", async () => {
    const { ws, next } = await openRoom("render-hibernate");
    await next();
    ws.send(JSON.stringify({ type: "echo", payload: "before" }));
    expect(await next()).toMatchObject({ seq: 1 });
    await evictDurableObject(env.JOB_ROOM.get(env.JOB_ROOM.idFromName("render-hibernate")));
    ws.send(JSON.stringify({ type: "echo", payload: "after" }));
    expect(await next()).toEqual({ type: "echo", renderId: "render-hibernate", seq: 2, payload: "after" });
  });

  it("answers an unreadable message with an error that names the problem", async () => {
    const { ws, next } = await openRoom("render-bad-message");
    await next();
    ws.send("not json");
    expect(await next()).toMatchObject({ type: "error", message: expect.stringMatching(/^invalid message/) });
    ws.send(JSON.stringify({ type: "echo", payload: "x".repeat(1001) }));
    expect(await next()).toMatchObject({ type: "error", message: expect.stringContaining("1000 characters") });
  });

  it("gives the owner every event and a viewer only lifecycle and stage progress, without names or messages", async () => {
    const renderId = "render-audiences";
    const at = new Date().toISOString();
    const base = { renderId, at };
    const events: ProgressEvent[] = [
      { ...base, seq: 0, type: "queued" },
      { ...base, seq: 1, type: "claimed", nodeName: "Dave's studio PC", attempt: 1 },
      { ...base, seq: 2, type: "stage", stage: "fetch", fraction: 1, message: "fetched riff-take-3.wav" },
      { ...base, seq: 3, type: "log", level: "info", message: "loaded /home/dave/captures/secret-amp.nam" },
      {
        ...base,
        seq: 4,
        type: "segment",
        diIndex: 0,
        chainIndex: 0,
        gainDb: -1.5,
        integratedLufs: -14,
        truePeakDbtp: -1,
      },
      { ...base, seq: 5, type: "artifact", name: "stem-0.wav", kind: "stem" },
      {
        ...base,
        seq: 6,
        type: "failed",
        error: { code: "OOM", message: "secret-amp.nam: out of memory" },
        willRetry: true,
      },
    ];
    const room = env.JOB_ROOM.get(env.JOB_ROOM.idFromName(renderId));
    // Three events before anyone connects (replayed), the rest live.
    for (const event of events.slice(0, 3)) await room.publish(event);
    const owner = await openRoom(renderId, -1, "owner");
    const viewer = await openRoom(renderId, -1, "viewer");
    const unstated = await openRoom(renderId, -1);
    for (const listener of [owner, viewer, unstated]) expect(await listener.next()).toMatchObject({ type: "hello" });
    for (const event of events.slice(3)) await room.publish(event);
    await room.publish({ ...base, seq: 7, type: "succeeded", durationSeconds: 12 });

    const received = async (listener: Awaited<ReturnType<typeof openRoom>>) => {
      const seen: ProgressEvent[] = [];
      for (;;) {
        const message = await listener.next();
        if (message.type !== "progress") throw new Error(`unexpected ${message.type}`);
        seen.push(message.event);
        if (message.event.type === "succeeded") return seen;
      }
    };
    expect((await received(owner)).map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const listener of [viewer, unstated]) {
      const seen = await received(listener);
      expect(seen).toEqual([
        { ...base, seq: 0, type: "queued" },
        { ...base, seq: 1, type: "claimed", nodeName: VIEWER_NODE_NAME, attempt: 1 },
        { ...base, seq: 2, type: "stage", stage: "fetch", fraction: 1 },
        {
          ...base,
          seq: 6,
          type: "failed",
          error: { code: "render-failed", message: "An attempt failed; the render will be retried." },
          willRetry: true,
        },
        { ...base, seq: 7, type: "succeeded", durationSeconds: 12 },
      ]);
      expect(JSON.stringify(seen)).not.toMatch(/Dave|secret|riff-take|stem-0|OOM/);
    }
  });

  it("refuses plain requests and unknown paths", async () => {
    expect((await exports.default.fetch("https://app.test/realtime/renders/r1/ws")).status).toBe(426);
    expect((await exports.default.fetch("https://app.test/realtime/elsewhere")).status).toBe(404);
  });
});

describe("RenderQueue", () => {
  const queueOf = (ownerId: string) => env.RENDER_QUEUE.get(env.RENDER_QUEUE.idFromName(ownerId));

  it("wakes every waiter when notified, and only the waiters of that owner", async () => {
    const queue = queueOf("owner-wake");
    const { version } = await queue.wait(null, 0);
    const waiters = [queue.wait(version, 10_000), queue.wait(version, 10_000)];
    const elsewhere = queueOf("owner-elsewhere");
    const other = elsewhere.wait((await elsewhere.wait(null, 0)).version, 300);
    while ((await queue.waiting()) < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    const started = Date.now();
    expect(await env.RENDER_QUEUE.get(env.RENDER_QUEUE.idFromName("owner-wake")).notify()).toBe(2);
    for (const answer of await Promise.all(waiters)) {
      expect(answer).toEqual({ version: (version + 1) >>> 0, notified: true });
    }
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await other).toMatchObject({ notified: false });
    expect(await queue.waiting()).toBe(0);
  });

  it("answers at once for a version that is already old, so no wake-up is lost between a query and a wait", async () => {
    const queue = queueOf("owner-stale");
    const { version } = await queue.wait(null, 0);
    await queue.notify();
    const started = Date.now();
    expect(await queue.wait(version, 10_000)).toEqual({ version: (version + 1) >>> 0, notified: true });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("ends a wait nobody notifies after its timeout", async () => {
    const queue = queueOf("owner-quiet");
    const { version } = await queue.wait(null, 0);
    const started = Date.now();
    expect(await queue.wait(version, 200)).toEqual({ version, notified: false });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(await queue.waiting()).toBe(0);
  });
});
