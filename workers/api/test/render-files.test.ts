import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "./support/audio-files.ts";
import { browserClient } from "./support/browser-client.ts";
import { leasedRender } from "./support/leased-render.ts";
import { creatorWithLibrary } from "./support/library.ts";
import { nodeClient } from "./support/node-client.ts";

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

describe("downloading a finished render's artifacts", () => {
  it("serves them to the owner, to anyone once the shootout is shared, and to nobody else", async () => {
    const { renderId, call, lib, token } = await leasedRender();
    const bytes = new TextEncoder().encode("RIFF program");
    const sha256 = await sha256Hex(bytes);
    await call(`/files/renders/${renderId}/artifacts/program.wav`, {
      method: "PUT",
      body: bytes,
      headers: { "X-Content-SHA256": sha256, "Content-Type": "audio/wav" },
    });
    const manifest = {
      renderId,
      specHash: "a".repeat(64),
      createdAt: new Date().toISOString(),
      artifacts: [
        { name: "program.wav", kind: "program-wav" as const, contentType: "audio/wav", bytes: bytes.length, sha256 },
      ],
      cues: [],
      loudness: [],
    };
    await nodeClient(token).render.complete.mutate({ renderId, manifest });
    const path = `/files/renders/${renderId}/artifacts/program.wav`;
    const owner = await lib.browser.fetch(path);
    expect(owner.status).toBe(200);
    expect(owner.headers.get("Cache-Control")).toBe("private, max-age=3600");
    expect(new Uint8Array(await owner.arrayBuffer())).toEqual(bytes);
    expect((await browserClient().fetch(path)).status).toBe(404);
    const render = await lib.browser.trpc.render.get.query({ id: renderId });
    const shootout = await lib.browser.trpc.shootout.get.query({ id: render.shootoutId });
    const { id: _id, createdAt: _c, updatedAt: _u, ...spec } = shootout;
    await lib.browser.trpc.shootout.update.mutate({ id: render.shootoutId, spec: { ...spec, visibility: "unlisted" } });
    const anyone = await browserClient().fetch(path);
    expect(anyone.status).toBe(200);
    expect(anyone.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect((await browserClient().fetch(`/files/renders/${renderId}/artifacts/secret.wav`)).status).toBe(404);
    // The share page finds the newest finished render and its download paths in the shared view.
    const shared = await browserClient().trpc.shootout.getShared.query({ id: render.shootoutId });
    expect(shared.latestRender).toMatchObject({
      id: renderId,
      artifacts: [{ name: "program.wav", downloadPath: path }],
    });
  });
});
