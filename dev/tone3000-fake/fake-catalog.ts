/**
 * @module The local TONE3000 stand-in's catalogue: users, tones and models, plus the file bytes behind each
 * `model_url`. The same ids, titles, counts and flags are built either way; only the bytes differ. With
 * `../shared/fixtures` present the models serve real captures and IRs (the JCM800 capture and Mesa IRs that
 * `docs/tone3000-api.md` §13 names); on a fresh clone they serve the project's synthesised demo assets, so a test
 * never needs to know which catalogue it got. In the generated catalogue the A2/custom-labelled models serve A1
 * demo captures (no synthesised A2 exists): the fake fakes the API, it is not a model zoo.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateDemoAssets } from "../demo/generate-demo-assets.ts";
import { hasSharedFixtures, sharedFixturesDir } from "../shared-fixtures-dir.ts";

export type FakeArchitecture = "1" | "2" | "custom";

export interface FakeUser {
  id: string;
  username: string;
  display_name: string | null;
  is_verified: boolean;
  avatar_url: string | null;
  bio: string | null;
  links: string[] | null;
  created_at: string;
  updated_at: string;
}

export interface FakeNamed {
  id: number;
  name: string;
}

/** A tone in the detail shape, less what the server derives per request (counts, `user`, `url`, `is_favorite`). */
export interface FakeTone {
  id: number;
  user_id: string;
  title: string;
  description: string | null;
  gear: string;
  format: string;
  /** Paths on the fake's own origin (Supabase-storage shaped), so pages render offline; null = seen live. */
  images: string[] | null;
  makes: FakeNamed[] | null;
  tags: FakeNamed[] | null;
  license: string;
  links: string[] | null;
  is_public: boolean;
  created_at: string;
  updated_at: string;
  downloads_count: number;
  /** Before the signed-in user's own favourite, which the server adds. */
  favorites_count: number;
}

export interface FakeModel {
  id: number;
  tone_id: number;
  user_id: string;
  name: string;
  size: string | null;
  /** null for IRs. */
  architecture_version: FakeArchitecture | null;
  /** Has input/output levels (the `calibrated=true` filter). */
  calibrated: boolean;
  created_at: string;
  updated_at: string;
  /** The random last path segment of `model_url`, e.g. `k3j9x2.nam`. */
  download_name: string;
  /** Which file the bytes came from (for test messages). */
  source_file: string;
  bytes: Uint8Array;
}

export interface FakeCatalog {
  source: "shared-fixtures" | "generated";
  users: FakeUser[];
  tones: FakeTone[];
  /** In the owner's order within each tone: the order `/models` lists them. */
  models: FakeModel[];
  /** The user every sign-in signs in as (§13 `di_tester`). */
  signedInUserId: string;
}

export const DI_TESTER_ID = "0b7e2c1a-5d7f-4a53-9a57-3c2f0e6d9a10";
const SZYMON_ID = "9f1d6c2e-0000-4000-8000-000000000001";
const CAB_CREATOR_ID = "9f1d6c2e-0000-4000-8000-000000000002";
const NAM_CORE_ID = "9f1d6c2e-0000-4000-8000-000000000003";
const PLAYER_ID = "9f1d6c2e-0000-4000-8000-000000000004";

const user = (id: string, username: string, created: string, extra: Partial<FakeUser> = {}): FakeUser => ({
  id,
  username,
  display_name: null,
  is_verified: false,
  avatar_url: null,
  bio: null,
  links: null,
  created_at: created,
  updated_at: created,
  ...extra,
});

const USERS: FakeUser[] = [
  user(DI_TESTER_ID, "di_tester", "2026-06-03T17:29:54.434431+00:00"),
  user(SZYMON_ID, "szymon", "2025-11-02T08:00:00.000+00:00"),
  user(CAB_CREATOR_ID, "cab_collector", "2025-01-20T12:00:00.000+00:00", { bio: "Mesa cabs, one mic at a time" }),
  user(NAM_CORE_ID, "nam_core", "2024-10-01T09:00:00.000+00:00", {
    display_name: "NAM Core",
    is_verified: true,
    links: ["https://github.com/sdatkinson/NeuralAmpModelerCore"],
  }),
  user(PLAYER_ID, "web_player", "2026-04-01T09:00:00.000+00:00"),
];

type ToneSpec = Omit<FakeTone, "updated_at"> & { updated_at?: string };
const tone = (spec: ToneSpec): FakeTone => ({ ...spec, updated_at: spec.updated_at ?? spec.created_at });

