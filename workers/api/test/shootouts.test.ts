import { describe, expect, it } from "vitest";
import { browserClient, trpcFailure } from "./support/browser-client.ts";
import { creatorWithLibrary, twoChainSpec } from "./support/library.ts";
import { nodeClient } from "./support/node-client.ts";

describe("creating and editing shootouts", () => {
  it("creates a two-chain shootout with the contract's defaults and reads it back", async () => {
    const lib = await creatorWithLibrary();
    const created = await lib.browser.trpc.shootout.create.mutate(twoChainSpec(lib));
    expect(created).toMatchObject({
      title: "Amp A vs Amp B",
      description: "",
      visibility: "private",
      arrangement: { mode: "ab", riffSeconds: 4, rounds: 2, loudnessTargetLufs: -14, truePeakCeilingDbtp: -1 },
      diTracks: [{ assetId: lib.diId, channel: "left", riffs: [{ startSeconds: 0.5, endSeconds: 4 }] }],
    });
    expect(created.chains.map((c) => [c.name, c.colour, c.blocks.map((b) => b.type)])).toEqual([
      ["Amp A", "#f5a524", ["capture", "ir"]],
      ["Amp B", "#17c964", ["capture", "ir"]],
    ]);
    expect(await lib.browser.trpc.shootout.get.query({ id: created.id })).toEqual(created);
    expect((await lib.browser.trpc.shootout.list.query({})).items.map((s) => s.id)).toEqual([created.id]);
  });

  it("plans the segment matrix, the program length and the resampling it will need", async () => {
    const lib = await creatorWithLibrary({ diSampleRateHz: 44100 });
    const { id } = await lib.browser.trpc.shootout.create.mutate(twoChainSpec(lib));
    const plan = await lib.browser.trpc.shootout.plan.query({ id });
    expect(plan.segments).toEqual([
      { diIndex: 0, chainIndex: 0, sourceSeconds: 3.5 },
      { diIndex: 0, chainIndex: 1, sourceSeconds: 3.5 },
    ]);
    // ab: 2 rounds × 2 chains × min(4 s riff length setting, 3.5 s riff).
    expect(plan.programSeconds).toBe(14);
    expect(plan.warnings).toContain('DI "riff" (44100 Hz) will be resampled to 48000 Hz for chain "Amp A"');
  });

  it("plans with the spec hash a render would carry now: a content edit changes it, visibility does not", async () => {
    const lib = await creatorWithLibrary();
    const created = await lib.browser.trpc.shootout.create.mutate(twoChainSpec(lib));
    const { id, createdAt: _c, updatedAt: _u, ...spec } = created;
    const planned = await lib.browser.trpc.shootout.plan.query({ id });
    expect(planned.renderSpecHash).toMatch(/^[0-9a-f]{64}$/);
    const render = await lib.browser.trpc.render.submit.mutate({ shootoutId: id });
    expect(render.specHash).toBe(planned.renderSpecHash);

    await lib.browser.trpc.shootout.update.mutate({ id, spec: { ...spec, visibility: "unlisted" } });
    expect((await lib.browser.trpc.shootout.plan.query({ id })).renderSpecHash).toBe(render.specHash);
    const arrangement = { ...spec.arrangement, rounds: 3 };
    await lib.browser.trpc.shootout.update.mutate({ id, spec: { ...spec, arrangement } });
    expect((await lib.browser.trpc.shootout.plan.query({ id })).renderSpecHash).not.toBe(render.specHash);
  });

  it.each([
    [
      "an asset from nobody's library",
      (lib: Awaited<ReturnType<typeof creatorWithLibrary>>) => ({
        chains: [
          { name: "X", colour: "#000000", blocks: [{ type: "capture", assetId: "missing-asset-1" }] },
          twoChainSpec(lib).chains[1],
        ],
      }),
      "chains[0].blocks[0].assetId: no asset missing-asset-1 in your library",
    ],
    [
      "an IR used as a capture",
      (lib: Awaited<ReturnType<typeof creatorWithLibrary>>) => ({
        chains: [
          { name: "X", colour: "#000000", blocks: [{ type: "capture", assetId: lib.irId }] },
          twoChainSpec(lib).chains[1],
        ],
      }),
      'chains[0].blocks[0].assetId: "cab" is a ir, a capture is needed here',
    ],
    [
      "a riff past the end of the DI",
      (lib: Awaited<ReturnType<typeof creatorWithLibrary>>) => ({
        diTracks: [{ assetId: lib.diId, riffs: [{ startSeconds: 5, endSeconds: 9 }] }],
      }),
      "diTracks[0].riffs[0] ends at 9 s, after the DI ends at 6 s",
    ],
    [
      "a single chain",
      (lib: Awaited<ReturnType<typeof creatorWithLibrary>>) => ({ chains: [twoChainSpec(lib).chains[0]] }),
      "chains must hold 2 to 8",
    ],
  ])("refuses %s, naming the field", async (_label, change, message) => {
    const lib = await creatorWithLibrary();
    const failure = await trpcFailure(
      lib.browser.trpc.shootout.create.mutate({ ...twoChainSpec(lib), ...change(lib) } as never),
    );
    expect(failure.code).toBe("BAD_REQUEST");
    expect(failure.message).toContain(message);
    expect((await lib.browser.trpc.shootout.list.query({})).items).toEqual([]);
  });

  it("updates in place, duplicates as a private copy, and frees assets once no shootout uses them", async () => {
    const lib = await creatorWithLibrary();
    const { id } = await lib.browser.trpc.shootout.create.mutate(twoChainSpec(lib, { visibility: "unlisted" }));
    const refused = await trpcFailure(lib.browser.trpc.asset.delete.mutate({ id: lib.captureIds[1] }));
    expect(refused.message).toBe('"amp-b" is used by shootout "Amp A vs Amp B": remove it there first');

    const spec = twoChainSpec(lib, { title: "Renamed" });
    spec.chains[1] = {
      ...spec.chains[1],
      name: "Amp A again",
      blocks: [{ type: "capture", assetId: lib.captureIds[0] }],
    } as never;
    const updated = await lib.browser.trpc.shootout.update.mutate({ id, spec });
    expect(updated).toMatchObject({ id, title: "Renamed", visibility: "private" });
    expect(await lib.browser.trpc.asset.delete.mutate({ id: lib.captureIds[1] })).toEqual({
      deleted: lib.captureIds[1],
    });

    const copy = await lib.browser.trpc.shootout.duplicate.mutate({ id });
    expect(copy).toMatchObject({ title: "Renamed (copy)", visibility: "private", chains: updated.chains });
    expect(copy.id).not.toBe(id);
    expect(await lib.browser.trpc.shootout.delete.mutate({ id })).toEqual({ deleted: id });
    expect((await lib.browser.trpc.shootout.list.query({})).items.map((s) => s.id)).toEqual([copy.id]);
  });
});

