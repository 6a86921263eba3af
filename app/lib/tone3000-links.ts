/**
 * @module Addresses for TONE3000: its home page (the branding link the terms require) and the OAuth flows the api
 * serves under `/auth/tone3000/start` (forwarded by the app Worker). The flows are full navigations: use a plain
 * `<a href>`, never a client-side `<Link>` or a fetch.
 */

/** Where "Powered by TONE3000" links to. */
export const TONE3000_HOME = "https://www.tone3000.com";

export type Tone3000Purpose = "signin" | "link" | "select";

/**
 * Starts a TONE3000 flow: `signin` (sign in or create an account), `link` (connect, or sign in again after the
 * session ended) or `select` (TONE3000's picker; `format`, `gears`, `architecture` narrow it). The browser comes
 * back to `returnTo` (a path on this site), with `?tone3000_error=` if the flow failed.
 */
export function tone3000StartPath(
  purpose: Tone3000Purpose,
  returnTo: string,
  filters: Record<string, string | null | undefined> = {},
): string {
  const params = new URLSearchParams({ purpose, returnTo });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  return `/auth/tone3000/start?${params}`;
}
