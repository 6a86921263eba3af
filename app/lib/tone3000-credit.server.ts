/**
 * @module The credit of a TONE3000 model as the pages show it, with the licence key turned into its label by the
 * contract's helper (on the server: the contract carries zod, which the browser bundle does without).
 */
import { licenceLabel, type Tone3000Reference } from "@gts/api/contract";
import type { Tone3000Credit } from "./api-types";

export function tone3000Credit(reference: Tone3000Reference | null | undefined): Tone3000Credit | null {
  if (!reference) return null;
  return {
    toneTitle: reference.toneTitle,
    modelName: reference.modelName,
    creator: reference.creator,
    licenceLabel: licenceLabel(reference.licence),
    toneUrl: reference.toneUrl,
  };
}