describe("the shared read path", () => {
  it("shows an unlisted shootout to anyone with its link, without owner-only data", async () => {
    const lib = await creatorWithLibrary();
    const { id } = await lib.browser.trpc.shootout.create.mutate(twoChainSpec(lib, { visibility: "unlisted" }));
    const shared = await browserClient().trpc.shootout.getShared.query({ id });
    expect(shared).toMatchObject({ title: "Amp A vs Amp B", creator: "Creator", visibility: "unlisted" });
    expect(shared.chains[1]?.blocks[0]).toMatchObject({
      type: "capture",
      asset: { name: "amp-b", author: "Someone", architecture: "Linear" },
    });
    const json = JSON.stringify(shared);
    for (const secret of [lib.user.email ?? "", "downloadPath", lib.diId, lib.irId, ...lib.captureIds, lib.user.id]) {
      expect(json).not.toContain(secret);
    }
  });

  it("hides a private shootout from everyone but its owner", async () => {
    const lib = await creatorWithLibrary();
    const { id } = await lib.browser.trpc.shootout.create.mutate(twoChainSpec(lib));
    expect(await trpcFailure(browserClient().trpc.shootout.getShared.query({ id }))).toEqual({
      code: "NOT_FOUND",
      message: `no shootout ${id}`,
    });
    expect(await trpcFailure(lib.browser.trpc.shootout.getShared.query({ id }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("public examples (the landing page)", () => {
  it("lists public shootouts with a finished render, newest first, and never private or unlisted ones", async () => {
    const lib = await creatorWithLibrary();
    const { token } = await lib.browser.trpc.node.create.mutate({ name: "node" });
    const node = nodeClient(token);
    const rendered = async (visibility: "private" | "unlisted" | "public", title: string) => {
      const { id } = await lib.browser.trpc.shootout.create.mutate(twoChainSpec(lib, { visibility, title }));
      const render = await lib.browser.trpc.render.submit.mutate({ shootoutId: id });
      const claim = await node.render.claim.mutate({});
      expect(claim?.renderId).toBe(render.id);
      await node.render.complete.mutate({
        renderId: render.id,
        manifest: {
          renderId: render.id,
          specHash: render.specHash,
          createdAt: new Date().toISOString(),
          artifacts: [],
          cues: [],
          loudness: [],
        },
      });
      return id;
    };
    const older = await rendered("public", "Public, rendered first");
    await rendered("unlisted", "Unlisted, rendered");
    await rendered("private", "Private, rendered");
    const newer = await rendered("public", "Public, rendered last");
    const { id: unrendered } = await lib.browser.trpc.shootout.create.mutate(
      twoChainSpec(lib, { visibility: "public", title: "Public, never rendered" }),
    );

    const listed = await browserClient().trpc.shootout.listPublic.query({});
    const ids = listed.map((s) => s.id);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    expect(ids).not.toContain(unrendered);
    expect(listed.map((s) => s.title)).not.toEqual(expect.arrayContaining([expect.stringMatching(/Unlisted|Private/)]));
    expect(listed.find((s) => s.id === newer)).toMatchObject({
      title: "Public, rendered last",
      creator: "Creator",
      chains: [
        { name: "Amp A", colour: "#f5a524" },
        { name: "Amp B", colour: "#17c964" },
      ],
    });
    expect(await trpcFailure(browserClient().trpc.shootout.listPublic.query({ limit: 1000 }))).toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
