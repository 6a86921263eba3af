/** @module `describeBlock`: one chain block as the video draws it (diagram label, intro-card line). */
import type { ChainBlock, NamModelFacts } from "@gts/api/contract";
import type { BlockCard } from "../shootout-props.ts";

const LABEL_CHARS = 40;
const DETAIL_CHARS = 120;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const signedDb = (db: number) => `${db < 0 ? "−" : "+"}${Math.abs(db)} dB`;

/**
 * `fileName` names the asset (capture or IR) offline; `facts` are the capture's `.nam` metadata when it could be read.
 * The licence is not in a `.nam` file, so offline credits name the author (`modeled_by`) only.
 */
export function describeBlock(
  block: ChainBlock,
  asset: { fileName?: string; facts?: NamModelFacts | null } = {},
): BlockCard {
  const card = (label: string, detail: string): BlockCard => ({
    type: block.type,
    label: clip(label, LABEL_CHARS),
    detail: clip(detail, DETAIL_CHARS),
    enabled: block.enabled,
  });
  switch (block.type) {
    case "gain":
      return card(`Gain ${signedDb(block.gainDb)}`, "clean gain stage");
    case "gate":
      return card("Gate", `threshold ${signedDb(block.thresholdDb)}`);
    case "eq":
      return card("EQ", `${block.bands.length} band${block.bands.length === 1 ? "" : "s"}`);
    case "capture": {
      const facts = asset.facts;
      const gear = [facts?.gearMake, facts?.gearModel].filter(Boolean).join(" ");
      const detail = [
        facts?.gearType ?? "capture",
        gear || null,
        facts?.modeledBy ? `modelled by ${facts.modeledBy}` : null,
        facts?.architecture ? `NAM ${facts.architecture}` : null,
      ].filter((part) => part !== null);
      return card(facts?.name ?? stem(asset.fileName) ?? "Capture", detail.join(" · "));
    }
    case "ir":
      return card(
        stem(asset.fileName) ?? "Cab IR",
        `cab IR${block.mix < 1 ? ` · ${Math.round(block.mix * 100)} % wet` : ""}`,
      );
    case "delay":
      return card(
        `Delay ${block.timeMs} ms`,
        `feedback ${Math.round(block.feedback * 100)} % · mix ${Math.round(block.mix * 100)} %`,
      );
    case "reverb":
      return card(`Reverb ${block.decaySeconds} s`, `mix ${Math.round(block.mix * 100)} %`);
  }
}

function stem(fileName: string | undefined): string | undefined {
  return fileName?.replace(/\.[^.]+$/, "");
}
