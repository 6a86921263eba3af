import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type BrowserClient, browserClient, trpcFailure, uniqueEmail } from "./support/browser-client.ts";
import { creatorWithLibrary, type Library, twoChainSpec } from "./support/library.ts";
import { nodeClient } from "./support/node-client.ts";

type Caller = "owner" | "other" | "anonymous" | "node";

/** Everything a refused call could have changed: every row of the data tables and every stored object. */
async function snapshot(): Promise<string> {
  // render_nodes.last_heartbeat_at moves with every node call, refused or not: a sign of life, not a change.
  const tables = [
    "users",
    "assets",
    "shootouts",
    "shootout_di_tracks",
    "chains",
    "chain_asset_refs",
    "renders",
    "render_events",
    "tone3000_accounts",
  ];
  const rows = await Promise.all(tables.map((t) => env.DB.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
  const objects = await env.MEDIA.list({ prefix: "assets/" });
  return JSON.stringify([rows.map((r) => r.results), objects.objects.map((o) => o.key)]);
}

interface Case {
  procedure: string;
  /** Who may call it; the others must be refused with `refusedAs`. */
  allowed: Caller[];
  refusedAs: Partial<Record<Caller, string>>;
  call: (as: Client, lib: Library, ids: { shootoutId: string; renderId: string; nodeId: string }) => Promise<unknown>;
}

/** A browser (owner, other user, anonymous) or the owner's render node (bearer token, no cookie). */
interface Client {
  trpc: BrowserClient["trpc"];
  fetch: BrowserClient["fetch"];
}

const ownerOnly = { other: "NOT_FOUND", anonymous: "UNAUTHORIZED", node: "UNAUTHORIZED" };
const signedIn = { anonymous: "UNAUTHORIZED", node: "UNAUTHORIZED" };
const nodeOnly = { owner: "UNAUTHORIZED", other: "UNAUTHORIZED", anonymous: "UNAUTHORIZED" };
const cases: Case[] = [
  {
    procedure: "asset.list",
    allowed: ["owner", "other"],
    refusedAs: signedIn,
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
    refusedAs: { ...ownerOnly, owner: "CONFLICT" },
    call: (c, lib) => c.trpc.asset.delete.mutate({ id: lib.diId }),
  },
  {
    procedure: "shootout.get",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, _l, { shootoutId: id }) => c.trpc.shootout.get.query({ id }),
  },
  {
    procedure: "shootout.list",
    allowed: ["owner", "other"],
    refusedAs: signedIn,
    call: (c) => c.trpc.shootout.list.query({}),
  },
  {
    procedure: "shootout.plan",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, _l, { shootoutId: id }) => c.trpc.shootout.plan.query({ id }),
  },
  {
    procedure: "shootout.update",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, lib, { shootoutId: id }) =>
      c.trpc.shootout.update.mutate({ id, spec: twoChainSpec(lib, { title: "changed" }) }),
  },
  {
    procedure: "shootout.duplicate",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, _l, { shootoutId: id }) => c.trpc.shootout.duplicate.mutate({ id }),
  },
  {
    procedure: "shootout.delete",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, _l, { shootoutId: id }) => c.trpc.shootout.delete.mutate({ id }),
  },
  // The owner cannot create with assets of another library either: "other" tries the owner's assets here.
  {
    procedure: "shootout.create",
    allowed: ["owner"],
    refusedAs: { ...signedIn, other: "BAD_REQUEST" },
    call: (c, lib) => c.trpc.shootout.create.mutate(twoChainSpec(lib)),
  },
  {
    procedure: "shootout.getShared (private)",
    allowed: [],
    refusedAs: { owner: "NOT_FOUND", other: "NOT_FOUND", anonymous: "NOT_FOUND", node: "NOT_FOUND" },
    call: (c, _l, { shootoutId: id }) => c.trpc.shootout.getShared.query({ id }),
  },
  {
    procedure: "auth.signOut",
    allowed: ["owner", "other"],
    refusedAs: signedIn,
    call: (c) => c.trpc.auth.signOut.mutate(),
  },
  {
    procedure: "download /files/assets/:id",
    allowed: ["owner"],
    refusedAs: { other: "NOT_FOUND", anonymous: "NOT_FOUND", node: "NOT_FOUND" },
    call: (c, lib) => downloadOrThrow(c, lib.diId),
  },
  {
    procedure: "render.submit",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, _l, { shootoutId }) => c.trpc.render.submit.mutate({ shootoutId }),
  },
  {
    procedure: "render.get",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, _l, { renderId }) => c.trpc.render.get.query({ id: renderId }),
  },
  {
    procedure: "render.events",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, _l, { renderId }) => c.trpc.render.events.query({ id: renderId }),
  },
  // The matrix's shootout is private: only its owner may follow the render (unlisted/public: test/render-watch.test.ts).
  {
    procedure: "render.watchable (private)",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, _l, { renderId }) => c.trpc.render.watchable.query({ id: renderId }),
  },
  {
    procedure: "render.inProgress (private)",
    allowed: [],
    refusedAs: { owner: "NOT_FOUND", other: "NOT_FOUND", anonymous: "NOT_FOUND", node: "NOT_FOUND" },
    call: (c, _l, { shootoutId }) => c.trpc.render.inProgress.query({ shootoutId }),
  },
  {
    procedure: "render.list",
    allowed: ["owner", "other"],
    refusedAs: signedIn,
    call: (c, _l, { shootoutId }) => c.trpc.render.list.query({ shootoutId }),
  },
  {
    procedure: "render.cancel",
    allowed: ["owner"],
    refusedAs: ownerOnly,
    call: (c, _l, { renderId }) => c.trpc.render.cancel.mutate({ id: renderId }),
  },
  {
    procedure: "node.create",
    allowed: ["owner", "other"],
    refusedAs: signedIn,
    call: (c) => c.trpc.node.create.mutate({ name: "n" }),
  },
  { procedure: "node.list", allowed: ["owner", "other"], refusedAs: signedIn, call: (c) => c.trpc.node.list.query() },
  {
    procedure: "node.revoke",
    allowed: ["owner"],
    refusedAs: { ...ownerOnly, other: "NOT_FOUND" },
    call: (c, _l, { nodeId }) => c.trpc.node.revoke.mutate({ id: nodeId }),
  },
  {
    procedure: "node.hello",
    allowed: ["node"],
    refusedAs: nodeOnly,
    call: (c) => c.trpc.node.hello.mutate({ capabilities: {} }),
  },
  { procedure: "render.claim", allowed: ["node"], refusedAs: nodeOnly, call: (c) => c.trpc.render.claim.mutate({}) },
  // Not claimed yet, so even the owner's node holds no lease on it.
  {
    procedure: "render.heartbeat",
    allowed: [],
    refusedAs: { ...nodeOnly, node: "CONFLICT" },
    call: (c, _l, { renderId }) => c.trpc.render.heartbeat.mutate({ renderId }),
  },
  {
    procedure: "render.report",
    allowed: [],
    refusedAs: { ...nodeOnly, node: "CONFLICT" },
    call: (c, _l, { renderId }) =>
      c.trpc.render.report.mutate({ renderId, events: [{ type: "log", level: "info", message: "x" }] }),
  },
  {
    procedure: "render.release",
    allowed: [],
    refusedAs: { ...nodeOnly, node: "CONFLICT" },
    call: (c, _l, { renderId }) => c.trpc.render.release.mutate({ renderId }),
  },
  {
    procedure: "render.fail",
    allowed: [],
    refusedAs: { ...nodeOnly, node: "CONFLICT" },
    call: (c, _l, { renderId }) =>
      c.trpc.render.fail.mutate({ renderId, error: { code: "x", message: "x" }, retryable: false }),
  },
  // TONE3000: per-user, no resource ids. Neither test user connected TONE3000, so signed-in calls that need it are
  // refused with the reason; anonymous callers and nodes never reach TONE3000.
  {
    procedure: "tone3000.status",
    allowed: ["owner", "other", "anonymous", "node"],
    refusedAs: {},
    call: (c) => c.trpc.tone3000.status.query(),
  },
  {
    procedure: "tone3000.search",
    allowed: [],
    refusedAs: { ...signedIn, owner: "PRECONDITION_FAILED", other: "PRECONDITION_FAILED" },
    call: (c) => c.trpc.tone3000.search.query({ query: "jcm" }),
  },
  {
    procedure: "tone3000.tone",
    allowed: [],
    refusedAs: { ...signedIn, owner: "PRECONDITION_FAILED", other: "PRECONDITION_FAILED" },
    call: (c) => c.trpc.tone3000.tone.query({ toneId: 44269 }),
  },
  {
    procedure: "tone3000.importModel",
    allowed: [],
    refusedAs: { ...signedIn, owner: "PRECONDITION_FAILED", other: "PRECONDITION_FAILED" },
    call: (c) => c.trpc.tone3000.importModel.mutate({ toneId: 44269, modelId: 300101 }),
  },
  {
    procedure: "tone3000.unlink",
    allowed: ["owner", "other"],
    refusedAs: signedIn,
    call: (c) => c.trpc.tone3000.unlink.mutate(),
  },
];

