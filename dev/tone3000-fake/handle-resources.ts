/**
 * @module The Bearer-authenticated resource endpoints of TONE3000 API v1 (`docs/tone3000-api.md` §5–§10): user,
 * tone search/detail/lists, favourites, the partner-only zip, models and the `model_url` bytes, with the §9 error
 * bodies, the deprecation headers and the per-client rate limit.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  TONE3000_ARCHITECTURES,
  TONE3000_PAGE_SIZE_LIMITS,
} from "../../workers/api/src/contract/tone3000/tone3000-wire.ts";
import type { FakeTone } from "./fake-catalog.ts";
import { type Headers, sendJson } from "./fake-http.ts";
import { ARCHITECTURE_ERROR, parseToneFilters, sortTones, toneMatches } from "./tone-filters.ts";
import {
  inDefaultArchitecture,
  modelsOf,
  modelWire,
  pageOf,
  toneDetail,
  toneSearchItem,
  userWire,
  type WireContext,
} from "./tone-wire-shapes.ts";
import type { Tone3000FakeState } from "./tone3000-fake-state.ts";

const DEPRECATION_LINK = '<https://www.tone3000.com/api>; rel="deprecation"';

function deprecationHeaders(deprecations: string[]): Headers {
  if (deprecations.length === 0) return {};
  return {
    deprecation: "true",
    link: DEPRECATION_LINK,
    "x-tone3000-deprecations": [...new Set(deprecations)].join(","),
  };
}

/** Answers one `/api/v1/…` resource request; false when no route matches (the caller answers 404). */
export async function handleResource(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  state: Tone3000FakeState,
  origin: string,
): Promise<boolean> {
  const path = url.pathname.slice("/api/v1".length);
  const method = req.method ?? "GET";
  const params = url.searchParams;
  const caller = state.bearer(req.headers.authorization);
  if (!caller) {
    sendJson(res, 401, { error: "Missing or invalid Authorization header" });
    return true;
  }
  if (!state.takeRateLimitSlot(caller.clientId)) {
    sendJson(res, 429, { error: "Too many requests" }, { "retry-after": "30" });
    return true;
  }
  const ctx: WireContext = { state, origin, viewerId: caller.userId };
  const { catalog } = state;
  const json = (status: number, body: unknown, headers?: Headers) => {
    sendJson(res, status, body, headers);
    return true;
  };
  const wrongMethod = () => json(405, { error: "Method not allowed" });
  const visible = (tone: FakeTone) => tone.is_public || tone.user_id === caller.userId;
  /** 404 unknown, 403 someone else's private tone, else the tone. */
  const findTone = (id: number): FakeTone | { status: number; error: string } => {
    const tone = catalog.tones.find((t) => t.id === id);
    if (!tone) return { status: 404, error: "Tone not found" };
    return visible(tone) ? tone : { status: 403, error: "Forbidden" };
  };
  const architectureParam = (): string | undefined | Error => {
    const value = params.get("architecture") || undefined;
    if (value !== undefined && !(TONE3000_ARCHITECTURES as readonly string[]).includes(value)) {
      return new Error(ARCHITECTURE_ERROR);
    }
    return value;
  };
  const creatorOf = (tone: FakeTone) => catalog.users.find((u) => u.id === tone.user_id);
  const toneItem = (tone: FakeTone) => toneSearchItem(tone, ctx);

  if (path === "/user") {
    if (method !== "GET") return wrongMethod();
    const me = catalog.users.find((u) => u.id === caller.userId);
    return me ? json(200, userWire(me)) : json(404, { error: "User not found" });
  }

  if (path === "/tones/search") {
    if (method !== "GET") return wrongMethod();
    const parsed = parseToneFilters(params, "search");
    if (!parsed.ok) return json(400, { error: parsed.error });
    const found = catalog.tones.filter(
      (t) => t.is_public && toneMatches(t, modelsOf(state, t.id), creatorOf(t), parsed.filters),
    );
    const sorted = sortTones(found, parsed.sort, parsed.filters.query, (t) => state.favoritesCount(t));
    const limits = { defaultSize: 10, maxSize: TONE3000_PAGE_SIZE_LIMITS.search };
    return json(200, pageOf(sorted, params, limits, toneItem), deprecationHeaders(parsed.deprecations));
  }

  const list = /^\/tones\/(created|favorited|downloaded|trending|latest)$/.exec(path)?.[1];
  if (list) {
    if (method !== "GET") return wrongMethod();
    const parsed = parseToneFilters(params, "list");
    if (!parsed.ok) return json(400, { error: parsed.error });
    const headers = deprecationHeaders(parsed.deprecations);
    const byId = (ids: number[]) => ids.map((id) => catalog.tones.find((t) => t.id === id)).filter((t) => !!t);
    if (list === "trending" || list === "latest") {
      // Only public tones with a downloadable model, an image and a description (§5); ten, no pagination.
      const eligible = catalog.tones.filter(
        (t) => t.is_public && modelsOf(state, t.id).length > 0 && (t.images?.length ?? 0) > 0 && !!t.description,
      );
      const filtered =
        list === "trending"
          ? eligible.filter((t) => toneMatches(t, modelsOf(state, t.id), creatorOf(t), parsed.filters))
          : eligible;
      const sorted = sortTones(filtered, list === "trending" ? "trending" : "newest", undefined, (t) =>
        state.favoritesCount(t),
      );
      return json(200, { data: sorted.slice(0, 10).map(toneItem) }, headers);
    }
    const tones =
      list === "created"
        ? sortTones(
            catalog.tones.filter((t) => t.user_id === caller.userId),
            "newest",
            undefined,
            () => 0,
          )
        : byId(list === "favorited" ? state.favoritedToneIds(caller.userId) : state.downloadedToneIds(caller.userId));
    const matching = tones.filter((t) => toneMatches(t, modelsOf(state, t.id), creatorOf(t), parsed.filters));
    const limits = { defaultSize: 10, maxSize: TONE3000_PAGE_SIZE_LIMITS.lists };
    return json(200, pageOf(matching, params, limits, toneItem), headers);
  }

  const toneRoute = /^\/tones\/(\d+)(\/favorite|\/download)?$/.exec(path);
  if (toneRoute) {
    const found = findTone(Number(toneRoute[1]));
    if (!("title" in found)) return json(found.status, { error: found.error });
    if (toneRoute[2] === "/favorite") {
      if (method === "PUT") return json(200, state.addFavorite(caller.userId, found.id));
      if (method !== "DELETE") return wrongMethod();
      state.removeFavorite(caller.userId, found.id);
      res.writeHead(204).end();
      return true;
    }
    if (method !== "GET") return wrongMethod();
    // The zip download is for approved partners only; this stand-in is nobody's partner.
    if (toneRoute[2] === "/download") return json(403, { error: "Forbidden" });
    const architecture = architectureParam();
    if (architecture instanceof Error) return json(400, { error: architecture.message });
    return json(200, toneDetail(found, ctx, architecture));
  }

  if (path === "/models") {
    if (method !== "GET") return wrongMethod();
    const toneId = params.get("tone_id");
    if (!toneId) return json(400, { error: "tone_id is required" });
    const found = findTone(Number(toneId));
    if (!("title" in found)) return json(found.status, { error: found.error });
    const architecture = architectureParam();
    if (architecture instanceof Error) return json(400, { error: architecture.message });
    const models = modelsOf(state, found.id).filter((m) =>
      architecture === undefined ? inDefaultArchitecture(m) : m.architecture_version === architecture,
    );
    const limits = { defaultSize: 10, maxSize: TONE3000_PAGE_SIZE_LIMITS.models };
    return json(
      200,
      pageOf(models, params, limits, (m) => modelWire(m, origin)),
    );
  }

  const modelRoute = /^\/models\/(\d+)(?:\/download\/([^/]+))?$/.exec(path);
  if (modelRoute) {
    if (method !== "GET") return wrongMethod();
    const model = catalog.models.find((m) => m.id === Number(modelRoute[1]));
    if (!model) return json(404, { error: "Model not found" });
    const tone = findTone(model.tone_id);
    if (!("title" in tone)) return json(tone.status, { error: tone.error });
    if (modelRoute[2] === undefined) return json(200, modelWire(model, origin));
    if (modelRoute[2] !== model.download_name) return json(404, { error: "Model not found" });
    state.recordDownload(caller.userId, tone.id);
    res.writeHead(200, {
      "content-type": model.download_name.endsWith(".wav") ? "audio/wav" : "application/octet-stream",
      "content-length": String(model.bytes.byteLength),
      "content-disposition": `attachment; filename="${model.download_name}"`,
    });
    res.end(model.bytes);
    return true;
  }
  return false;
}
