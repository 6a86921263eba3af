import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDatabase } from "../src/context.ts";
import { arrangementSchema, WAVEFORM_BUCKETS } from "../src/contract/index.ts";
import { assets, shootoutDiTracks, shootouts } from "../src/db/schema.ts";
import { aiffBytes, flacHeaderBytes, linearNam, sha256Hex, sine, wavBytes } from "./support/audio-files.ts";
import { browserClient, trpcFailure, uniqueEmail } from "./support/browser-client.ts";
import { upload, uploadJson } from "./support/upload.ts";

const db = createDatabase(env.DB);

async function signedIn() {
  const browser = browserClient();
  const user = await browser.trpc.auth.signUp.mutate({
    email: uniqueEmail(),
    password: "correct horse battery",
    displayName: "Ada",
  });
  return { browser, user };
}

async function storedObjects(ownerId: string): Promise<string[]> {
  return (await env.MEDIA.list({ prefix: `assets/${ownerId}/` })).objects.map((o) => o.key);
}

describe("uploading audio", () => {
  it("stores a 24-bit stereo WAV under its SHA-256, with its facts, and streams it back to its owner", async () => {
    const { browser, user } = await signedIn();
    const bytes = wavBytes({ bits: 24, channels: 2, samples: sine(0.5, 0.5).flatMap((s) => [s, -s]) });
    const { status, body } = await uploadJson(browser, { kind: "di", fileName: "riff.wav", bytes });
    expect(status).toBe(201);
    expect(body.asset).toMatchObject({ kind: "di", name: "riff", fileName: "riff.wav", sizeBytes: bytes.length });
    expect(body.asset.metadata).toEqual({
      kind: "audio",
      format: "wav-pcm",
      bitDepth: 24,
      sampleRateHz: 48000,
      channels: 2,
      durationSeconds: 0.5,
      peakDbfs: expect.closeTo(-6.0206, 3),
      // A steady sine: every one of the 120 buckets holds its ±0.5 peaks.
      waveform: Array(WAVEFORM_BUCKETS).fill(0.5),
    });
    const [stored] = await db.select().from(assets).where(eq(assets.id, body.asset.id));
    expect(stored?.metadata).toMatchObject({ waveform: Array(WAVEFORM_BUCKETS).fill(0.5) });
    expect(body.asset.r2Key).toBeUndefined();
    expect(await storedObjects(user.id)).toEqual([`assets/${user.id}/${await sha256Hex(bytes)}`]);

    const download = await browser.fetch(body.asset.downloadPath);
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toBe("attachment; filename*=UTF-8''riff.wav");
    expect(download.headers.get("Content-Type")).toBe("audio/wav");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
  });

  it("stores the same bytes from the same owner once", async () => {
    const { browser, user } = await signedIn();
    const bytes = wavBytes({ samples: sine(0.25, 0.1) });
    const first = await uploadJson(browser, { kind: "ir", fileName: "cab.wav", bytes });
    const second = await uploadJson(browser, { kind: "ir", fileName: "cab copy.wav", bytes });
    expect(second).toMatchObject({ status: 200, body: { deduplicated: true, asset: { id: first.body.asset.id } } });
    expect(await db.select().from(assets).where(eq(assets.ownerId, user.id))).toHaveLength(1);
    const found = await browser.trpc.asset.list.query({ sha256: await sha256Hex(bytes) });
    expect(found.items.map((a) => a.id)).toEqual([first.body.asset.id]);
  });

  it.each([
    ["16-bit PCM WAV", wavBytes({ bits: 16, samples: sine(0.5, 0.1) }), { format: "wav-pcm", bitDepth: 16 }],
    ["8-bit PCM WAV", wavBytes({ bits: 8, samples: sine(0.5, 0.1) }), { format: "wav-pcm", bitDepth: 8 }],
    ["32-bit PCM WAV", wavBytes({ bits: 32, samples: sine(0.5, 0.1) }), { format: "wav-pcm", bitDepth: 32 }],
    [
      "32-bit float WAV",
      wavBytes({ bits: 32, float: true, samples: sine(0.5, 0.1) }),
      { format: "wav-float", bitDepth: 32 },
    ],
    [
      "64-bit float WAV",
      wavBytes({ bits: 64, float: true, samples: sine(0.5, 0.1) }),
      { format: "wav-float", bitDepth: 64 },
    ],
    [
      "extensible 24-bit WAV",
      wavBytes({ bits: 24, extensible: true, samples: sine(0.5, 0.1) }),
      { format: "wav-pcm", bitDepth: 24 },
    ],
    [
      "extensible float WAV",
      wavBytes({ bits: 32, float: true, extensible: true, samples: sine(0.5, 0.1) }),
      { format: "wav-float" },
    ],
    ["16-bit AIFF", aiffBytes({ sampleRateHz: 48000, samples: sine(0.5, 0.1) }), { format: "aiff", bitDepth: 16 }],
    [
      "24-bit AIFF",
      aiffBytes({ sampleRateHz: 48000, bits: 24, samples: sine(0.5, 0.1) }),
      { format: "aiff", bitDepth: 24 },
    ],
    [
      "AIFF-C sowt",
      aiffBytes({ sampleRateHz: 48000, compression: "sowt", samples: sine(0.5, 0.1) }),
      { format: "aiff" },
    ],
    [
      "AIFF-C fl32",
      aiffBytes({ sampleRateHz: 48000, compression: "fl32", samples: sine(0.5, 0.1) }),
      { format: "aiff", bitDepth: 32 },
    ],
  ])("reads rate, duration and a -6 dBFS peak from a %s", async (_label, bytes, expected) => {
    const { browser } = await signedIn();
    const { status, body } = await uploadJson(browser, { kind: "ir", fileName: "x.wav", bytes });
    expect(status).toBe(201);
    expect(body.asset.metadata).toMatchObject({ ...expected, sampleRateHz: 48000, channels: 1, durationSeconds: 0.1 });
    // 8-bit quantisation moves the peak by up to one step.
    expect(body.asset.metadata.peakDbfs).toBeCloseTo(-6.02, 1);
    expect(body.asset.metadata.waveform).toHaveLength(WAVEFORM_BUCKETS);
  });

  it("reads FLAC's STREAMINFO and leaves the peak and the waveform to the render node", async () => {
    const { browser } = await signedIn();
    const bytes = flacHeaderBytes({ sampleRateHz: 44100, channels: 2, bits: 24, totalFrames: 44100 * 90 });
    const { status, body } = await uploadJson(browser, { kind: "di", fileName: "take.flac", bytes });
    expect(status).toBe(201);
    expect(body.asset.metadata).toEqual({
      kind: "audio",
      format: "flac",
      bitDepth: 24,
      sampleRateHz: 44100,
      channels: 2,
      durationSeconds: 90,
      peakDbfs: null,
    });
  });
});

