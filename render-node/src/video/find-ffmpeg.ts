/** @module `findFfmpeg`: the ffmpeg/ffprobe that ship with Remotion's compositor (libx264, AAC), else Debian's. */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * Remotion's build is preferred for encoding (it is the one Remotion itself tested); `prefer: "system"` picks Debian's
 * first, whose build has every muxer (Remotion's lacks rawvideo and f32le, which the tests read frames and audio with).
 */
export function findFfmpeg(tool: "ffmpeg" | "ffprobe", options: { prefer?: "remotion" | "system" } = {}): string {
  const system = `/usr/bin/${tool}`;
  if (options.prefer === "system" && existsSync(system)) return system;
  try {
    const compositor = dirname(
      createRequire(import.meta.url).resolve("@remotion/compositor-linux-x64-gnu/package.json"),
    );
    if (existsSync(join(compositor, tool))) return join(compositor, tool);
  } catch {
    // Not on linux-x64-gnu: fall through to the system binary.
  }
  if (existsSync(system)) return system;
  throw new Error(
    `no ${tool}: neither @remotion/compositor-linux-x64-gnu nor the Debian package "ffmpeg" is installed`,
  );
}