async function downloadOrThrow(client: Client, id: string): Promise<void> {
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

describe("authorization matrix: every procedure × owner, another user, anonymous, the owner's render node", () => {
  for (const testCase of cases) {
    for (const caller of ["owner", "other", "anonymous", "node"] as const) {
      const expected = testCase.allowed.includes(caller) ? "allowed" : testCase.refusedAs[caller];
      it(`${testCase.procedure} as ${caller}: ${expected}${expected === "allowed" ? "" : ", and nothing changes"}`, async () => {
        const lib = await creatorWithLibrary();
        const { id: shootoutId } = await lib.browser.trpc.shootout.create.mutate(twoChainSpec(lib));
        const { id: renderId } = await lib.browser.trpc.render.submit.mutate({ shootoutId });
        const { node, token } = await lib.browser.trpc.node.create.mutate({ name: "owner's node" });
        const other = browserClient();
        await other.trpc.auth.signUp.mutate({
          email: uniqueEmail("other"),
          password: "correct horse battery",
          displayName: "Other",
        });
        const nodeCaller: Client = { trpc: nodeClient(token), fetch: browserClient().fetch };
        const clients: Record<Caller, Client> = {
          owner: lib.browser,
          other,
          anonymous: browserClient(),
          node: nodeCaller,
        };
        const before = await snapshot();
        expect(await outcome(testCase.call(clients[caller], lib, { shootoutId, renderId, nodeId: node.id }))).toBe(
          expected,
        );
        if (expected !== "allowed") expect(await snapshot()).toBe(before);
      });
    }
  }

  it("has a refusal code for every caller a procedure does not allow", () => {
    for (const c of cases) {
      for (const caller of ["owner", "other", "anonymous", "node"] as const) {
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
