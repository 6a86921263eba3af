import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createContextInner, createDatabase } from "../src/context.ts";
import type { ArtifactManifest, ProgressEvent } from "../src/contract/index.ts";
import { renderNodes, renders } from "../src/db/schema.ts";
import { SAFETY_POLL_MS } from "../src/renders/render-queue.ts";
import { appRouter } from "../src/routers/_app.ts";
import { createCallerFactory } from "../src/trpc.ts";
import { browserClient, trpcFailure, uniqueEmail } from "./support/browser-client.ts";
import { creatorWithLibrary, type Library, twoChainSpec } from "./support/library.ts";
import { nodeClient } from "./support/node-client.ts";

const db = createDatabase(env.DB);

async function setup() {
  const lib = await creatorWithLibrary();
  const shootout = await lib.browser.trpc.shootout.create.mutate(twoChainSpec(lib));
  return { lib, shootoutId: shootout.id };
}

async function addNode(lib: Library, name = "node") {
  const { node, token } = await lib.browser.trpc.node.create.mutate({ name });
  return { node, token, trpc: nodeClient(token) };
}

/** Moves a lease into the past, as if the node had gone silent for longer than the lease. */
async function expireLease(renderId: string) {
  await db
    .update(renders)
    .set({ leaseExpiresAt: new Date(Date.now() - 1000) })
    .where(eq(renders.id, renderId));
}

function manifest(renderId: string): ArtifactManifest {
  return {
    renderId,
    specHash: "a".repeat(64),
    createdAt: new Date().toISOString(),
    artifacts: [],
    cues: [],
    loudness: [],
  };
}

describe("submitting", () => {
  it("freezes the shootout into a spec with every asset's SHA-256, and records seq 0 'queued'", async () => {
    const { lib, shootoutId } = await setup();
    const render = await lib.browser.trpc.render.submit.mutate({ shootoutId });
    expect(render).toMatchObject({ status: "queued", attempt: 0, lastSeq: 0, progress: 0 });
    const row = await db.query.renders.findFirst({ where: eq(renders.id, render.id) });
    expect(row?.spec.renderId).toBe(render.id);
    expect(row?.spec.diTracks[0]).toMatchObject({
      assetId: lib.diId,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      fileName: "riff.wav",
      durationSeconds: 6,
    });
    expect(row?.spec.chains[0]?.blocks[0]).toMatchObject({
      type: "capture",
      assetId: lib.captureIds[0],
      fileName: "amp-a.nam",
    });
    expect(await lib.browser.trpc.render.events.query({ id: render.id })).toEqual([
      { type: "queued", renderId: render.id, seq: 0, at: expect.any(String) },
    ]);
    // The same shootout frozen again names the same content.
    const again = await lib.browser.trpc.render.submit.mutate({ shootoutId });
    expect(again.specHash).toBe(render.specHash);
    expect(again.id).not.toBe(render.id);
    // Asking for the 9:16 short adds an output, not other content: same hash, and the node is told to render it.
    const withShort = await lib.browser.trpc.render.submit.mutate({ shootoutId, short9x16: true });
    expect(withShort).toMatchObject({ specHash: render.specHash, short9x16: true });
    expect(again.short9x16).toBe(false);
    const frozen = await db.query.renders.findFirst({ where: eq(renders.id, withShort.id) });
    expect(frozen?.spec.output).toMatchObject({ short9x16: true, video: { width: 1920, height: 1080 } });
  });
});

