import type { Tone3000Tone } from "../lib/api-types";

/** A tone's first image, or a placeholder with its gear type (the title is always shown beside it). */
export function Tone3000ToneImage({ tone, large = false }: { tone: Tone3000Tone; large?: boolean }) {
  const className = `tone-image${large ? " tone-image-large" : ""}`;
  return tone.imageUrl ? (
    <img className={className} src={tone.imageUrl} alt="" loading="lazy" />
  ) : (
    <div className={`${className} tone-image-placeholder`} aria-hidden="true">
      {tone.gearLabel}
    </div>
  );
}