const TONES: FakeTone[] = [
  tone({
    id: 44269,
    user_id: SZYMON_ID,
    title: "JCM800 2203",
    description: "Lead channel, gain 7",
    gear: "amp",
    format: "nam",
    images: ["/storage/v1/object/public/images/fake1.svg"],
    makes: [{ id: 1701, name: "Marshall JCM800" }],
    tags: [{ id: 31, name: "crunch" }],
    license: "cc-by",
    links: [],
    is_public: true,
    created_at: "2026-02-01T10:00:00.000+00:00",
    downloads_count: 870,
    favorites_count: 12,
  }),
  tone({
    id: 1612,
    user_id: CAB_CREATOR_ID,
    title: "Mesa OS 4x12",
    description: "Mesa/Boogie Oversized 4x12 with V30s: SM57 and M160",
    gear: "cab",
    format: "ir",
    images: ["/storage/v1/object/public/images/fake2.svg"],
    makes: [{ id: 1702, name: "Mesa/Boogie" }],
    tags: [{ id: 32, name: "metal" }],
    license: "t3k",
    links: [],
    is_public: true,
    created_at: "2025-03-14T16:20:00.000+00:00",
    downloads_count: 4100,
    favorites_count: 95,
  }),
  tone({
    id: 51001,
    user_id: PLAYER_ID,
    title: "Dumble Overdrive Special",
    description: "Feather-size capture from the TONE3000 web player",
    gear: "amp-cab",
    format: "nam",
    images: ["/storage/v1/object/public/images/fake3.svg"],
    makes: [{ id: 1703, name: "Dumble" }],
    tags: [
      { id: 33, name: "blues" },
      { id: 31, name: "crunch" },
    ],
    // Non-commercial: what the licence warning on monetised videos is tested with.
    license: "cc-by-nc",
    links: null,
    is_public: true,
    created_at: "2026-04-10T20:00:00.000+00:00",
    downloads_count: 1500,
    favorites_count: 80,
  }),
  tone({
    id: 51002,
    user_id: PLAYER_ID,
    title: "Mesa Rectifier A2",
    description: "A2-only: hidden unless architecture=2 is asked for",
    gear: "amp",
    format: "nam",
    images: ["/storage/v1/object/public/images/fake4.svg"],
    makes: [{ id: 1702, name: "Mesa/Boogie" }],
    tags: [{ id: 34, name: "high-gain" }],
    license: "cc-by-sa",
    links: [],
    is_public: true,
    created_at: "2026-04-11T22:25:00.000+00:00",
    downloads_count: 220,
    favorites_count: 9,
  }),
  tone({
    id: 51003,
    user_id: NAM_CORE_ID,
    title: "Darkglass Microtubes 900 v2 (LSTM)",
    description: "Custom-architecture (LSTM) test capture, calibrated",
    gear: "pedal",
    format: "nam",
    // Explicit nulls, as seen live (rs commits dfa0cbc, 8fe9517); no image also keeps it off trending/latest.
    images: null,
    makes: [{ id: 1704, name: "Darkglass" }],
    tags: null,
    license: "t3k",
    links: null,
    is_public: true,
    created_at: "2024-10-09T18:44:41.000+00:00",
    downloads_count: 15,
    favorites_count: 1,
  }),
  tone({
    id: 51004,
    user_id: SZYMON_ID,
    title: "JCM800 scratch (private)",
    description: "Someone else's private tone: 403 for di_tester",
    gear: "amp",
    format: "nam",
    images: ["/storage/v1/object/public/images/fake1.svg"],
    makes: [{ id: 1701, name: "Marshall JCM800" }],
    tags: [],
    license: "t3k",
    links: [],
    is_public: false,
    created_at: "2026-05-01T09:00:00.000+00:00",
    downloads_count: 0,
    favorites_count: 0,
  }),
  tone({
    id: 51005,
    user_id: DI_TESTER_ID,
    title: "Clean identity (linear)",
    description: "di_tester's own private tone: a 1-tap identity model",
    gear: "outboard",
    format: "nam",
    images: ["/storage/v1/object/public/images/fake5.svg"],
    makes: [],
    tags: [{ id: 35, name: "clean" }],
    license: "cco",
    links: [],
    is_public: false,
    created_at: "2026-06-10T12:00:00.000+00:00",
    downloads_count: 0,
    favorites_count: 0,
  }),
];

/** One model: its catalogue fields and the file behind it in each catalogue. */
interface ModelSpec {
  id: number;
  tone_id: number;
  name: string;
  size: string | null;
  architecture_version: FakeArchitecture | null;
  calibrated: boolean;
  download_name: string;
  created_at: string;
  /** File in `../shared/fixtures`. */
  shared: string;
  /** File written by `generateDemoAssets`. */
  generated: string;
}

