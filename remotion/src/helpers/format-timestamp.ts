/** @module `formatTimestamp`: seconds as YouTube writes chapter times ("0:00", "1:05", "1:02:03"). */

/** Whole seconds, rounded down so a chapter never starts after its audio does. */
export function formatTimestamp(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds + 1e-6));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
