/** @module How the app sees TONE3000 tones and models: camelCase, the creator's name resolved, counts per architecture. */
import { TONE3000_GEAR_LABELS, type Tone3000Model, type Tone3000Tone } from "../contract/index.ts";

export function presentTone(tone: Tone3000Tone) {
  const creator = tone.user
    ? {
        username: tone.user.username,
        name: tone.user.display_name || tone.user.username,
        avatarUrl: tone.user.avatar_url ?? null,
        url: tone.user.url ?? null,
      }
    : null;
  return {
    id: tone.id,
    title: tone.title,
    description: tone.description ?? "",
    gear: tone.gear ?? null,
    gearLabel: tone.gear ? (TONE3000_GEAR_LABELS[tone.gear] ?? tone.gear) : "Unknown gear",
    format: tone.format ?? null,
    imageUrl: tone.images[0] ?? null,
    creator,
    url: tone.url ?? null,
    makes: tone.makes.map((m) => m.name),
    tags: tone.tags.map((t) => t.name),
    modelCounts: {
      a1: tone.a1_models_count ?? 0,
      a2: tone.a2_models_count ?? 0,
      custom: tone.custom_models_count ?? 0,
      irs: tone.irs_count ?? 0,
    },
    downloads: tone.downloads_count ?? 0,
    favorites: tone.favorites_count ?? 0,
    licence: tone.license ?? null,
    sizes: tone.sizes,
  };
}
export type PresentedTone = ReturnType<typeof presentTone>;

export function presentModel(model: Tone3000Model, importedAssetId: string | null) {
  return {
    id: model.id,
    toneId: model.tone_id,
    name: model.name,
    size: model.size ?? null,
    architecture: model.architecture_version ?? null,
    /** The library asset already made from this model, if any. */
    importedAssetId,
  };
}
