/**
 * @module The D1 data model: the single source of truth for tables, row types (`$inferSelect`) and, through
 * drizzle-kit, the SQL migrations in `/migrations`. JSON columns are typed with the shared contract, so a row read
 * here has the same shape the api validates and the render node receives.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type {
  Arrangement,
  ArtifactManifest,
  AssetMetadata,
  ChainBlock,
  ProgressEvent,
  RenderSpec,
  Riff,
} from "../contract/index.ts";
import { ASSET_KINDS, DI_CHANNELS, RENDER_STATUSES, VISIBILITIES } from "../contract/index.ts";

/** Milliseconds since the epoch, read back as `Date`; defaulted by SQLite so raw inserts get it too. */
const timestampMs = (name: string) => integer(name, { mode: "timestamp_ms" });
const createdAt = () => timestampMs("created_at").notNull().default(sql`(unixepoch('subsec') * 1000)`);
/**
 * Set by drizzle on every insert and update. No SQL default: SQLite cannot add a column with an expression default to
 * an existing table (migration 0002 adds it with 0 and copies `created_at` into it).
 */
const updatedAt = () =>
  timestampMs("updated_at")
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date());

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  /** Lower-cased; null for accounts that only sign in through TONE3000. */
  email: text("email").unique(),
  displayName: text("display_name").notNull(),
  /** PBKDF2-SHA256 of the password (base64url), its per-user salt and iteration count; null without a password. */
  passwordHash: text("password_hash"),
  passwordSalt: text("password_salt"),
  passwordIterations: integer("password_iterations"),
  /** Second sign-in provider on the same user (TONE3000 OAuth). */
  tone3000UserId: text("tone3000_user_id").unique(),
  createdAt: createdAt(),
});

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the cookie token: a leaked table does not leak usable sessions. */
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestampMs("expires_at").notNull(),
    /** Set when the session was replaced by a rotated one; kept briefly so in-flight requests still pass. */
    rotatedAt: timestampMs("rotated_at"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/**
 * Failed sign-ins, one row each, keyed by what is being throttled (`email:…`, `ip:…`). Old rows are pruned on
 * the next sign-in, so the table stays small.
 */
export const signInFailures = sqliteTable(
  "sign_in_failures",
  {
    key: text("key").notNull(),
    failedAt: timestampMs("failed_at").notNull(),
  },
  (t) => [index("sign_in_failures_key_idx").on(t.key, t.failedAt)],
);

export const assets = sqliteTable(
  "assets",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ASSET_KINDS }).notNull(),
    name: text("name").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sha256: text("sha256").notNull(),
    /** Derived from owner + sha256 (see storage/r2-keys.ts): the same bytes from the same owner are stored once. */
    r2Key: text("r2_key").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    metadata: text("metadata", { mode: "json" }).$type<AssetMetadata>().notNull(),
    source: text("source", { enum: ["upload", "tone3000", "demo"] })
      .notNull()
      .default("upload"),
    /**
     * For `source = "tone3000"`: the model is used by reference and its bytes are never stored (TONE3000's terms
     * forbid caching and re-hosting). `r2Key` is then empty, `sha256` is of the bytes validated at import, and the
     * api fetches the file with the owner's token for each render. `author` is the creator, `sourceUrl` the tone page.
     */
    tone3000ToneId: text("tone3000_tone_id"),
    tone3000ModelId: text("tone3000_model_id"),
    tone3000ToneTitle: text("tone3000_tone_title"),
    tone3000ModelName: text("tone3000_model_name"),
    licence: text("licence"),
    author: text("author"),
    sourceUrl: text("source_url"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Stored bytes are kept once per owner. A TONE3000 reference is its own entry even when the owner also uploaded
    // the same file (its credit and licence must not be lost); it is unique per TONE3000 model instead.
    uniqueIndex("assets_owner_sha256_uq").on(t.ownerId, t.sha256).where(sql`source <> 'tone3000'`),
    uniqueIndex("assets_owner_tone3000_model_uq").on(t.ownerId, t.tone3000ModelId).where(sql`source = 'tone3000'`),
    index("assets_owner_kind_created_idx").on(t.ownerId, t.kind, t.createdAt),
  ],
);

