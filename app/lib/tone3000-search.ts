/**
 * @module The "Browse TONE3000" search as the page's URL carries it (`?q=&gear=&format=&architecture=&size=&page=`),
 * so a search is a link. Only the formats a shootout can use are offered: NAM captures and IRs.
 */

export const TONE3000_BROWSE_PATH = "/library/tone3000";

export type Tone3000FormatChoice = "nam" | "ir";
export type Tone3000ArchitectureChoice = "1" | "2" | "custom";

export interface Tone3000Search {
  query: string;
  /** A TONE3000 gear key (`amp`, `pedal`, …), or "" for any. */
  gear: string;
  format: Tone3000FormatChoice;
  /** NAM only; A2 unless chosen otherwise (TONE3000 hides A2-only tones when none is sent). */
  architecture: Tone3000ArchitectureChoice;
  /** A TONE3000 size key (`standard`, `lite`, …), or "" for any. NAM only. */
  size: string;
  page: number;
}

export const FORMAT_CHOICES: { value: Tone3000FormatChoice; label: string }[] = [
  { value: "nam", label: "NAM capture" },
  { value: "ir", label: "Cab IR" },
];

export const ARCHITECTURE_CHOICES: { value: Tone3000ArchitectureChoice; label: string }[] = [
  { value: "2", label: "A2" },
  { value: "1", label: "A1" },
  { value: "custom", label: "Custom" },
];

/** A format key as a short label (`NAM`, `IR`, or the key itself for formats we do not render). */
export function formatLabel(format: string | null): string {
  if (format === "nam") return "NAM";
  if (format === "ir") return "IR";
  return format ?? "unknown format";
}

/** A model's architecture (`1`, `2`, `custom`, null for IRs) as a label. */
export function architectureLabel(architecture: string | null): string | null {
  if (architecture === "1" || architecture === "2") return `A${architecture}`;
  if (architecture === "custom") return "Custom architecture";
  return architecture;
}

/** Reads the search from URL parameters; values outside `allowed` fall back to the defaults. */
export function readTone3000Search(
  params: URLSearchParams,
  allowed: { gears: readonly string[]; sizes: readonly string[] },
): Tone3000Search {
  const pick = <T extends string>(value: string | null, choices: readonly T[], fallback: T): T =>
    choices.find((choice) => choice === value) ?? fallback;
  const page = Number(params.get("page"));
  return {
    query: (params.get("q") ?? "").trim().slice(0, 200),
    gear: pick(params.get("gear"), allowed.gears, ""),
    format: pick(params.get("format"), ["nam", "ir"], "nam"),
    architecture: pick(params.get("architecture"), ["1", "2", "custom"], "2"),
    size: pick(params.get("size"), allowed.sizes, ""),
    page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1,
  };
}

/** The browse page's address for `search` (empty and not-applicable values left out), plus `extra` parameters. */
export function tone3000BrowsePath(search: Tone3000Search, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  if (search.query) params.set("q", search.query);
  if (search.gear) params.set("gear", search.gear);
  params.set("format", search.format);
  if (search.format === "nam") {
    params.set("architecture", search.architecture);
    if (search.size) params.set("size", search.size);
  }
  if (search.page > 1) params.set("page", String(search.page));
  for (const [name, value] of Object.entries(extra)) params.set(name, String(value));
  return `${TONE3000_BROWSE_PATH}?${params}`;
}