describe("claims and leases", () => {
  it("never gives one render to two nodes, however many claim at once", async () => {
    const { lib, shootoutId } = await setup();
    const submitted = await Promise.all(
      Array.from({ length: 5 }, () => lib.browser.trpc.render.submit.mutate({ shootoutId })),
    );
    const nodes = await Promise.all(["a", "b", "c", "d"].map((name) => addNode(lib, name)));
    const claims = await Promise.all(
      nodes.flatMap((n) => [
        n.trpc.render.claim.mutate({}),
        n.trpc.render.claim.mutate({}),
        n.trpc.render.claim.mutate({}),
      ]),
    );
    const claimed = claims.flatMap((c) => (c ? [c.renderId] : []));
    expect(claimed.sort()).toEqual(submitted.map((r) => r.id).sort());
    const rows = await db.select().from(renders).where(eq(renders.shootoutId, shootoutId));
    expect(rows.every((r) => r.status === "running" && r.attempt === 1 && r.leaseNodeId)).toBe(true);
  });

  it("reports progress in gap-free order, and a reconnecting reader resumes after its last seq", async () => {
    const { lib, shootoutId } = await setup();
    const { id } = await lib.browser.trpc.render.submit.mutate({ shootoutId });
    const node = await addNode(lib);
    expect(await node.trpc.render.claim.mutate({})).toMatchObject({ renderId: id, attempt: 1, spec: { renderId: id } });
    await node.trpc.render.heartbeat.mutate({ renderId: id });
    expect(
      await node.trpc.render.report.mutate({
        renderId: id,
        events: [
          { type: "stage", stage: "amp", fraction: 0.5 },
          { type: "log", level: "info", message: "chain 1 done" },
        ],
      }),
    ).toEqual({ lastSeq: 3 });
    const render = await lib.browser.trpc.render.get.query({ id });
    expect(render).toMatchObject({ status: "running", stage: "amp", lastSeq: 3 });
    expect(render.progress).toBeCloseTo(1.5 / 7, 6);
    const all = await lib.browser.trpc.render.events.query({ id });
    expect(all.map((e) => [e.seq, e.type])).toEqual([
      [0, "queued"],
      [1, "claimed"],
      [2, "stage"],
      [3, "log"],
    ]);
    expect((await lib.browser.trpc.render.events.query({ id, afterSeq: 1 })).map((e) => e.seq)).toEqual([2, 3]);
  });

  it("requeues an expired lease with the next attempt, and refuses the old node's reports without effect", async () => {
    const { lib, shootoutId } = await setup();
    const { id } = await lib.browser.trpc.render.submit.mutate({ shootoutId });
    const [a, b] = [await addNode(lib, "a"), await addNode(lib, "b")];
    await a.trpc.render.claim.mutate({});
    await expireLease(id);
    expect(await b.trpc.render.claim.mutate({})).toMatchObject({ renderId: id, attempt: 2 });
    const before = await db.query.renders.findFirst({ where: eq(renders.id, id) });
    for (const stale of [
      () => a.trpc.render.heartbeat.mutate({ renderId: id }),
      () => a.trpc.render.report.mutate({ renderId: id, events: [{ type: "stage", stage: "dsp", fraction: 1 }] }),
      () => a.trpc.render.complete.mutate({ renderId: id, manifest: manifest(id) }),
      () => a.trpc.render.fail.mutate({ renderId: id, error: { code: "boom", message: "boom" }, retryable: false }),
    ]) {
      expect(await trpcFailure(stale())).toMatchObject({
        code: "CONFLICT",
        message: expect.stringContaining("is not leased to this node"),
      });
    }
    expect(await db.query.renders.findFirst({ where: eq(renders.id, id) })).toEqual(before);
    const types = (await lib.browser.trpc.render.events.query({ id })).map((e) => e.type);
    expect(types).toEqual(["queued", "claimed", "queued", "claimed"]);
  });

  it("fails the render once every attempt's lease has expired", async () => {
    const { lib, shootoutId } = await setup();
    const { id } = await lib.browser.trpc.render.submit.mutate({ shootoutId });
    const node = await addNode(lib);
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await node.trpc.render.claim.mutate({})).toMatchObject({ attempt });
      await expireLease(id);
    }
    expect(await node.trpc.render.claim.mutate({})).toBeNull();
    const render = await lib.browser.trpc.render.get.query({ id });
    expect(render).toMatchObject({ status: "failed", attempt: 3, error: { code: "lease-expired" } });
    const last = (await lib.browser.trpc.render.events.query({ id })).at(-1) as ProgressEvent;
    expect(last).toMatchObject({ type: "failed", willRetry: false, error: { code: "lease-expired" } });
  });

  it("takes back a render its node releases without counting the attempt, and only from the lease holder", async () => {
    const { lib, shootoutId } = await setup();
    const { id } = await lib.browser.trpc.render.submit.mutate({ shootoutId });
    const [a, b] = [await addNode(lib, "a"), await addNode(lib, "b")];
    await a.trpc.render.claim.mutate({});
    expect((await trpcFailure(b.trpc.render.release.mutate({ renderId: id }))).code).toBe("CONFLICT");
    expect(await a.trpc.render.release.mutate({ renderId: id })).toMatchObject({ status: "queued", attempt: 0 });
    expect(await b.trpc.render.claim.mutate({})).toMatchObject({ renderId: id, attempt: 1 });
    const types = (await lib.browser.trpc.render.events.query({ id })).map((e) => e.type);
    expect(types).toEqual(["queued", "claimed", "queued", "claimed"]);
  });

  it("completes idempotently", async () => {
    const { lib, shootoutId } = await setup();
    const { id } = await lib.browser.trpc.render.submit.mutate({ shootoutId });
    const node = await addNode(lib);
    await node.trpc.render.claim.mutate({});
    const first = await node.trpc.render.complete.mutate({ renderId: id, manifest: manifest(id) });
    const second = await node.trpc.render.complete.mutate({ renderId: id, manifest: manifest(id) });
    expect(first).toMatchObject({ status: "succeeded", progress: 1 });
    expect(second).toEqual(first);
    expect((await lib.browser.trpc.render.events.query({ id })).filter((e) => e.type === "succeeded")).toHaveLength(1);
  });

  it("retries a retryable failure while attempts remain, and stops a node working on a canceled render", async () => {
    const { lib, shootoutId } = await setup();
    const { id } = await lib.browser.trpc.render.submit.mutate({ shootoutId });
    const node = await addNode(lib);
    await node.trpc.render.claim.mutate({});
    expect(
      await node.trpc.render.fail.mutate({
        renderId: id,
        error: { code: "OOM", message: "out of memory" },
        retryable: true,
      }),
    ).toMatchObject({ status: "queued" });
    await node.trpc.render.claim.mutate({});
    expect(await lib.browser.trpc.render.cancel.mutate({ id })).toMatchObject({ status: "canceled" });
    expect((await trpcFailure(node.trpc.render.heartbeat.mutate({ renderId: id }))).code).toBe("CONFLICT");
    expect(await trpcFailure(lib.browser.trpc.render.cancel.mutate({ id }))).toEqual({
      code: "CONFLICT",
      message: `render ${id} has already canceled`,
    });
  });
});

