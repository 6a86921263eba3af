/**
 * @module A signed-in creator with a small library (a DI, two captures, an IR) uploaded through the real routes.
 */
import { aiffBytes, linearNam, sine, wavBytes } from "./audio-files.ts";
import { type BrowserClient, browserClient, uniqueEmail } from "./browser-client.ts";
import { uploadJson } from "./upload.ts";

export interface Library {
  browser: BrowserClient;
  user: { id: string; email: string | null; displayName: string };
  diId: string;
  captureIds: [string, string];
  irId: string;
}

export async function creatorWithLibrary(options: { diSampleRateHz?: number } = {}): Promise<Library> {
  const browser = browserClient();
  const user = await browser.trpc.auth.signUp.mutate({
    email: uniqueEmail("creator"),
    password: "correct horse battery",
    displayName: "Creator",
  });
  const rate = options.diSampleRateHz ?? 48000;
  const di = await uploadJson(browser, {
    kind: "di",
    fileName: "riff.wav",
    bytes: wavBytes({ sampleRateHz: rate, channels: 2, samples: sine(0.3, 6, rate).flatMap((s) => [s, s]) }),
  });
  const captureA = await uploadJson(browser, { kind: "capture", fileName: "amp-a.nam", bytes: linearNam() });
  const captureB = await uploadJson(browser, {
    kind: "capture",
    fileName: "amp-b.nam",
    bytes: linearNam({ weights: [0.5, 0.5], metadata: { modeled_by: "Someone", name: "Amp B" } }),
  });
  const ir = await uploadJson(browser, {
    kind: "ir",
    fileName: "cab.aiff",
    bytes: aiffBytes({ sampleRateHz: 48000, samples: sine(0.5, 0.05) }),
  });
  return {
    browser,
    user,
    diId: di.body.asset.id,
    captureIds: [captureA.body.asset.id, captureB.body.asset.id],
    irId: ir.body.asset.id,
  };
}

/** A valid two-chain spec over the library. */
export function twoChainSpec(lib: Library, overrides: Record<string, unknown> = {}) {
  return {
    title: "Amp A vs Amp B",
    diTracks: [{ assetId: lib.diId, riffs: [{ startSeconds: 0.5, endSeconds: 4 }] }],
    chains: [
      {
        name: "Amp A",
        colour: "#F5A524",
        blocks: [
          { type: "capture" as const, assetId: lib.captureIds[0] },
          { type: "ir" as const, assetId: lib.irId },
        ],
      },
      {
        name: "Amp B",
        colour: "#17c964",
        blocks: [
          { type: "capture" as const, assetId: lib.captureIds[1] },
          { type: "ir" as const, assetId: lib.irId },
        ],
      },
    ],
    ...overrides,
  };
}
