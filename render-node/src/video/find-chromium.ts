/** @module `findChromium`: Debian's Chromium for Remotion, so no browser is ever downloaded. */
import { existsSync } from "node:fs";

export interface ChromiumChoice {
  executable: string;
  /** Remotion's mode for it: the headless shell takes the old headless flags; the full browser wants `--headless=new`. */
  chromeMode: "headless-shell" | "chrome-for-testing";
}

/** The fastest first (stack notes §7: the apt headless shell renders about 1.5–2× the fps of the full browser). */
const CANDIDATES: readonly ChromiumChoice[] = [
  { executable: "/usr/bin/chromium-headless-shell", chromeMode: "headless-shell" },
  { executable: "/usr/bin/chromium", chromeMode: "chrome-for-testing" },
];

export function findChromium(exists: (path: string) => boolean = existsSync): ChromiumChoice {
  const found = CANDIDATES.find((candidate) => exists(candidate.executable));
  if (found === undefined) {
    throw new Error(
      `no Chromium for rendering video: install the Debian package "chromium-headless-shell" ` +
        `(apt-get install chromium-headless-shell), or "chromium"; looked for ${CANDIDATES.map((c) => c.executable).join(", ")}`,
    );
  }
  return found;
}
