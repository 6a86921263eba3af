import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("the REALTIME service binding", () => {
  it("reaches the real realtime Worker, whose JobRoom validates what the api publishes", async () => {
    const event = { type: "queued", renderId: "render-binding", seq: 0, at: new Date().toISOString() } as const;
    // No socket is listening yet, so the room reports zero listeners, which proves the call went through.
    expect(await env.REALTIME.publish("render-binding", event)).toEqual({ ok: true, listeners: 0, duplicate: false });
    expect(await env.REALTIME.publish("render-binding", { ...event, seq: -1 })).toEqual({
      ok: false,
      error: expect.stringContaining("seq must be a whole number"),
    });
  });
});