describe("uploading captures", () => {
  it("validates a .nam with the contract and stores its facts", async () => {
    const { browser } = await signedIn();
    const { status, body } = await uploadJson(browser, {
      kind: "capture",
      fileName: "identity.nam",
      bytes: linearNam(),
    });
    expect(status).toBe(201);
    expect(body.asset.metadata).toMatchObject({
      kind: "capture",
      facts: { architecture: "Linear", receptiveFieldSamples: 2, sampleRateHz: 48000, modeledBy: "Test Author" },
    });
    expect(body.asset.author).toBe("Test Author");
  });
});

describe("refused uploads store nothing", () => {
  const cases: Array<[string, { kind: string; fileName: string; bytes: Uint8Array; sha256?: string }, number, RegExp]> =
    [
      [
        "a bad .nam (names the field)",
        { kind: "capture", fileName: "bad.nam", bytes: linearNam({ weights: [1, 0, 0] }) },
        422,
        /^bad\.nam: weights: /,
      ],
      [
        "an IR over 10 s",
        {
          kind: "ir",
          fileName: "long.wav",
          bytes: wavBytes({ bits: 8, sampleRateHz: 8000, samples: new Array(8000 * 11).fill(0.1) }),
        },
        422,
        /long\.wav: 11 s long, over the 10 s limit for a IR/,
      ],
      [
        "an MP3",
        { kind: "di", fileName: "take.mp3", bytes: new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]) },
        415,
        /take\.mp3: MP3 is not accepted/,
      ],
      [
        "a text file",
        { kind: "di", fileName: "notes.wav", bytes: new TextEncoder().encode("hello world") },
        415,
        /notes\.wav: not a WAV, FLAC or AIFF file/,
      ],
      [
        "a truncated WAV",
        { kind: "di", fileName: "cut.wav", bytes: wavBytes({ samples: sine(0.5, 0.1) }).subarray(0, 500) },
        422,
        /cut\.wav: "data" chunk claims 9600 bytes but only 456 follow/,
      ],
      [
        "a float WAV holding NaN",
        { kind: "ir", fileName: "nan.wav", bytes: wavBytes({ bits: 32, float: true, samples: [0, Number.NaN, 0] }) },
        422,
        /nan\.wav: sample 1 is NaN/,
      ],
      [
        "a wrong SHA-256",
        { kind: "ir", fileName: "x.wav", bytes: wavBytes({ samples: [0.1] }), sha256: "0".repeat(64) },
        400,
        /x\.wav: the uploaded bytes do not match X-Content-SHA256/,
      ],
      [
        "an unknown kind",
        { kind: "preset", fileName: "x.wav", bytes: wavBytes({ samples: [0.1] }) },
        400,
        /kind must be one of di, capture, ir/,
      ],
      [
        "an empty file",
        { kind: "di", fileName: "empty.wav", bytes: new Uint8Array(0) },
        422,
        /empty\.wav: the file is empty/,
      ],
    ];
  it.each(cases)("refuses %s", async (_label, file, status, message) => {
    const { browser, user } = await signedIn();
    const response = await upload(browser, file);
    const body = (await response.json()) as { error: { message: string } };
    expect(response.status).toBe(status);
    expect(body.error.message).toMatch(message);
    expect(await storedObjects(user.id)).toEqual([]);
    expect(await db.select().from(assets).where(eq(assets.ownerId, user.id))).toEqual([]);
  });

  it("refuses a capture over 20 MB before reading it", async () => {
    const { browser } = await signedIn();
    const response = await upload(browser, {
      kind: "capture",
      fileName: "huge.nam",
      bytes: new Uint8Array(20 * 1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      "huge.nam: 20 MB is over the 20 MB limit for a capture",
    );
  });

  it("refuses anonymous and cross-site uploads", async () => {
    const anonymous = await upload(browserClient(), {
      kind: "ir",
      fileName: "x.wav",
      bytes: wavBytes({ samples: [0.1] }),
    });
    expect(anonymous.status).toBe(401);
    const { browser } = await signedIn();
    const forged = browserClient({ sessionToken: browser.sessionToken(), originHeader: "https://evil.example" });
    const crossSite = await upload(forged, { kind: "ir", fileName: "x.wav", bytes: wavBytes({ samples: [0.1] }) });
    expect(crossSite.status).toBe(403);
  });
});

