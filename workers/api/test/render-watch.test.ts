/**
 * Who may follow a render live: `render.watchable` (asked by the app Worker's room-access check, exercised here too,
 * end to end through the realtime Worker) and `render.inProgress` (the share page's live render).
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { followRender, roomAudience } from "../../room-access.ts";
import type { ProgressEvent } from "../src/contract/index.ts";
import { type BrowserClient, browserClient, trpcFailure, uniqueEmail } from "./support/browser-client.ts";
import { creatorWithLibrary, type Library, twoChainSpec } from "./support/library.ts";
import { nodeClient } from "./support/node-client.ts";

type Visibility = "private" | "unlisted" | "public";
type Caller = "owner" | "other" | "anonymous";

/** The api Worker as the app Worker's service binding sees it. */
const api = {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init)),
};

async function sharedRender(visibility: Visibility) {
  const lib = await creatorWithLibrary();
  const shootout = await lib.browser.trpc.shootout.create.mutate(twoChainSpec(lib, { visibility }));
  const render = await lib.browser.trpc.render.submit.mutate({ shootoutId: shootout.id });
  return { lib, shootoutId: shootout.id, renderId: render.id };
}

async function signedUpOther(): Promise<BrowserClient> {
  const other = browserClient();
  await other.trpc.auth.signUp.mutate({
    email: uniqueEmail("other"),
    password: "correct horse battery",
    displayName: "Other",
  });
  return other;
}

function clientFor(caller: Caller, lib: Library, other: BrowserClient): BrowserClient {
  return caller === "owner" ? lib.browser : caller === "other" ? other : browserClient();
}

/** The WebSocket upgrade request a browser sends to the app Worker, with that browser's cookie. */
function socketRequest(client: BrowserClient, renderId: string, after = -1): Request {
  const token = client.sessionToken();
  return new Request(`http://localhost:5173/realtime/renders/${renderId}/ws?after=${after}`, {
    headers: { Upgrade: "websocket", ...(token ? { Cookie: `gts_session=${token}` } : {}) },
  });
}

