import { evictDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { ProgressEvent } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import type { JobRoomServerMessage } from "../src/job-room-messages.ts";

/** Opens a room socket through the Worker's public route, as a browser would (via the app Worker). */
async function openRoom(renderId: string, after?: number) {
  const query = after === undefined ? "" : `?after=${after}`;
  const response = await exports.default.fetch(`https://app.test/realtime/renders/${renderId}/ws${query}`, {
    headers: { Upgrade: "websocket" },
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

  it("refuses plain requests and unknown paths", async () => {
    expect((await exports.default.fetch("https://app.test/realtime/renders/r1/ws")).status).toBe(426);
    expect((await exports.default.fetch("https://app.test/realtime/elsewhere")).status).toBe(404);
  });
});