export const shootouts = sqliteTable(
  "shootouts",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    visibility: text("visibility", { enum: VISIBILITIES }).notNull().default("private"),
    arrangement: text("arrangement", { mode: "json" }).$type<Arrangement>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("shootouts_owner_updated_idx").on(t.ownerId, t.updatedAt),
    index("shootouts_visibility_updated_idx").on(t.visibility, t.updatedAt),
  ],
);

export const shootoutDiTracks = sqliteTable(
  "shootout_di_tracks",
  {
    id: text("id").primaryKey(),
    shootoutId: text("shootout_id")
      .notNull()
      .references(() => shootouts.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** Restrict: an asset in use cannot vanish under a shootout (the api names the shootout in its refusal). */
    assetId: text("asset_id")
      .notNull()
      .references(() => assets.id, { onDelete: "restrict" }),
    channel: text("channel", { enum: DI_CHANNELS }).notNull().default("left"),
    riffs: text("riffs", { mode: "json" }).$type<Riff[]>().notNull(),
  },
  (t) => [
    uniqueIndex("di_tracks_shootout_position_uq").on(t.shootoutId, t.position),
    index("di_tracks_asset_idx").on(t.assetId),
  ],
);

export const chains = sqliteTable(
  "chains",
  {
    id: text("id").primaryKey(),
    shootoutId: text("shootout_id")
      .notNull()
      .references(() => shootouts.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    colour: text("colour").notNull(),
    blocks: text("blocks", { mode: "json" }).$type<ChainBlock[]>().notNull(),
  },
  (t) => [uniqueIndex("chains_shootout_position_uq").on(t.shootoutId, t.position)],
);

/**
 * Which assets a shootout's chains refer to. Blocks are JSON, so this table, written with the chains, is what
 * makes "is this asset in use, and by which shootout?" an indexed lookup.
 */
export const chainAssetRefs = sqliteTable(
  "chain_asset_refs",
  {
    chainId: text("chain_id")
      .notNull()
      .references(() => chains.id, { onDelete: "cascade" }),
    assetId: text("asset_id")
      .notNull()
      .references(() => assets.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.chainId, t.assetId] }), index("chain_asset_refs_asset_idx").on(t.assetId)],
);

