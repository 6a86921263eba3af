import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "./support/audio-files.ts";
import { creatorWithLibrary, twoChainSpec } from "./support/library.ts";
import { nodeClient } from "./support/node-client.ts";

async function leasedRender() {
  const lib = await creatorWithLibrary();
  const { id: shootoutId } = await lib.browser.trpc.shootout.create.mutate(twoChainSpec(lib));
  const { id } = await lib.browser.trpc.render.submit.mutate({ shootoutId });
  const { token } = await lib.browser.trpc.node.create.mutate({ name: "node" });
  const claim = await nodeClient(token).render.claim.mutate({});
  if (!claim) throw new Error("nothing claimed");
  const call = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${token}`);
    return exports.default.fetch(new Request(`http://localhost:5173${path}`, { ...init, headers }));
  };
  return { lib, renderId: id, spec: claim.spec, call, token };
}

describe("render-node file transfer", () => {
  it("streams exactly the inputs the frozen spec names, to the node that holds the render", async () => {
    const { renderId, spec, call, lib } = await leasedRender();
    const di = spec.diTracks[0];
    if (!di) throw new Error("no DI");
    const response = await call(`/files/renders/${renderId}/inputs/${di.sha256}`);
    expect(response.status).toBe(200);
    expect(await sha256Hex(new Uint8Array(await response.arrayBuffer()))).toBe(di.sha256);
    expect((await call(`/files/renders/${renderId}/inputs/${"0".repeat(64)}`)).status).toBe(404);
    const other = await creatorWithLibrary();
    const { token } = await other.browser.trpc.node.create.mutate({ name: "theirs" });
    const foreign = await exports.default.fetch(
      new Request(`http://localhost:5173/files/renders/${renderId}/inputs/${di.sha256}`, {
        headers: { Authorization: `Bearer ${token}` },
      }),
    );
    expect(foreign.status).toBe(403);
    expect((await lib.browser.fetch(`/files/renders/${renderId}/inputs/${di.sha256}`)).status).toBe(401);
  });

  it("stores an artifact under the render and its name; a retry overwrites the same object", async () => {
    const { renderId, call } = await leasedRender();
    const bytes = new TextEncoder().encode('{"cues":[]}');
    const put = () =>
      call(`/files/renders/${renderId}/artifacts/cues.json`, {
        method: "PUT",
        body: bytes,
        headers: { "X-Content-SHA256": "", "Content-Type": "application/json" },
      });
    expect((await put()).status).toBe(400);
    const upload = (sha: string) =>
      call(`/files/renders/${renderId}/artifacts/cues.json`, {
        method: "PUT",
        body: bytes,
        headers: { "X-Content-SHA256": sha, "Content-Type": "application/json" },
      });
    const sha = await sha256Hex(bytes);
    expect((await upload(sha)).status).toBe(201);
    expect((await upload(sha)).status).toBe(201);
    const stored = await env.MEDIA.list({ prefix: `renders/${renderId}/` });
    expect(stored.objects.map((o) => o.key)).toEqual([`renders/${renderId}/cues.json`]);
    expect((await upload("f".repeat(64))).status).toBe(400);
    expect(await (await env.MEDIA.get(`renders/${renderId}/cues.json`))?.text()).toBe('{"cues":[]}');
  });

  it("refuses a node whose lease is gone", async () => {
    const { renderId, call, lib, spec } = await leasedRender();
    await lib.browser.trpc.render.cancel.mutate({ id: renderId });
    expect((await call(`/files/renders/${renderId}/inputs/${spec.diTracks[0]?.sha256}`)).status).toBe(403);
  });
});
