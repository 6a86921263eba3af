/**
 * @module The TONE3000 resource endpoints we use (docs/tone3000-api.md §5), one function each, with the access token
 * passed in (see tone3000-session.ts for where it comes from).
 */
import {
  TONE3000_PAGE_SIZE_LIMITS,
  type Tone3000Model,
  type Tone3000Tone,
  type Tone3000TonePage,
  type Tone3000User,
  tone3000ModelPageSchema,
  tone3000ModelSchema,
  tone3000TonePageSchema,
  tone3000ToneSchema,
  tone3000UserSchema,
} from "../contract/index.ts";
import type { Tone3000Config } from "./tone3000-config.ts";
import { tone3000Fetch, tone3000Json } from "./tone3000-http.ts";

export interface Tone3000Search {
  query?: string;
  gears?: string[];
  format?: string;
  architecture?: string;
  sizes?: string[];
  sort?: string;
  page: number;
  pageSize: number;
}

export function getTone3000User(config: Tone3000Config, accessToken: string): Promise<Tone3000User> {
  return tone3000Json(config, "/user", tone3000UserSchema, { accessToken });
}

export function searchTone3000Tones(
  config: Tone3000Config,
  accessToken: string,
  search: Tone3000Search,
): Promise<Tone3000TonePage> {
  const params = new URLSearchParams({ page: String(search.page), page_size: String(search.pageSize) });
  if (search.query) params.set("query", search.query);
  // Lists are underscore-joined (`amp_pedal`); `format` is single; the deprecated `gear`/`platform` are never sent.
  if (search.gears?.length) params.set("gears", search.gears.join("_"));
  if (search.format) params.set("format", search.format);
  if (search.architecture) params.set("architecture", search.architecture);
  if (search.sizes?.length) params.set("sizes", search.sizes.join("_"));
  if (search.sort) params.set("sort", search.sort);
  return tone3000Json(config, `/tones/search?${params}`, tone3000TonePageSchema, { accessToken });
}

export function getTone3000Tone(config: Tone3000Config, accessToken: string, toneId: number): Promise<Tone3000Tone> {
  return tone3000Json(config, `/tones/${toneId}`, tone3000ToneSchema, { accessToken });
}

/**
 * Every model of a tone. There is no "all architectures" value: for NAM tones `/models` is asked once per
 * architecture that has models (per the tone's counters), for IR tones once without one.
 */
export async function listTone3000Models(
  config: Tone3000Config,
  accessToken: string,
  tone: Tone3000Tone,
): Promise<Tone3000Model[]> {
  const architectures =
    tone.format === "nam"
      ? (
          [
            ["1", tone.a1_models_count],
            ["2", tone.a2_models_count],
            ["custom", tone.custom_models_count],
          ] as const
        )
          .filter(([, count]) => (count ?? 0) > 0)
          .map(([architecture]) => architecture)
      : [undefined];
  const pages = await Promise.all(
    architectures.map((architecture) => {
      const params = new URLSearchParams({
        tone_id: String(tone.id),
        page_size: String(TONE3000_PAGE_SIZE_LIMITS.models),
      });
      if (architecture) params.set("architecture", architecture);
      return tone3000Json(config, `/models?${params}`, tone3000ModelPageSchema, { accessToken });
    }),
  );
  return pages.flatMap((page) => page.data);
}

export function getTone3000Model(config: Tone3000Config, accessToken: string, modelId: number): Promise<Tone3000Model> {
  return tone3000Json(config, `/models/${modelId}`, tone3000ModelSchema, { accessToken });
}

/** The model file, streamed (the `model_url` needs the same Bearer token; only TONE3000's origin is accepted). */
export function fetchTone3000ModelFile(
  config: Tone3000Config,
  accessToken: string,
  model: Tone3000Model,
): Promise<Response> {
  return tone3000Fetch(config, model.model_url, { accessToken });
}
