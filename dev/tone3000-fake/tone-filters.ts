/**
 * @module Tone filters as `/tones/search`, the Select page (`prompt=select_tone`) and the user lists read them from
 * a query string (`docs/tone3000-api.md` §3.1, §5, §8, §9), including the deprecated forms, which still work but
 * are reported so the server can add the deprecation headers.
 */
import {
  TONE3000_ARCHITECTURES,
  TONE3000_GEARS,
  TONE3000_SORTS,
} from "../../workers/api/src/contract/tone3000/tone3000-wire.ts";
import type { FakeArchitecture, FakeModel, FakeTone, FakeUser } from "./fake-catalog.ts";

export interface ToneFilters {
  /** Search: title, description, makes and tags; lists: title only. Case-insensitive substring. */
  query?: string;
  queryTitleOnly?: boolean;
  gears?: string[];
  format?: string;
  sizes?: string[];
  /** Undefined applies the legacy default where `applyDefaultArchitecture` is set: A1 + custom, A2-only hidden. */
  architecture?: FakeArchitecture;
  applyDefaultArchitecture?: boolean;
  tags?: string[];
  makes?: string[];
  creators?: string[];
  calibrated?: boolean;
  verified?: boolean;
}

export type ParsedToneFilters =
  | { ok: true; filters: ToneFilters; sort: string | undefined; deprecations: string[] }
  | { ok: false; error: string };

const GEAR_ERROR = `gear must be one of: ${TONE3000_GEARS.join(", ")}`;
export const ARCHITECTURE_ERROR = "architecture must be '1', '2', or 'custom' when provided";

/**
 * `search` and `select` take `gears` (underscore list) and `architecture`; `list` (created/favorited/downloaded/
 * trending) takes a single `gear` and matches `query` against titles only.
 */
export function parseToneFilters(params: URLSearchParams, mode: "search" | "select" | "list"): ParsedToneFilters {
  const deprecations: string[] = [];
  const filters: ToneFilters = {};
  const text = (name: string) => {
    const value = params.get(name);
    return value === null || value === "" ? undefined : value;
  };

  filters.format = text("format");
  const platform = text("platform");
  if (platform !== undefined) {
    deprecations.push("legacy_platform_key");
    filters.format ??= platform;
  }

  let gearList: string[] = [];
  if (mode === "list") {
    const gear = text("gear");
    if (gear !== undefined) gearList = [gear];
  } else {
    let gears = text("gears");
    const legacyGear = mode === "search" ? text("gear") : undefined;
    if (legacyGear !== undefined) {
      deprecations.push("legacy_gear_key");
      gears ??= legacyGear;
    }
    gearList = gears?.split("_").filter(Boolean) ?? [];
  }
  const gears: string[] = [];
  for (const gear of gearList) {
    if (gear === "ir") {
      // Stripped and turned into format=ir unless a format was given (§5); trending documents `ir` as accepted.
      if (mode !== "list") deprecations.push("legacy_ir_gear_value");
      filters.format ??= "ir";
    } else if (gear === "full-rig") {
      deprecations.push("legacy_full_rig_gear_value");
      gears.push("amp-cab");
    } else if ((TONE3000_GEARS as readonly string[]).includes(gear)) {
      gears.push(gear);
    } else {
      return { ok: false, error: GEAR_ERROR };
    }
  }
  if (gears.length > 0) filters.gears = gears;

  filters.query = text("query");
  filters.queryTitleOnly = mode === "list";
  if (mode !== "list") {
    const architecture = text("architecture");
    if (architecture !== undefined) {
      if (!(TONE3000_ARCHITECTURES as readonly string[]).includes(architecture)) {
        return { ok: false, error: ARCHITECTURE_ERROR };
      }
      filters.architecture = architecture as FakeArchitecture;
    }
    filters.applyDefaultArchitecture = true;
    filters.calibrated = text("calibrated") === "true";
  }
  let sort: string | undefined;
  if (mode === "search") {
    // The Afrikaans docs transcription writes sizes with `-`, the clients with `_`: accept both (§12).
    filters.sizes = text("sizes")?.split(/[_-]/).filter(Boolean);
    filters.tags = text("tags")?.split("_").filter(Boolean);
    filters.makes = text("makes")?.split("_").filter(Boolean);
    filters.creators = text("creators")?.split(",").filter(Boolean);
    filters.verified = text("verified") === "true";
    sort = text("sort");
    if (sort !== undefined && !(TONE3000_SORTS as readonly string[]).includes(sort)) {
      return { ok: false, error: `sort must be one of: ${TONE3000_SORTS.join(", ")}` };
    }
  }
  return { ok: true, filters, sort, deprecations };
}

const lower = (s: string) => s.toLowerCase();
const anyNamed = (items: { name: string }[] | null, wanted: string[]) =>
  (items ?? []).some((item) => wanted.some((w) => lower(w) === lower(item.name)));

export function toneMatches(tone: FakeTone, models: FakeModel[], creator: FakeUser | undefined, f: ToneFilters) {
  if (f.format !== undefined && tone.format !== f.format) return false;
  if (f.gears && !f.gears.includes(tone.gear)) return false;
  if (f.sizes && !models.some((m) => m.size !== null && f.sizes?.includes(m.size))) return false;
  // Architecture scopes NAM models; a tone whose models have none (IRs) passes any architecture filter, so an IR
  // picker that always sends `architecture` (as §14 advises) still finds cabs.
  const archModels = models.filter((m) => m.architecture_version !== null);
  if (archModels.length > 0) {
    if (f.architecture !== undefined) {
      if (!archModels.some((m) => m.architecture_version === f.architecture)) return false;
    } else if (f.applyDefaultArchitecture && archModels.every((m) => m.architecture_version === "2")) {
      return false;
    }
  }
  if (f.calibrated && !models.some((m) => m.calibrated)) return false;
  if (f.verified && !creator?.is_verified) return false;
  if (f.creators && !f.creators.some((c) => lower(c) === lower(creator?.username ?? ""))) return false;
  if (f.tags && !anyNamed(tone.tags, f.tags)) return false;
  if (f.makes && !anyNamed(tone.makes, f.makes)) return false;
  if (f.query !== undefined) {
    const q = lower(f.query);
    const haystack = f.queryTitleOnly
      ? [tone.title]
      : [
          tone.title,
          tone.description ?? "",
          ...(tone.makes ?? []).map((x) => x.name),
          ...(tone.tags ?? []).map((x) => x.name),
        ];
    if (!haystack.some((h) => lower(h).includes(q))) return false;
  }
  return true;
}

/** `trending` (default without a query): favourites, then downloads; `best-match` puts title hits first. */
export function sortTones(
  tones: FakeTone[],
  sort: string | undefined,
  query: string | undefined,
  favorites: (t: FakeTone) => number,
) {
  const trending = (a: FakeTone, b: FakeTone) =>
    favorites(b) - favorites(a) || b.downloads_count - a.downloads_count || a.id - b.id;
  const by = sort ?? (query ? "best-match" : "trending");
  const sorted = [...tones];
  if (by === "newest") sorted.sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
  else if (by === "oldest") sorted.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
  else if (by === "downloads-all-time") sorted.sort((a, b) => b.downloads_count - a.downloads_count || a.id - b.id);
  else if (by === "best-match" && query) {
    const inTitle = (t: FakeTone) => (lower(t.title).includes(lower(query)) ? 0 : 1);
    sorted.sort((a, b) => inTitle(a) - inTitle(b) || trending(a, b));
  } else sorted.sort(trending);
  return sorted;
}
