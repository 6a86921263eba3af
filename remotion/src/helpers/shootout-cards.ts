/**
 * @module `shootoutCards`: what the videos show of a shootout's spec (title, DI cards, chain cards, credits), shared by
 * the render node (buildShootoutProps, from a render spec) and the app's live preview (from the saved shootout), so
 * both draw the same labels. A block using a TONE3000 model (render specs say so on capture and IR blocks; the app
 * reads it from the library) carries its reference into the props: the intro card names the creator and licence, the
 * end card credits each model (see tone3000-credits.ts).
 */
import type { Chain, ChainBlock, NamModelFacts, ShootoutSpec, Tone3000Reference } from "@gts/api/contract";
import type { ChainCard, DiCard } from "../shootout-props.ts";
import { describeBlock } from "./describe-block.ts";

/** A chain block; in a render spec, capture and IR blocks name the TONE3000 model they use, if any. */
export type CreditedChainBlock = ChainBlock & { tone3000?: Tone3000Reference | undefined };

/** A shootout spec, or a render spec's view of one: its blocks may carry TONE3000 references. */
export type VideoShootoutSpec = Omit<ShootoutSpec, "chains"> & {
  chains: readonly (Omit<Chain, "blocks"> & { blocks: readonly CreditedChainBlock[] })[];
};

/** What the cards need to know of the assets a spec names. */
export interface CardAssets {
  /** The asset's file name (e.g. "jcm800.nam"); undefined where unknown (blocks then say "Capture", "Cab IR"). */
  fileName: (assetId: string) => string | undefined;
  /** The capture's `.nam` facts, null where they are unknown. */
  captureFacts: (assetId: string) => NamModelFacts | null;
}

/** The end card's last line, after the assets' credits. */
export const RENDERED_WITH_CREDIT = "Loudness-matched and rendered with Guitar Tone Shootout";

/** Most credit lines the props take (see shootoutPropsSchema). */
const MAX_CREDITS = 24;

export interface ShootoutCards {
  title: string;
  dis: DiCard[];
  chains: ChainCard[];
  credits: string[];
}

export function shootoutCards(spec: VideoShootoutSpec, assets: CardAssets): ShootoutCards {
  const credits = new Set<string>();
  const chains = spec.chains.map((chain) => ({
    name: chain.name,
    colour: chain.colour,
    blocks: chain.blocks.map((block) => {
      // A TONE3000 model is credited from its reference (creditLine, on the end card) instead of a line here.
      const tone3000 = block.type === "capture" || block.type === "ir" ? block.tone3000 : undefined;
      if (block.type === "capture") {
        const facts = assets.captureFacts(block.assetId);
        const card = describeBlock(block, { fileName: assets.fileName(block.assetId), facts });
        if (tone3000 !== undefined) return { ...card, tone3000 };
        credits.add(`Capture “${card.label}”${facts?.modeledBy ? ` by ${facts.modeledBy}` : ""}`);
        return card;
      }
      if (block.type === "ir") {
        const card = describeBlock(block, { fileName: assets.fileName(block.assetId) });
        if (tone3000 !== undefined) return { ...card, tone3000 };
        credits.add(`Cab IR “${card.label}”`);
        return card;
      }
      return describeBlock(block);
    }),
  }));
  credits.add(RENDERED_WITH_CREDIT);
  return {
    title: spec.title,
    dis: spec.diTracks.map((track, index) => ({
      name: (assets.fileName(track.assetId) ?? "").replace(/\.[^.]+$/, "") || `DI ${index + 1}`,
      notes: index === 0 ? (spec.description.split("\n")[0]?.slice(0, 160) ?? "") : "",
    })),
    chains,
    credits: [...credits].slice(0, MAX_CREDITS),
  };
}
