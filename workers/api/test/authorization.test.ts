import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type BrowserClient, browserClient, trpcFailure, uniqueEmail } from "./support/browser-client.ts";
import { creatorWithLibrary, type Library, twoChainSpec } from "./support/library.ts";

type Caller = "owner" | "other" | "anonymous";

/** Everything a refused call could have changed: every row of the data tables and every stored object. */
async function snapshot(): Promise<string> {
  const tables = ["users", "assets", "shootouts", "shootout_di_tracks", "chains", "chain_asset_refs", "renders"];
  const rows = await Promise.all(tables.map((t) => env.DB.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
  const objects = await env.MEDIA.list({ prefix: "assets/" });
  return JSON.stringify([rows.map((r) => r.results), objects.objects.map((o) => o.key)]);
}

interface Case {
  procedure: string;
  /** Who may call it; the others must be refused with `refusedAs`. */
  allowed: Caller[];
  refusedAs: Partial<Record<Caller, string>>;
  call: (as: BrowserClient, lib: Library, shootoutId: string) => Promise<unknown>;
}

const ownerOnly = { other: "NOT_FOUND", anonymous: "UNAUTHORIZED" };
const cases: Case[] = [
  {
    procedure: "asset.list",
    allowed: ["owner", "other"],
    refusedAs: { anonymous: "UNAUTHORIZED" },
    call: (c) => c.trpc.asset.list.query({}),
  },
  {
    procedure: "asset.get",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, lib) => c.trpc.asset.get.query({ id: lib.diId }),
  },
  {
    procedure: "asset.rename",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, lib) => c.trpc.asset.rename.mutate({ id: lib.irId, name: "renamed" }),
  },
  {
    procedure: "asset.delete",
    allowed: [],
    refusedAs: { owner: "CONFLICT", ...ownerOnly },
    call: (c, lib) => c.trpc.asset.delete.mutate({ id: lib.diId }),
  },
  {
    procedure: "shootout.get",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, _l, id) => c.trpc.shootout.get.query({ id }),
  },
  {
    procedure: "shootout.list",
    allowed: ["owner", "other"],
    refusedAs: { anonymous: "UNAUTHORIZED" },
    call: (c) => c.trpc.shootout.list.query({}),
  },
  {
    procedure: "shootout.plan",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, _l, id) => c.trpc.shootout.plan.query({ id }),
  },
  {
    procedure: "shootout.update",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, lib, id) => c.trpc.shootout.update.mutate({ id, spec: twoChainSpec(lib, { title: "changed" }) }),
  },
  {
    procedure: "shootout.duplicate",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, _l, id) => c.trpc.shootout.duplicate.mutate({ id }),
  },
  {
    procedure: "shootout.delete",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, _l, id) => c.trpc.shootout.delete.mutate({ id }),
  },
  // The owner cannot create with assets of another library either: "other" tries the owner's assets here.
  {
    procedure: "shootout.create",
    allowed: ["owner"],
    refusedAs: { other: "BAD_REQUEST", anonymous: "UNAUTHORIZED" },
    call: (c, lib) => c.trpc.shootout.create.mutate(twoChainSpec(lib)),
  },
  {
    procedure: "shootout.getShared (private)",
    allowed: [],
    refusedAs: { owner: "NOT_FOUND", other: "NOT_FOUND", anonymous: "NOT_FOUND" },
    call: (c, _l, id) => c.trpc.shootout.getShared.query({ id }),
  },
  {
    procedure: "auth.signOut",
    allowed: ["owner", "other"],
    refusedAs: { anonymous: "UNAUTHORIZED" },
    call: (c) => c.trpc.auth.signOut.mutate(),
  },
  {
    procedure: "download /files/assets/:id",
    allowed: ["owner"],
    refusedAs: { other: "NOT_FOUND", anonymous: "NOT_FOUND" },
    call: (c, lib) => downloadOrThrow(c, lib.diId),
  },
];

async function downloadOrThrow(client: BrowserClient, id: string): Promise<void> {
  const response = await client.fetch(`/files/assets/${id}`);
  if (!response.ok)
    throw Object.assign(new Error("refused"), {
      code: ((await response.json()) as { error: { code: string } }).error.code,
    });
  await response.arrayBuffer();
}

async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "allowed";
  } catch (error) {
    const code = (error as { data?: { code?: string }; code?: string }).data?.code ?? (error as { code?: string }).code;
    if (!code) throw error;
    return code;
  }
}

describe("authorization matrix: every procedure × owner, another user, anonymous", () => {
  for (const testCase of cases) {
    for (const caller of ["owner", "other", "anonymous"] as const) {
      const expected = testCase.allowed.includes(caller) ? "allowed" : testCase.refusedAs[caller];
      it(`${testCase.procedure} as ${caller}: ${expected}${expected === "allowed" ? "" : ", and nothing changes"}`, async () => {
        const lib = await creatorWithLibrary();
        const { id } = await lib.browser.trpc.shootout.create.mutate(twoChainSpec(lib));
        const other = browserClient();
        await other.trpc.auth.signUp.mutate({
          email: uniqueEmail("other"),
          password: "correct horse battery",
          displayName: "Other",
        });
        const client = { owner: lib.browser, other, anonymous: browserClient() }[caller];
        const before = await snapshot();
        expect(await outcome(testCase.call(client, lib, id))).toBe(expected);
        if (expected !== "allowed") expect(await snapshot()).toBe(before);
      });
    }
  }

  it("has a refusal code for every caller a procedure does not allow", () => {
    for (const c of cases) {
      for (const caller of ["owner", "other", "anonymous"] as const) {
        if (!c.allowed.includes(caller)) expect(c.refusedAs[caller], `${c.procedure} as ${caller}`).toBeDefined();
      }
    }
  });
});

describe("anonymous callers", () => {
  it("get a clear refusal", async () => {
    expect(await trpcFailure(browserClient().trpc.shootout.list.query({}))).toEqual({
      code: "UNAUTHORIZED",
      message: "sign in to do this",
    });
  });
});
