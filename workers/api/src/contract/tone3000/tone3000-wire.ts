/**
 * @module TONE3000 public API v1 response shapes, as they arrive on the wire (snake_case), per
 * `docs/tone3000-api.md` §5–§9. Parsing is lenient where the docs say the live API is: every field but the ids is
 * optional, arrays may be explicit `null`, and unknown enum values pass as plain strings (the catalogue grows).
 * The api's client parses every response with these, and the contract tests check the local stand-in against them.
 */
import { z } from "zod";

/** Accepts a missing or null array as empty: `images`, `links`, `sizes`, `makes`, `tags` have all been seen null. */
const lenientArray = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((value) => value ?? []);

const optionalText = z.string().nullish();
const count = z.number().int().nonnegative().nullish();

export const TONE3000_GEARS = ["amp", "amp-cab", "pedal", "outboard", "cab", "space", "experimental"] as const;
export const TONE3000_FORMATS = ["nam", "ir", "aida-x", "aa-snapshot", "proteus"] as const;
export const TONE3000_SIZES = ["standard", "lite", "feather", "nano", "custom"] as const;
export const TONE3000_ARCHITECTURES = ["1", "2", "custom"] as const;
export const TONE3000_SORTS = ["best-match", "trending", "newest", "oldest", "downloads-all-time"] as const;
/** Licences a tone may carry; three forbid commercial use, two forbid derivatives (a processed render is one). */
export const TONE3000_LICENCES = [
  "t3k",
  "cc-by",
  "cc-by-sa",
  "cc-by-nc",
  "cc-by-nc-sa",
  "cc-by-nd",
  "cc-by-nc-nd",
  "cco",
] as const;

/** Labels from the official client's `labels.ts`. */
export const TONE3000_GEAR_LABELS: Record<string, string> = {
  amp: "Amp Head",
  "amp-cab": "Amp + Cab",
  pedal: "Pedal",
  outboard: "Outboard",
  cab: "Cabinet",
  space: "Spaces",
  experimental: "Experimental",
};

export const tone3000EmbeddedUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  avatar_url: optionalText,
  url: optionalText,
  /** Set only for verified creators; fall back to `username`. */
  display_name: optionalText,
  is_verified: z.boolean().nullish(),
});
export type Tone3000EmbeddedUser = z.infer<typeof tone3000EmbeddedUserSchema>;

export const tone3000UserSchema = tone3000EmbeddedUserSchema.extend({
  bio: optionalText,
  links: lenientArray(z.string()),
  created_at: optionalText,
  updated_at: optionalText,
});
export type Tone3000User = z.infer<typeof tone3000UserSchema>;

const namedSchema = z.object({ id: z.number().int().nullish(), name: z.string() });

/** A tone as search and list endpoints return it; the detail endpoint adds the optional fields at the end. */
export const tone3000ToneSchema = z.object({
  id: z.number().int().positive(),
  user_id: optionalText,
  user: tone3000EmbeddedUserSchema.nullish(),
  title: z.string(),
  description: optionalText,
  gear: z.string().nullish(),
  format: z.string().nullish(),
  images: lenientArray(z.string()),
  makes: lenientArray(namedSchema),
  tags: lenientArray(namedSchema),
  url: optionalText,
  created_at: optionalText,
  updated_at: optionalText,
  /** Two meanings (all architectures in search, A1 only in detail): use the per-architecture counters instead. */
  models_count: count,
  a1_models_count: count,
  a2_models_count: count,
  custom_models_count: count,
  irs_count: count,
  downloads_count: count,
  favorites_count: count,
  // Detail only:
  license: z.string().nullish(),
  sizes: lenientArray(z.string()),
  links: lenientArray(z.string()),
  is_public: z.boolean().nullish(),
  is_favorite: z.boolean().nullish(),
});
export type Tone3000Tone = z.infer<typeof tone3000ToneSchema>;

export const tone3000ModelSchema = z.object({
  id: z.number().int().positive(),
  tone_id: z.number().int().positive(),
  user_id: optionalText,
  name: z.string(),
  model_url: z.string().url(),
  size: z.string().nullish(),
  /** null for IRs. */
  architecture_version: z.string().nullish(),
  created_at: optionalText,
  updated_at: optionalText,
});
export type Tone3000Model = z.infer<typeof tone3000ModelSchema>;

/** The pagination envelope: 1-based pages, `total_pages` 0 for an empty result; `page_size` may be clamped. */
export function tone3000PageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    page: z.number().int().nonnegative(),
    page_size: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    total_pages: z.number().int().nonnegative(),
  });
}
export const tone3000TonePageSchema = tone3000PageSchema(tone3000ToneSchema);
export type Tone3000TonePage = z.infer<typeof tone3000TonePageSchema>;
export const tone3000ModelPageSchema = tone3000PageSchema(tone3000ModelSchema);
export type Tone3000ModelPage = z.infer<typeof tone3000ModelPageSchema>;

/** `/tones/trending` and `/tones/latest`: ten tones, no pagination keys. */
export const tone3000ToneListSchema = z.object({ data: z.array(tone3000ToneSchema) });

export const tone3000TokensSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === "bearer", "token_type must be bearer"),
  /** The only authoritative lifetime. */
  expires_in: z.number().positive(),
  scope: z.string().nullish(),
});
export type Tone3000Tokens = z.infer<typeof tone3000TokensSchema>;

/** OAuth errors (`invalid_grant`, `invalid_client`, …) and the GoTrue variant the token endpoint can also emit. */
export const tone3000OAuthErrorSchema = z.union([
  z.object({ error: z.string(), error_description: z.string().nullish() }),
  z.object({ code: z.number().optional(), error_code: z.string(), msg: z.string().nullish() }),
]);

/** Resource-call errors: `{"error": "..."}`. */
export const tone3000ErrorSchema = z.object({ error: z.string() });

/** Page sizes the endpoints accept at most (larger values are clamped by the server). */
export const TONE3000_PAGE_SIZE_LIMITS = { search: 25, models: 300, lists: 100, users: 10 } as const;