export const renderNodes = sqliteTable(
  "render_nodes",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** SHA-256 of the bearer token; the token itself is shown once at creation. */
    tokenHash: text("token_hash").notNull().unique(),
    capabilities: text("capabilities", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    lastHeartbeatAt: timestampMs("last_heartbeat_at"),
    revokedAt: timestampMs("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [index("render_nodes_owner_idx").on(t.ownerId)],
);

export const renders = sqliteTable(
  "renders",
  {
    id: text("id").primaryKey(),
    shootoutId: text("shootout_id")
      .notNull()
      .references(() => shootouts.id, { onDelete: "cascade" }),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Every input and setting frozen at request time; the node renders exactly this. */
    spec: text("spec", { mode: "json" }).$type<RenderSpec>().notNull(),
    specHash: text("spec_hash").notNull(),
    status: text("status", { enum: RENDER_STATUSES }).notNull().default("queued"),
    leaseNodeId: text("lease_node_id").references(() => renderNodes.id, { onDelete: "set null" }),
    leaseExpiresAt: timestampMs("lease_expires_at"),
    attempt: integer("attempt").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(3),
    /** 0..1 over the whole render; the last stage event's fraction folded by the api. */
    progress: real("progress").notNull().default(0),
    stage: text("stage"),
    lastSeq: integer("last_seq").notNull().default(-1),
    artifacts: text("artifacts", { mode: "json" }).$type<ArtifactManifest>(),
    error: text("error", { mode: "json" }).$type<{ code: string; message: string }>(),
    queuedAt: createdAt(),
    startedAt: timestampMs("started_at"),
    finishedAt: timestampMs("finished_at"),
    /** Seconds per stage, as reported by the node. */
    timings: text("timings", { mode: "json" }).$type<Record<string, number>>(),
  },
  (t) => [
    // The claim query: the oldest queued render, or a running one whose lease has expired.
    index("renders_status_lease_idx").on(t.status, t.leaseExpiresAt, t.queuedAt),
    index("renders_shootout_queued_idx").on(t.shootoutId, t.queuedAt),
    index("renders_spec_hash_idx").on(t.specHash),
  ],
);

export const renderEvents = sqliteTable(
  "render_events",
  {
    renderId: text("render_id")
      .notNull()
      .references(() => renders.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    payload: text("payload", { mode: "json" }).$type<ProgressEvent>().notNull(),
    createdAt: createdAt(),
  },
  // (render, seq) is the primary key: a reconnecting browser reads `seq > last` in order from this index.
  (t) => [primaryKey({ columns: [t.renderId, t.seq] })],
);

/**
 * A user's TONE3000 connection. Tokens are AES-GCM encrypted with the Worker secret `TONE3000_TOKEN_KEY` and never
 * leave the api. `refreshLockUntil` serialises refreshes: TONE3000 rotates refresh tokens, so two concurrent
 * refreshes with the same token would log the user out; the first takes the lock, the others wait for its result.
 */
export const tone3000Accounts = sqliteTable("tone3000_accounts", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** TONE3000's id of the user is `users.tone3000UserId` (the sign-in identity); this row holds the session. */
  username: text("username").notNull(),
  displayName: text("display_name"),
  avatarUrl: text("avatar_url"),
  /** null once TONE3000 refused the refresh token: the user must sign in with TONE3000 again. */
  accessTokenEnc: text("access_token_enc"),
  refreshTokenEnc: text("refresh_token_enc"),
  accessExpiresAt: timestampMs("access_expires_at"),
  /** Bumped by every stored token pair; a waiter compares it to see that a refresh finished. */
  tokenGeneration: integer("token_generation").notNull().default(0),
  refreshLockUntil: timestampMs("refresh_lock_until"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * One pending OAuth authorization: `state` is the key, the PKCE verifier (encrypted) is checked by TONE3000 at the
 * code exchange. Single use (deleted by the callback) and short-lived.
 */
export const tone3000OAuthStates = sqliteTable(
  "tone3000_oauth_states",
  {
    state: text("state").primaryKey(),
    verifierEnc: text("verifier_enc").notNull(),
    /** `signin` creates or finds the user; `link` and `select` attach to the signed-in user in `userId`. */
    purpose: text("purpose", { enum: ["signin", "link", "select"] }).notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    redirectUri: text("redirect_uri").notNull(),
    returnTo: text("return_to").notNull(),
    expiresAt: timestampMs("expires_at").notNull(),
  },
  (t) => [index("tone3000_oauth_states_expires_idx").on(t.expiresAt)],
);

/** Row types: what a select returns. Named `…Row` so they never shadow the contract's types (e.g. `Chain`). */
export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type AssetRow = typeof assets.$inferSelect;
export type NewAssetRow = typeof assets.$inferInsert;
export type ShootoutRow = typeof shootouts.$inferSelect;
export type ShootoutDiTrackRow = typeof shootoutDiTracks.$inferSelect;
export type ChainRow = typeof chains.$inferSelect;
export type RenderNodeRow = typeof renderNodes.$inferSelect;
export type RenderRow = typeof renders.$inferSelect;
export type RenderEventRow = typeof renderEvents.$inferSelect;
export type Tone3000AccountRow = typeof tone3000Accounts.$inferSelect;
