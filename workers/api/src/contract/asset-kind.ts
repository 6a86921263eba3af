/** @module The kinds of asset a user uploads or imports: DI audio, NAM captures and cabinet IRs. */
import type { z } from "zod";
import { enumOf } from "./units.ts";

/** `di` and `ir` are audio files; `capture` is a `.nam` model (later AIDA-X / Proteus). */
export const ASSET_KINDS = ["di", "capture", "ir"] as const;

export const assetKindSchema = enumOf("kind", ASSET_KINDS);
export type AssetKind = z.infer<typeof assetKindSchema>;
