import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDatabase } from "../src/context.ts";
import { arrangementSchema, chainSchema } from "../src/contract/index.ts";
import {
  type AssetRow,
  assets,
  chainAssetRefs,
  chains,
  renderEvents,
  renders,
  shootoutDiTracks,
  shootouts,
  users,
} from "../src/db/schema.ts";

const db = createDatabase(env.DB);
// Storage is shared by the tests of one file, so every test makes its own ids.
const uid = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

/** drizzle wraps D1 errors ("Failed query: …"); SQLite's own reason is in `cause`. */
async function sqliteFailure(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    return String((error as { cause?: { message?: string } }).cause?.message ?? error);
  }
  throw new Error("expected the query to fail");
}

async function makeUser() {
  const id = uid("user");
  await db.insert(users).values({ id, email: `${id}@example.com`, displayName: "Tester" });
  return id;
}

async function makeAsset(
  ownerId: string,
  kind: AssetRow["kind"],
  sha256 = crypto.randomUUID().replaceAll("-", "").repeat(2),
) {
  const id = uid("asset");
  await db.insert(assets).values({
    id,
    ownerId,
    kind,
    name: `${kind} asset`,
    fileName: `${kind}.wav`,
    contentType: "audio/wav",
    sha256,
    r2Key: `assets/${ownerId}/${sha256}`,
    sizeBytes: 1024,
    metadata: {
      kind: "audio",
      format: "wav-pcm",
      bitDepth: 24,
      sampleRateHz: 48000,
      channels: 1,
      durationSeconds: 3.5,
      peakDbfs: -4.9,
    },
  });
  return id;
}

async function makeShootout(ownerId: string) {
  const id = uid("shootout");
  await db
    .insert(shootouts)
    .values({ id, ownerId, title: "Test", arrangement: arrangementSchema.parse({ mode: "ab" }) });
  return id;
}

describe("the D1 schema after the migrations", () => {
  it("has every table of the data model", async () => {
    const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all<{
      name: string;
    }>();
    expect(results.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        "users",
        "sessions",
        "assets",
        "shootouts",
        "shootout_di_tracks",
        "chains",
        "chain_asset_refs",
        "renders",
        "render_events",
        "render_nodes",
      ]),
    );
  });

  it("round-trips typed JSON columns and fills defaults", async () => {
    const ownerId = await makeUser();
    const assetId = await makeAsset(ownerId, "di");
    const row = await db.query.assets.findFirst({ where: eq(assets.id, assetId) });
    expect(row?.metadata).toMatchObject({ kind: "audio", sampleRateHz: 48000 });
    expect(row?.source).toBe("upload");
    expect(row?.createdAt).toBeInstanceOf(Date);
    expect(Math.abs((row?.createdAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it("stores the same bytes from the same owner once, but lets another owner have them", async () => {
    const [a, b] = [await makeUser(), await makeUser()];
    const sha = "ab".repeat(32);
    await makeAsset(a, "ir", sha);
    expect(await sqliteFailure(makeAsset(a, "ir", sha))).toMatch(
      /UNIQUE constraint failed: assets.owner_id, assets.sha256/,
    );
    await expect(makeAsset(b, "ir", sha)).resolves.toBeTruthy();
  });

  it("refuses to delete an asset a shootout uses, and cascades a shootout's tracks and chains", async () => {
    const ownerId = await makeUser();
    const [diId, captureId] = [await makeAsset(ownerId, "di"), await makeAsset(ownerId, "capture")];
    const shootoutId = await makeShootout(ownerId);
    await db.insert(shootoutDiTracks).values({ id: uid("track"), shootoutId, position: 0, assetId: diId, riffs: [] });
    const chain = chainSchema.parse({
      name: "A",
      colour: "#ff8800",
      blocks: [{ type: "capture", assetId: captureId }],
    });
    const chainId = uid("chain");
    await db.insert(chains).values({ id: chainId, shootoutId, position: 0, ...chain });
    await db.insert(chainAssetRefs).values({ chainId, assetId: captureId });

    expect(await sqliteFailure(db.delete(assets).where(eq(assets.id, diId)))).toMatch(/FOREIGN KEY constraint failed/);
    expect(await sqliteFailure(db.delete(assets).where(eq(assets.id, captureId)))).toMatch(/FOREIGN KEY/);

    await db.delete(shootouts).where(eq(shootouts.id, shootoutId));
    expect(await db.select().from(chains).where(eq(chains.shootoutId, shootoutId))).toEqual([]);
    expect(await db.select().from(shootoutDiTracks).where(eq(shootoutDiTracks.shootoutId, shootoutId))).toEqual([]);
    await db.delete(assets).where(eq(assets.id, diId));
    expect(await db.select().from(assets).where(eq(assets.id, diId))).toEqual([]);
  });

  it("keeps one render event per (render, seq)", async () => {
    const ownerId = await makeUser();
    const shootoutId = await makeShootout(ownerId);
    const renderId = uid("render");
    await db.insert(renders).values({ id: renderId, shootoutId, ownerId, spec: {} as never, specHash: "0".repeat(64) });
    const event = { type: "queued" as const, renderId, seq: 0, at: new Date().toISOString() };
    await db.insert(renderEvents).values({ renderId, seq: 0, type: event.type, payload: event });
    expect(
      await sqliteFailure(db.insert(renderEvents).values({ renderId, seq: 0, type: event.type, payload: event })),
    ).toMatch(/UNIQUE constraint failed: render_events.render_id, render_events.seq/);
    const render = await db.query.renders.findFirst({ where: eq(renders.id, renderId) });
    expect(render).toMatchObject({ status: "queued", attempt: 0, maxAttempts: 3, progress: 0, lastSeq: -1 });
  });
});
