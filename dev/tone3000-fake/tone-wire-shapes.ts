/**
 * @module The stand-in's catalogue records as the TONE3000 API puts them on the wire (`docs/tone3000-api.md` §7,
 * §13): search/list items without the detail-only fields, detail objects with them, models with a `model_url` on
 * the fake's own origin (so the bytes are fetchable offline), and the §6 pagination envelope.
 */
import type { FakeModel, FakeTone, FakeUser } from "./fake-catalog.ts";
import type { Tone3000FakeState } from "./tone3000-fake-state.ts";

const SITE = "https://www.tone3000.com";

/** `JCM800 2203` #44269 → `https://www.tone3000.com/jcm800-2203-44269` (§13; live data has `//`, §1). */
export function toneUrl(tone: FakeTone): string {
  const slug = tone.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `${SITE}/${slug}-${tone.id}`;
}

export function userWire(user: FakeUser) {
  return {
    id: user.id,
    username: user.username,
    display_name: user.display_name,
    is_verified: user.is_verified,
    avatar_url: user.avatar_url,
    bio: user.bio,
    links: user.links,
    created_at: user.created_at,
    updated_at: user.updated_at,
    url: `${SITE}/${user.username}`,
  };
}

/** As embedded in tones; `display_name`/`is_verified` only for verified creators (newer fields, §7). */
function embeddedUser(user: FakeUser | undefined, userId: string) {
  if (!user) return { id: userId, username: "unknown", avatar_url: null, url: `${SITE}/unknown` };
  const base = { id: user.id, username: user.username, avatar_url: user.avatar_url, url: `${SITE}/${user.username}` };
  return user.is_verified ? { ...base, display_name: user.display_name, is_verified: true } : base;
}

export interface WireContext {
  state: Tone3000FakeState;
  /** Origin the request came in on: `model_url`s and images point back at it. */
  origin: string;
  viewerId: string;
}

export function modelsOf(state: Tone3000FakeState, toneId: number): FakeModel[] {
  return state.catalog.models.filter((m) => m.tone_id === toneId);
}

/** `/models` without `architecture` and the detail `models_count`: A1 models, and IRs (which have none). */
export function inDefaultArchitecture(model: FakeModel): boolean {
  return model.architecture_version === "1" || model.architecture_version === null;
}

/** Search and list items: no licence, sizes, links, is_public, is_favorite; makes/tags without ids. */
export function toneSearchItem(tone: FakeTone, ctx: WireContext) {
  const models = modelsOf(ctx.state, tone.id);
  const count = (arch: string | null) => models.filter((m) => m.architecture_version === arch).length;
  const names = (items: { name: string }[] | null) => items?.map(({ name }) => ({ name })) ?? null;
  return {
    id: tone.id,
    title: tone.title,
    description: tone.description,
    tags: names(tone.tags),
    makes: names(tone.makes),
    gear: tone.gear,
    format: tone.format,
    // All architectures here; the detail object counts A1 only (rs measured 223 vs 112 on tone 6298).
    models_count: models.length,
    a1_models_count: count("1"),
    a2_models_count: count("2"),
    irs_count: tone.format === "ir" ? models.length : 0,
    custom_models_count: count("custom"),
    favorites_count: ctx.state.favoritesCount(tone),
    downloads_count: tone.downloads_count,
    created_at: tone.created_at,
    updated_at: tone.updated_at,
    images: tone.images?.map((path) => `${ctx.origin}${path}`) ?? null,
    user_id: tone.user_id,
    user: embeddedUser(
      ctx.state.catalog.users.find((u) => u.id === tone.user_id),
      tone.user_id,
    ),
    url: toneUrl(tone),
  };
}

/** `GET /tones/{id}`: the search fields plus the detail-only ones; `models_count` scoped to one architecture. */
export function toneDetail(tone: FakeTone, ctx: WireContext, architecture: string | undefined) {
  const models = modelsOf(ctx.state, tone.id);
  const scoped = models.filter((m) =>
    architecture === undefined ? inDefaultArchitecture(m) : m.architecture_version === architecture,
  );
  const sizes = [...new Set(models.map((m) => m.size).filter((s): s is string => s !== null))];
  return {
    ...toneSearchItem(tone, ctx),
    makes: tone.makes,
    tags: tone.tags,
    models_count: scoped.length,
    license: tone.license,
    sizes: tone.format === "ir" ? null : sizes,
    links: tone.links,
    is_public: tone.is_public,
    is_favorite: ctx.state.favorite(ctx.viewerId, tone.id) !== undefined,
  };
}

export function modelWire(model: FakeModel, origin: string) {
  return {
    id: model.id,
    tone_id: model.tone_id,
    user_id: model.user_id,
    name: model.name,
    model_url: `${origin}/api/v1/models/${model.id}/download/${model.download_name}`,
    size: model.size,
    architecture_version: model.architecture_version,
    created_at: model.created_at,
    updated_at: model.updated_at,
  };
}

/** §6: 1-based pages; an empty result has total 0 and total_pages 0; page_size is clamped and echoed back. */
export function pageOf<T, W>(
  items: T[],
  params: URLSearchParams,
  limits: { defaultSize: number; maxSize: number },
  toWire: (item: T) => W,
) {
  const page = Math.max(1, Math.trunc(Number(params.get("page"))) || 1);
  const requested = Math.trunc(Number(params.get("page_size"))) || limits.defaultSize;
  const pageSize = Math.min(limits.maxSize, Math.max(1, requested));
  const slice = items.slice((page - 1) * pageSize, page * pageSize);
  return {
    data: slice.map(toWire),
    page,
    page_size: pageSize,
    total: items.length,
    total_pages: Math.ceil(items.length / pageSize),
  };
}