const expected: Record<Visibility, Record<Caller, string>> = {
  private: { owner: "owner", other: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
  unlisted: { owner: "owner", other: "viewer", anonymous: "viewer" },
  public: { owner: "owner", other: "viewer", anonymous: "viewer" },
};

describe("render.watchable and the room-access check: owner, another user, anonymous × private, unlisted, public", () => {
  for (const visibility of ["private", "unlisted", "public"] as const) {
    for (const caller of ["owner", "other", "anonymous"] as const) {
      const outcome = expected[visibility][caller];
      it(`a ${visibility} render as ${caller}: ${outcome}`, async () => {
        const { lib, renderId } = await sharedRender(visibility);
        const client = clientFor(caller, lib, await signedUpOther());
        const answer = await client.trpc.render.watchable
          .query({ id: renderId })
          .then((a) => a.audience)
          .catch(async (error: unknown) => (await trpcFailure(Promise.reject(error))).code);
        expect(answer).toBe(outcome);
        const access = await roomAudience(socketRequest(client, renderId), api);
        const status = { NOT_FOUND: 404, UNAUTHORIZED: 401 }[outcome];
        if (status) expect(access).toBeInstanceOf(Response);
        expect(access instanceof Response ? access.status : access).toBe(status ?? outcome);
      });
    }
  }

  it("answers a render that does not exist as it answers a private one", async () => {
    const other = await signedUpOther();
    expect((await trpcFailure(other.trpc.render.watchable.query({ id: "no-such-render" }))).code).toBe("NOT_FOUND");
    expect((await trpcFailure(browserClient().trpc.render.watchable.query({ id: "no-such-render" }))).code).toBe(
      "UNAUTHORIZED",
    );
    expect(((await roomAudience(socketRequest(other, "no-such-render"), api)) as Response).status).toBe(404);
    expect(((await roomAudience(socketRequest(browserClient(), "no-such-render"), api)) as Response).status).toBe(401);
  });

  it("stops viewers as soon as the creator makes the shootout private again", async () => {
    const { lib, shootoutId, renderId } = await sharedRender("public");
    expect(await browserClient().trpc.render.watchable.query({ id: renderId })).toEqual({ audience: "viewer" });
    await lib.browser.trpc.shootout.update.mutate({
      id: shootoutId,
      spec: twoChainSpec(lib, { visibility: "private" }),
    });
    expect((await trpcFailure(browserClient().trpc.render.watchable.query({ id: renderId }))).code).toBe(
      "UNAUTHORIZED",
    );
  });

  it("lets a viewer follow a public render live without the owner's details; the owner sees everything", async () => {
    const { lib, renderId } = await sharedRender("public");
    const open = async (client: BrowserClient, forged?: string) => {
      const request = socketRequest(client, renderId);
      // A browser cannot make itself the owner: the app Worker sets the audience header, whatever came in.
      if (forged) request.headers.set("X-GTS-Render-Audience", forged);
      const response = await followRender(request, api, env.REALTIME);
      expect(response.status).toBe(101);
      const ws = response.webSocket;
      if (!ws) throw new Error("no WebSocket");
      const events: ProgressEvent[] = [];
      ws.addEventListener("message", (e) => {
        const message = JSON.parse(e.data as string) as { type: string; event?: ProgressEvent };
        if (message.type === "progress" && message.event) events.push(message.event);
      });
      ws.accept();
      return { ws, events };
    };
    const owner = await open(lib.browser);
    const viewer = await open(browserClient());
    const forger = await open(browserClient(), "owner");
    const { token } = await lib.browser.trpc.node.create.mutate({ name: "Dave's studio PC" });
    const node = nodeClient(token);
    await node.render.claim.mutate({});
    await node.render.report.mutate({
      renderId,
      events: [
        { type: "stage", stage: "amp", fraction: 0.5, message: "amp-a.nam on riff.wav" },
        { type: "log", level: "warn", message: "amp-b.nam clipped" },
      ],
    });
    await node.render.fail.mutate({
      renderId,
      error: { code: "OOM", message: "amp-b.nam: out of memory" },
      retryable: true,
    });
    await waitFor(() => owner.events.length >= 5 && viewer.events.length >= 4 && forger.events.length >= 4);
    expect(owner.events.map((e) => e.type)).toEqual(["queued", "claimed", "stage", "log", "failed"]);
    for (const { events } of [viewer, forger]) {
      expect(events.map((e) => [e.seq, e.type])).toEqual([
        [0, "queued"],
        [1, "claimed"],
        [2, "stage"],
        [4, "failed"],
      ]);
      expect(events[2]).toMatchObject({ stage: "amp", fraction: 0.5 });
      expect(JSON.stringify(events)).not.toMatch(/Dave|amp-a|amp-b|riff|OOM|out of memory/);
    }
    for (const { ws } of [owner, viewer, forger]) ws.close(1000);
  });
});

describe("render.inProgress (the share page's live render)", () => {
  it("gives anyone the newest render of an unlisted or public shootout while it is queued or running", async () => {
    const { lib, shootoutId, renderId } = await sharedRender("unlisted");
    const anonymous = browserClient().trpc;
    expect(await anonymous.render.inProgress.query({ shootoutId })).toEqual({
      id: renderId,
      status: "queued",
      progress: 0,
      stage: null,
    });
    const node = nodeClient((await lib.browser.trpc.node.create.mutate({ name: "n" })).token);
    await node.render.claim.mutate({});
    await node.render.report.mutate({ renderId, events: [{ type: "stage", stage: "fetch", fraction: 1 }] });
    expect(await anonymous.render.inProgress.query({ shootoutId })).toMatchObject({
      id: renderId,
      status: "running",
      stage: "fetch",
    });
    await lib.browser.trpc.render.cancel.mutate({ id: renderId });
    expect(await anonymous.render.inProgress.query({ shootoutId })).toBeNull();
  });

  it("is NOT_FOUND for a private or missing shootout, to everyone", async () => {
    const { lib, shootoutId } = await sharedRender("private");
    for (const client of [lib.browser, await signedUpOther(), browserClient()]) {
      expect((await trpcFailure(client.trpc.render.inProgress.query({ shootoutId }))).code).toBe("NOT_FOUND");
    }
    expect((await trpcFailure(browserClient().trpc.render.inProgress.query({ shootoutId: "nope" }))).code).toBe(
      "NOT_FOUND",
    );
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