describe("the library", () => {
  it("lists by kind, newest first, in pages", async () => {
    const { browser } = await signedIn();
    for (const [i, kind] of ["di", "ir", "ir", "ir"].entries()) {
      await upload(browser, { kind, fileName: `f${i}.wav`, bytes: wavBytes({ samples: [i / 10] }) });
    }
    const first = await browser.trpc.asset.list.query({ kind: "ir", limit: 2 });
    expect(first.items.map((a) => a.fileName)).toEqual(["f3.wav", "f2.wav"]);
    const second = await browser.trpc.asset.list.query({ kind: "ir", limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((a) => a.fileName)).toEqual(["f1.wav"]);
    expect(second.nextCursor).toBeNull();
    expect((await browser.trpc.asset.list.query({})).items).toHaveLength(4);
  });

  it("renames, and refuses to delete an asset a shootout uses, naming the shootout", async () => {
    const { browser, user } = await signedIn();
    const { body } = await uploadJson(browser, {
      kind: "di",
      fileName: "riff.wav",
      bytes: wavBytes({ samples: sine(0.3, 0.1) }),
    });
    const id = body.asset.id as string;
    expect(await browser.trpc.asset.rename.mutate({ id, name: "Main riff" })).toMatchObject({ name: "Main riff" });
    const shootoutId = crypto.randomUUID();
    await db.insert(shootouts).values({
      id: shootoutId,
      ownerId: user.id,
      title: "Amp night",
      arrangement: arrangementSchema.parse({ mode: "ab" }),
    });
    await db
      .insert(shootoutDiTracks)
      .values({ id: crypto.randomUUID(), shootoutId, position: 0, assetId: id, riffs: [] });
    expect(await trpcFailure(browser.trpc.asset.delete.mutate({ id }))).toEqual({
      code: "CONFLICT",
      message: '"Main riff" is used by shootout "Amp night": remove it there first',
    });
    await db.delete(shootouts).where(eq(shootouts.id, shootoutId));
    expect(await browser.trpc.asset.delete.mutate({ id })).toEqual({ deleted: id });
    expect(await storedObjects(user.id)).toEqual([]);
  });

  it("shows another user's asset to nobody but its owner, and lets nobody else change it", async () => {
    const owner = await signedIn();
    const { body } = await uploadJson(owner.browser, {
      kind: "di",
      fileName: "mine.wav",
      bytes: wavBytes({ samples: [0.2] }),
    });
    const id = body.asset.id as string;
    const other = await signedIn();
    for (const call of [
      other.browser.trpc.asset.get.query({ id }),
      other.browser.trpc.asset.rename.mutate({ id, name: "stolen" }),
      other.browser.trpc.asset.delete.mutate({ id }),
    ]) {
      expect(await trpcFailure(call)).toEqual({ code: "NOT_FOUND", message: `no asset ${id}` });
    }
    expect((await other.browser.fetch(`/files/assets/${id}`)).status).toBe(404);
    expect((await browserClient().fetch(`/files/assets/${id}`)).status).toBe(404);
    expect(await trpcFailure(browserClient().trpc.asset.list.query({}))).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await owner.browser.trpc.asset.get.query({ id })).toMatchObject({ name: "mine", fileName: "mine.wav" });
  });
});
