/**
 * @module Which file of each chain the share page's player plays: the render's FLAC listening stems (24-bit, about half
 * the bytes of the float WAVs, and decoded to the same frames), else, for a render made before they existed, its WAV
 * stems. One kind for every chain, or none: the player needs a stem per chain.
 */

/** The fields of a shared render's artifact that say what it is and where to fetch it. */
export interface StemArtifact {
  kind: string;
  chainIndex?: number;
  downloadPath: string;
}

/** Preferred first. */
const PLAYABLE_KINDS = ["listen-stem", "stem"] as const;

/** One URL per chain, in chain order, all of one kind; empty when some chain has no stem of either kind. */
export function playerStemUrls(artifacts: readonly StemArtifact[], chainCount: number): string[] {
  if (chainCount === 0) return [];
  for (const kind of PLAYABLE_KINDS) {
    const urls = Array.from(
      { length: chainCount },
      (_, chainIndex) => artifacts.find((a) => a.kind === kind && a.chainIndex === chainIndex)?.downloadPath,
    );
    if (urls.every((url): url is string => url !== undefined)) return urls;
  }
  return [];
}
