/**
 * @module What the videos show for TONE3000 models (TONE3000's terms: credit each model and show "Powered by
 * TONE3000" wherever its content appears): the by-line under a block on the intro card, and the end card's credits.
 */
import { creditLine, licenceLabel, POWERED_BY_TONE3000, type Tone3000Reference } from "@gts/api/contract";

/** Chains as the props carry them (parsed or not): only the blocks' TONE3000 references matter here. */
type ChainsWithReferences = readonly { blocks: readonly { tone3000?: Tone3000Reference | undefined }[] }[];

/** Where the end card sends viewers, shown with {@link POWERED_BY_TONE3000}. */
export const TONE3000_SITE = "tone3000.com";

/** The intro card's line under a block that uses a TONE3000 model, e.g. `by szymon · CC BY 4.0`. */
export function tone3000ByLine(reference: Pick<Tone3000Reference, "creator" | "licence">): string {
  return `by ${reference.creator} · ${licenceLabel(reference.licence)}`;
}

/** The distinct TONE3000 models of the chains (one per model id), in order of first use. */
export function tone3000Models(chains: ChainsWithReferences): Tone3000Reference[] {
  const models = new Map<number, Tone3000Reference>();
  for (const chain of chains) {
    for (const block of chain.blocks) {
      if (block.tone3000 !== undefined && !models.has(block.tone3000.modelId)) {
        models.set(block.tone3000.modelId, block.tone3000);
      }
    }
  }
  return [...models.values()];
}

/** The end card's TONE3000 credits: one line per distinct model, then the branding; empty when no model is used. */
export function tone3000Credits(chains: ChainsWithReferences): {
  lines: string[];
  branding: { poweredBy: string; site: string } | null;
} {
  const lines = tone3000Models(chains).map(creditLine);
  return { lines, branding: lines.length > 0 ? { poweredBy: POWERED_BY_TONE3000, site: TONE3000_SITE } : null };
}