const JCM_AT = "2026-02-01T10:05:00.000+00:00";
// biome-ignore format: a table reads better than one field per line
const MODELS: ModelSpec[] = [
  // The §13 JCM800: three A1 and three A2 captures (search models_count 6, detail 3).
  m(300101, 44269, "JCM800 capture 3", "standard", "1", false, "k3j9x2.nam", JCM_AT, "nam/jcm800-capture-3.nam", "demo-crunch.nam"),
  m(300102, 44269, "JCM800 capture 2", "standard", "1", false, "b7d1c4.nam", JCM_AT, "nam/core__wavenet_a1_standard.nam", "demo-high-gain.nam"),
  m(300103, 44269, "JCM800 capture 1", "standard", "1", false, "z8w2q5.nam", JCM_AT, "nam/jcm800-capture-3.nam", "demo-clean.nam"),
  m(300104, 44269, "JCM800 capture 3 (A2)", "standard", "2", true, "a2k3j9.nam", JCM_AT, "nam/core__A2.nam", "demo-crunch.nam"),
  m(300105, 44269, "JCM800 capture 2 (A2)", "standard", "2", true, "a2b7d1.nam", JCM_AT, "nam/core__A2.nam", "demo-high-gain.nam"),
  m(300106, 44269, "JCM800 capture 1 (A2)", "standard", "2", true, "a2z8w2.nam", JCM_AT, "nam/core__A2.nam", "demo-clean.nam"),
  m(300201, 1612, "Mesa OS 4x12 57 m160", null, null, false, "p0q1r2.wav", "2025-03-14T16:25:00.000+00:00", "ir/mesa-os-4x12-57-m160.wav", "cab-4x12-closed.wav"),
  m(300202, 1612, "Mesa OS 4x12 favourite blend", null, null, false, "p3q4r5.wav", "2025-03-14T16:26:00.000+00:00", "ir/mesa-fav.wav", "cab-1x12-open.wav"),
  m(300301, 51001, "Dumble ODS (feather)", "feather", "1", false, "d4m8b1.nam", "2026-04-10T20:05:00.000+00:00", "nam/core-pr265__dumble.nam", "demo-clean.nam"),
  m(300401, 51002, "Rectifier red channel (A2)", "standard", "2", false, "r3c7f2.nam", "2026-04-11T22:30:00.000+00:00", "nam/core-pr265__mesa_rectifier_a2.nam", "demo-high-gain.nam"),
  m(300402, 51002, "Rectifier A2 example", "standard", "2", true, "r3c7f3.nam", "2026-04-11T22:31:00.000+00:00", "nam/core__A2.nam", "demo-high-gain.nam"),
  m(300501, 51003, "Test LSTM", "custom", "custom", true, "l5t9m1.nam", "2024-10-09T18:45:00.000+00:00", "nam/core__lstm.nam", "demo-crunch.nam"),
  m(300601, 51004, "JCM800 scratch", "standard", "1", false, "s6c1r4.nam", "2026-05-01T09:05:00.000+00:00", "nam/jcm800-capture-3.nam", "demo-crunch.nam"),
  m(300701, 51005, "Identity", "custom", "custom", false, "i7d3n6.nam", "2026-06-10T12:05:00.000+00:00", "nam/trainer__linear_1.nam", "demo-clean.nam"),
];

function m(
  id: number,
  tone_id: number,
  name: string,
  size: string | null,
  architecture_version: FakeArchitecture | null,
  calibrated: boolean,
  download_name: string,
  created_at: string,
  shared: string,
  generated: string,
): ModelSpec {
  return { id, tone_id, name, size, architecture_version, calibrated, download_name, created_at, shared, generated };
}

export interface LoadFakeCatalogOptions {
  /** `auto` (default): shared fixtures where present, else generated demo assets. */
  source?: "auto" | "shared-fixtures" | "generated";
}

/** Builds the catalogue, reading every model's bytes into memory (a few MB at most). */
export async function loadFakeCatalog(options: LoadFakeCatalogOptions = {}): Promise<FakeCatalog> {
  const wanted = options.source ?? "auto";
  const source = wanted === "auto" ? (hasSharedFixtures ? "shared-fixtures" : "generated") : wanted;
  if (source === "shared-fixtures" && !hasSharedFixtures) {
    throw new Error(`loadFakeCatalog: ../shared/fixtures not found at ${sharedFixturesDir}`);
  }
  let readModelFile: (spec: ModelSpec) => Promise<Uint8Array>;
  let cleanup = async () => {};
  if (source === "shared-fixtures") {
    readModelFile = (spec) => readFile(join(sharedFixturesDir, spec.shared));
  } else {
    // A private temp folder: concurrent test files must never read each other's half-written assets.
    const dir = await mkdtemp(join(tmpdir(), "gts-tone3000-fake-"));
    await generateDemoAssets(dir);
    readModelFile = (spec) => readFile(join(dir, spec.generated));
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
  try {
    const bytesByFile = new Map<string, Uint8Array>();
    const models: FakeModel[] = [];
    for (const spec of MODELS) {
      const file = source === "shared-fixtures" ? spec.shared : spec.generated;
      let bytes = bytesByFile.get(file);
      if (bytes === undefined) {
        bytes = new Uint8Array(await readModelFile(spec));
        bytesByFile.set(file, bytes);
      }
      const owner = TONES.find((t) => t.id === spec.tone_id);
      if (!owner) throw new Error(`fake catalogue: model ${spec.id} names unknown tone ${spec.tone_id}`);
      models.push({
        id: spec.id,
        tone_id: spec.tone_id,
        user_id: owner.user_id,
        name: spec.name,
        size: spec.size,
        architecture_version: spec.architecture_version,
        calibrated: spec.calibrated,
        created_at: spec.created_at,
        updated_at: spec.created_at,
        download_name: spec.download_name,
        source_file: file,
        bytes,
      });
    }
    return {
      source,
      users: structuredClone(USERS),
      tones: structuredClone(TONES),
      models,
      signedInUserId: DI_TESTER_ID,
    };
  } finally {
    await cleanup();
  }
}
