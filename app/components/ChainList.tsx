import type { Tone3000Credit } from "../lib/api-types";
import { formatDb } from "../lib/format";
import { LicenceWarning } from "./LicenceWarning";
import { Tone3000CreditLine } from "./Tone3000CreditLine";

/** A block as either view shows it: asset blocks carry a name (owner: looked up; shared: with attribution). */
export interface DisplayBlock {
  type: string;
  enabled?: boolean;
  gainDb?: number;
  mix?: number;
  asset?: {
    name: string;
    author?: string | null;
    licence?: string | null;
    sourceUrl?: string | null;
    architecture?: string | null;
    /** Set for a TONE3000 model: credited with creator, licence and a link to the tone. */
    tone3000?: Tone3000Credit | null;
    /** Why its licence limits publishing (the owner's view only). */
    licenceWarning?: string | null;
  };
}

export interface DisplayChain {
  name: string;
  colour: string;
  blocks: DisplayBlock[];
}

const TYPE_LABELS: Record<string, string> = {
  gain: "Gain",
  gate: "Gate",
  eq: "EQ",
  capture: "Amp",
  ir: "Cab IR",
  delay: "Delay",
  reverb: "Reverb",
};

/**
 * The chains in order, each with its blocks and, for captures and IRs, who made them; a TONE3000 model is credited
 * as its terms ask, and a licence warning (when given) is shown beside its chain.
 */
export function ChainList({ chains, activeIndex }: { chains: DisplayChain[]; activeIndex?: number }) {
  return (
    <ol className="chain-list">
      {chains.map((chain, index) => (
        <li
          key={chain.name}
          className={`chain-card${activeIndex === index ? " chain-card-active" : ""}`}
          style={{ borderLeftColor: chain.colour }}
        >
          <h3>
            <span className="chain-key">{index + 1}</span>
            <span className="chain-swatch" style={{ background: chain.colour }} aria-hidden="true" />
            {chain.name}
          </h3>
          <ol className="block-list">
            {chain.blocks.map((block, b) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no id; their order is their identity
              <li key={b} className={block.enabled === false ? "block-disabled" : undefined}>
                <span className="block-type">{TYPE_LABELS[block.type] ?? block.type}</span>{" "}
                {block.asset?.tone3000 ? (
                  <>
                    {block.asset.name}
                    {block.asset.architecture && <span className="muted"> · {block.asset.architecture}</span>}{" "}
                    <Tone3000CreditLine credit={block.asset.tone3000} />
                  </>
                ) : block.asset ? (
                  <>
                    {block.asset.name}
                    {block.asset.author && <span className="muted"> by {block.asset.author}</span>}
                    {block.asset.architecture && <span className="muted"> · {block.asset.architecture}</span>}
                    {block.asset.licence && <span className="muted"> · {block.asset.licence}</span>}
                    {block.asset.sourceUrl && (
                      <>
                        {" "}
                        <a href={block.asset.sourceUrl} rel="noopener noreferrer nofollow">
                          source
                        </a>
                      </>
                    )}
                  </>
                ) : block.gainDb !== undefined ? (
                  formatDb(block.gainDb)
                ) : null}
              </li>
            ))}
          </ol>
          {chain.blocks.map((block, b) =>
            block.asset?.licenceWarning ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no id; their order is their identity
              <LicenceWarning key={b} subject={block.asset.name} warning={block.asset.licenceWarning} />
            ) : null,
          )}
        </li>
      ))}
    </ol>
  );
}
