import { Link } from "react-router";
import type { Tone3000Tone } from "../lib/api-types";
import { formatLabel } from "../lib/tone3000-search";
import { Tone3000Creator } from "./Tone3000Creator";
import { Tone3000ToneImage } from "./Tone3000ToneImage";

/** How many models a tone has, per architecture (NAM) or as IRs. */
export function modelCountText(counts: Tone3000Tone["modelCounts"]): string {
  const parts = [
    counts.a1 ? `${counts.a1} A1` : null,
    counts.a2 ? `${counts.a2} A2` : null,
    counts.custom ? `${counts.custom} custom` : null,
  ].filter(Boolean);
  const models = counts.a1 + counts.a2 + counts.custom;
  const texts = [
    models ? `${models} ${models === 1 ? "model" : "models"} (${parts.join(", ")})` : null,
    counts.irs ? `${counts.irs} ${counts.irs === 1 ? "IR" : "IRs"}` : null,
  ].filter(Boolean);
  return texts.length ? texts.join(" · ") : "No models listed";
}

/** One search result: image, title (links to the detail), gear type, format, creator and model counts. */
export function Tone3000ToneCard({ tone, href }: { tone: Tone3000Tone; href: string }) {
  return (
    <li className="tone-card" data-testid="tone3000-result" data-tone-id={tone.id}>
      <Tone3000ToneImage tone={tone} />
      <div className="tone-card-body">
        <h3 className="tone-card-title">
          <Link to={href} data-testid="tone3000-result-link">
            {tone.title}
          </Link>
        </h3>
        <p className="tone-meta">
          <span>{tone.gearLabel}</span> · <span>{formatLabel(tone.format)}</span>
        </p>
        <Tone3000Creator creator={tone.creator} />
        <p className="hint">{modelCountText(tone.modelCounts)}</p>
      </div>
    </li>
  );
}