describe("claims are woken, not polled", () => {
  /** The owner of a node's token, whose RenderQueue its claims wait on. */
  async function ownerOf(nodeId: string): Promise<string> {
    const row = await db.query.renderNodes.findFirst({ where: eq(renderNodes.id, nodeId) });
    if (!row) throw new Error(`no node ${nodeId}`);
    return row.ownerId;
  }

  /** Resolves once `count` claims are waiting on the owner's queue (each check wakes them; they wait again). */
  async function claimersWaiting(ownerId: string, count: number): Promise<void> {
    const deadline = Date.now() + 5000;
    while ((await env.REALTIME.notifyRenderQueue(ownerId)) < count) {
      if (Date.now() > deadline) throw new Error(`${count} claims not waiting within 5 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Whether `action` notifies the owner's queue: a wait from before it ends notified, not by its timeout. */
  async function wakesClaimers(ownerId: string, action: () => Promise<unknown>, timeoutMs = 4000): Promise<boolean> {
    const { version } = settled(await env.REALTIME.waitForRenderQueue(ownerId, null, 0));
    const waiting = env.REALTIME.waitForRenderQueue(ownerId, version, timeoutMs);
    await action();
    return settled(await waiting).notified;
  }

  /** An RPC result, disposed (workerd warns about results left to the garbage collector). */
  function settled<T>(result: T): T {
    (result as Partial<Disposable>)[Symbol.dispose]?.();
    return result;
  }

  it("hands a waiting claim a render within moments of its submission, long before the safety poll", async () => {
    expect(SAFETY_POLL_MS).toBeGreaterThanOrEqual(5000);
    const { lib, shootoutId } = await setup();
    const node = await addNode(lib);
    const claim = node.trpc.render.claim.mutate({ waitSeconds: 20 }).then((c) => ({ c, at: Date.now() }));
    await claimersWaiting(await ownerOf(node.node.id), 1);
    // Past the claim's first D1 query and its first wake-up: only a wake-up can bring it back this soon.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const submittedAt = Date.now();
    const { id } = await lib.browser.trpc.render.submit.mutate({ shootoutId });
    const { c, at } = await claim;
    expect(c).toMatchObject({ renderId: id, attempt: 1 });
    expect(at - submittedAt).toBeLessThan(2000);
  });

  it("wakes several waiting nodes at once and still gives each render to one of them", async () => {
    const { lib, shootoutId } = await setup();
    const nodes = await Promise.all(["a", "b", "c"].map((name) => addNode(lib, name)));
    const claims = Promise.all(nodes.map((n) => n.trpc.render.claim.mutate({ waitSeconds: 3 })));
    await claimersWaiting(await ownerOf(nodes[0]?.node.id ?? ""), 3);
    const submitted = await Promise.all([0, 1].map(() => lib.browser.trpc.render.submit.mutate({ shootoutId })));
    const claimed = (await claims).flatMap((c) => (c ? [c.renderId] : []));
    expect(claimed.sort()).toEqual(submitted.map((r) => r.id).sort());
  });

  it("wakes the owner's waiting claimers on submit, release, a retryable failure, a requeued lease and cancel", async () => {
    const { lib, shootoutId } = await setup();
    const [a, b] = [await addNode(lib, "a"), await addNode(lib, "b")];
    const ownerId = await ownerOf(a.node.id);
    let id = "";
    expect(
      await wakesClaimers(ownerId, async () => {
        ({ id } = await lib.browser.trpc.render.submit.mutate({ shootoutId }));
      }),
    ).toBe(true);
    await a.trpc.render.claim.mutate({});
    expect(await wakesClaimers(ownerId, () => a.trpc.render.release.mutate({ renderId: id }))).toBe(true);
    await a.trpc.render.claim.mutate({});
    const retry = { renderId: id, error: { code: "OOM", message: "out of memory" }, retryable: true };
    expect(await wakesClaimers(ownerId, () => a.trpc.render.fail.mutate(retry))).toBe(true);
    await a.trpc.render.claim.mutate({});
    await expireLease(id);
    // B's claim finds the expired lease, requeues the render and takes it: the other waiting nodes are told too.
    expect(await wakesClaimers(ownerId, () => b.trpc.render.claim.mutate({}))).toBe(true);
    expect(await wakesClaimers(ownerId, () => lib.browser.trpc.render.cancel.mutate({ id }))).toBe(true);
    // Nothing changed for the queue: no wake-up.
    expect(await wakesClaimers(ownerId, () => a.trpc.render.claim.mutate({}), 1000)).toBe(false);
  }, 30_000);

  it("does not wake another owner's claimers", async () => {
    const { lib, shootoutId } = await setup();
    const other = await creatorWithLibrary();
    const { node } = await addNode(other);
    expect(
      await wakesClaimers(await ownerOf(node.id), () => lib.browser.trpc.render.submit.mutate({ shootoutId }), 1000),
    ).toBe(false);
  });

  it("stops a waiting claim as soon as its node hangs up, and gives it nothing", async () => {
    const { lib, shootoutId } = await setup();
    const { token, node } = await addNode(lib);
    const hangUp = new AbortController();
    const req = new Request("http://localhost:5173/trpc/render.claim", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
      signal: hangUp.signal,
    });
    const caller = createCallerFactory(appRouter)(createContextInner(env, { req }));
    const claim = caller.render.claim({ waitSeconds: 20 }).then((c) => ({ c, at: Date.now() }));
    await claimersWaiting(await ownerOf(node.id), 1);
    const hungUpAt = Date.now();
    hangUp.abort();
    const { c, at } = await claim;
    expect(c).toBeNull();
    expect(at - hungUpAt).toBeLessThan(1000);
    const { id } = await lib.browser.trpc.render.submit.mutate({ shootoutId });
    expect(await lib.browser.trpc.render.get.query({ id })).toMatchObject({ status: "queued", attempt: 0 });
  });

  it("polls D1 where no realtime Worker is bound", async () => {
    const { lib, shootoutId } = await setup();
    const { token } = await addNode(lib);
    const req = new Request("http://localhost:5173/trpc/render.claim", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
    });
    const { REALTIME: _none, ...withoutRealtime } = env;
    const caller = createCallerFactory(appRouter)(createContextInner(withoutRealtime, { req }));
    const claim = caller.render.claim({ waitSeconds: 10 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { id } = await lib.browser.trpc.render.submit.mutate({ shootoutId });
    expect(await claim).toMatchObject({ renderId: id });
  });
});

describe("render nodes", () => {
  it("shows a token once, stores only its hash, and refuses a revoked token at once", async () => {
    const { lib, shootoutId } = await setup();
    const { node, token, trpc } = await addNode(lib, "studio-gpu");
    expect(token).toMatch(/^gtsn_[0-9a-f]{64}$/);
    expect(JSON.stringify(await lib.browser.trpc.node.list.query())).not.toContain(token);
    await trpc.node.hello.mutate({ capabilities: { cpuCores: 2, engineVersion: "0.1.0" } });
    await lib.browser.trpc.render.submit.mutate({ shootoutId });
    await trpc.render.claim.mutate({});
    expect(await lib.browser.trpc.node.list.query()).toEqual([
      expect.objectContaining({
        id: node.id,
        name: "studio-gpu",
        state: "busy",
        capabilities: { cpuCores: 2, engineVersion: "0.1.0" },
      }),
    ]);
    await lib.browser.trpc.node.revoke.mutate({ id: node.id });
    expect(await trpcFailure(trpc.render.claim.mutate({}))).toEqual({
      code: "UNAUTHORIZED",
      message: "a valid render-node token is required",
    });
    expect((await lib.browser.trpc.node.list.query())[0]?.state).toBe("revoked");
  });

  it("forwards every stored event to the render's JobRoom with its D1 seq", async () => {
    const { lib, shootoutId } = await setup();
    const { id } = await lib.browser.trpc.render.submit.mutate({ shootoutId });
    const response = await env.REALTIME.fetch(`https://app.test/realtime/renders/${id}/ws`, {
      headers: { Upgrade: "websocket" },
    });
    const ws = response.webSocket;
    if (!ws) throw new Error("no WebSocket");
    const seqs: number[] = [];
    ws.addEventListener("message", (e) => {
      const message = JSON.parse(e.data as string) as { type: string; event?: ProgressEvent };
      if (message.type === "progress" && message.event) seqs.push(message.event.seq);
    });
    ws.accept();
    const node = await addNode(lib);
    await node.trpc.render.claim.mutate({});
    await node.trpc.render.report.mutate({ renderId: id, events: [{ type: "stage", stage: "fetch", fraction: 1 }] });
    await node.trpc.render.complete.mutate({ renderId: id, manifest: manifest(id) });
    await vi_waitFor(() => seqs.length >= 4);
    // seq 0 ("queued") was stored before the socket connected: the room replays it first.
    expect(seqs).toEqual([0, 1, 2, 3]);
    ws.close(1000);
  });
});

