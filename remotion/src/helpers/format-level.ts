/** @module `formatLevel`: a level with one decimal and a true minus sign ("−14.0 LUFS", "+3.2 dB"). */

export function formatLevel(value: number, unit: string, options: { signed?: boolean } = {}): string {
  const sign = value < 0 ? "−" : options.signed ? "+" : "";
  return `${sign}${Math.abs(value).toFixed(1)} ${unit}`;
}
