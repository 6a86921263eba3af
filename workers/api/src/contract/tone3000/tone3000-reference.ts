/**
 * @module A TONE3000 model used by reference: what the library, the render spec, the video and the share page carry
 * to credit it. The model file itself is never stored by us (TONE3000's API terms forbid caching and re-hosting).
 */
import { z } from "zod";

export const tone3000ReferenceSchema = z.object({
  toneId: z.number().int().positive(),
  modelId: z.number().int().positive(),
  toneTitle: z.string().min(1).max(300),
  modelName: z.string().min(1).max(300),
  /** The creator's display name, or username where TONE3000 has no display name. */
  creator: z.string().min(1).max(200),
  /** TONE3000 licence key (`cc-by`, `t3k`, …); null where TONE3000 gave none. */
  licence: z.string().max(40).nullable(),
  /** The tone's page on tone3000.com. */
  toneUrl: z.string().url().max(2000),
});
export type Tone3000Reference = z.infer<typeof tone3000ReferenceSchema>;

/** The branding the terms require wherever TONE3000 content is shown. */
export const POWERED_BY_TONE3000 = "Powered by TONE3000";

const LICENCE_LABELS: Record<string, string> = {
  t3k: "TONE3000 licence",
  "cc-by": "CC BY 4.0",
  "cc-by-sa": "CC BY-SA 4.0",
  "cc-by-nc": "CC BY-NC 4.0",
  "cc-by-nc-sa": "CC BY-NC-SA 4.0",
  "cc-by-nd": "CC BY-ND 4.0",
  "cc-by-nc-nd": "CC BY-NC-ND 4.0",
  cco: "CC0 (public domain)",
};

/** A human label for a licence key; unknown keys are shown as they are. */
export function licenceLabel(licence: string | null): string {
  if (!licence) return "licence not stated";
  return LICENCE_LABELS[licence] ?? licence;
}

/**
 * Why a licence limits a published shootout, or null: NonCommercial forbids monetised videos, NoDerivatives may
 * forbid publishing processed audio at all. Unknown licences are flagged too, so nobody publishes on a guess.
 */
export function licenceWarning(licence: string | null): string | null {
  if (licence === null) return "No licence is stated: ask the creator before publishing commercially.";
  const nonCommercial = /(^|-)nc(-|$)/.test(licence);
  const noDerivatives = /(^|-)nd(-|$)/.test(licence);
  if (nonCommercial && noDerivatives) {
    return `${licenceLabel(licence)}: non-commercial use only, and no derivatives: a monetised video is not allowed.`;
  }
  if (nonCommercial)
    return `${licenceLabel(licence)}: non-commercial use only: do not publish it in a monetised video.`;
  if (noDerivatives)
    return `${licenceLabel(licence)}: no derivatives: check with the creator before publishing renders.`;
  if (!(licence in LICENCE_LABELS)) return `Unknown licence "${licence}": check its terms before publishing.`;
  return null;
}

/** One line of credit, e.g. `JCM800 2203 (JCM800 capture 3) by szymon · CC BY 4.0`. */
export function creditLine(reference: Tone3000Reference): string {
  return `${reference.toneTitle} (${reference.modelName}) by ${reference.creator} · ${licenceLabel(reference.licence)}`;
}