describe("authorization of node and render procedures", () => {
  it("refuses a signed-in user on node procedures and a node token on a creator's procedures", async () => {
    const { lib, shootoutId } = await setup();
    const { id } = await lib.browser.trpc.render.submit.mutate({ shootoutId });
    const node = await addNode(lib);
    expect((await trpcFailure(lib.browser.trpc.render.claim.mutate({}))).code).toBe("UNAUTHORIZED");
    expect((await trpcFailure(node.trpc.render.get.query({ id }))).code).toBe("UNAUTHORIZED");
    expect((await trpcFailure(node.trpc.node.create.mutate({ name: "x" }))).code).toBe("UNAUTHORIZED");
    expect((await trpcFailure(browserClient().trpc.render.claim.mutate({}))).code).toBe("UNAUTHORIZED");
  });

  it("hides a creator's renders and nodes from another user, and another owner's node cannot claim them", async () => {
    const { lib, shootoutId } = await setup();
    const { id } = await lib.browser.trpc.render.submit.mutate({ shootoutId });
    const { node } = await addNode(lib);
    const other = browserClient();
    await other.trpc.auth.signUp.mutate({
      email: uniqueEmail("other"),
      password: "correct horse battery",
      displayName: "Other",
    });
    for (const call of [
      () => other.trpc.render.get.query({ id }),
      () => other.trpc.render.events.query({ id }),
      () => other.trpc.render.cancel.mutate({ id }),
      () => other.trpc.render.submit.mutate({ shootoutId }),
      () => other.trpc.node.revoke.mutate({ id: node.id }),
    ]) {
      expect((await trpcFailure(call())).code).toBe("NOT_FOUND");
    }
    expect(await other.trpc.node.list.query()).toEqual([]);
    const othersNode = nodeClient((await other.trpc.node.create.mutate({ name: "theirs" })).token);
    expect(await othersNode.render.claim.mutate({})).toBeNull();
    const [{ n }] = (await db
      .select({ n: sql<number>`count(*)` })
      .from(renders)
      .where(eq(renders.status, "queued"))) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(1);
  });
});

async function vi_waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met within 5 s");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
