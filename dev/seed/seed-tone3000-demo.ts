/**
 * @module The TONE3000 part of the demo, against the local stand-in only: connects the demo creator's account through
 * the real OAuth redirects (the stand-in's `/__fake/approve` plays the user's click), adds the stand-in's JCM800
 * capture and Mesa 4x12 IR to the library by reference, and creates a shootout that credits them. With a real TONE3000
 * client configured nothing is done: no one's real account is touched by a seed.
 */
import type { LocalApiClient, UploadedAsset } from "./local-api-client.ts";

/** Tone ids the stand-in's catalogue keeps in both of its sources (dev/tone3000-fake/fake-catalog.ts). */
const JCM800_TONE_ID = 44269;
const MESA_IR_TONE_ID = 1612;
export const TONE3000_DEMO_TITLE = "TONE3000 demo: JCM800 from TONE3000 vs the demo high-gain capture";

export async function seedTone3000Demo(
  api: LocalApiClient,
  baseUrl: string,
  demo: { di: UploadedAsset; capture: UploadedAsset },
): Promise<boolean> {
  const status = await api.trpc.tone3000.status.query();
  if (!status.available || !status.localStandIn) return false;
  // The stand-in keeps tokens in memory: after a restart the stored session is gone, and the seed connects again.
  if (!status.account || status.account.needsReauth) await connectThroughStandIn(api, baseUrl);

  const capture = await importFirstModel(api, JCM800_TONE_ID, "1");
  const ir = await importFirstModel(api, MESA_IR_TONE_ID, null);
  const titles = new Set((await api.trpc.shootout.list.query({ limit: 100 })).items.map((s) => s.title));
  if (titles.has(TONE3000_DEMO_TITLE)) return true;
  if (demo.di.metadata.kind !== "audio") throw new Error("seed: the demo DI has no audio metadata");
  await api.trpc.shootout.create.mutate({
    title: TONE3000_DEMO_TITLE,
    description:
      "A capture and a cab IR used by reference from TONE3000 (here its local stand-in), credited in the video and on the share page.",
    visibility: "unlisted",
    diTracks: [
      {
        assetId: demo.di.id,
        riffs: [{ startSeconds: 0.25, endSeconds: Math.min(4.25, demo.di.metadata.durationSeconds) }],
      },
    ],
    chains: [
      {
        name: "JCM800 (TONE3000)",
        colour: "#f5a524",
        blocks: [
          { type: "capture", assetId: capture.id },
          { type: "ir", assetId: ir.id },
        ],
      },
      {
        name: demo.capture.name,
        colour: "#006fee",
        blocks: [
          { type: "capture", assetId: demo.capture.id },
          { type: "ir", assetId: ir.id },
        ],
      },
    ],
  });
  return true;
}

async function connectThroughStandIn(api: LocalApiClient, baseUrl: string): Promise<void> {
  const origin = new URL(baseUrl).origin;
  const start = await api.fetch(`${origin}/auth/tone3000/start?purpose=link&returnTo=/library/tone3000`);
  const authorizeUrl = start.headers.get("Location");
  if (start.status !== 302 || !authorizeUrl) throw new Error(`seed: TONE3000 link did not start (${start.status})`);
  const approved = await fetch(`${new URL(authorizeUrl).origin}/__fake/approve`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ authorizeUrl }),
  });
  const { location } = (await approved.json()) as { location?: string };
  if (!approved.ok || !location) throw new Error(`seed: the TONE3000 stand-in did not approve (${approved.status})`);
  const callback = new URL(location);
  const done = await api.fetch(`${origin}${callback.pathname}${callback.search}`);
  const landed = done.headers.get("Location") ?? "";
  if (done.status !== 303 || landed.includes("tone3000_error")) {
    throw new Error(`seed: connecting TONE3000 failed: ${decodeURIComponent(landed)}`);
  }
}

async function importFirstModel(api: LocalApiClient, toneId: number, architecture: string | null) {
  const { models } = await api.trpc.tone3000.tone.query({ toneId });
  const model = models.find((m) => architecture === null || m.architecture === architecture);
  if (!model)
    throw new Error(
      `seed: TONE3000 stand-in tone ${toneId} has no model${architecture ? ` of architecture ${architecture}` : ""}`,
    );
  return (await api.trpc.tone3000.importModel.mutate({ toneId, modelId: model.id })).asset;
}
