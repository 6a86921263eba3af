/** @module `terminalProgress`: a one-line progress bar on stderr (plain lines when it is not a terminal). */

const WIDTH = 30;

/** Returns `update(stage, fraction)`; call `done()` to end the line. Redraws at most every 1 %. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr) {
  let lastKey = "";
  const update = (stage: string, fraction: number) => {
    const percent = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
    const key = `${stage}:${stream.isTTY ? percent : Math.floor(percent / 25)}`;
    if (key === lastKey) return;
    lastKey = key;
    const filled = Math.round((percent / 100) * WIDTH);
    const bar = `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${String(percent).padStart(3)}% ${stage}`;
    stream.write(stream.isTTY ? `\r${bar}\u001b[K` : `${bar}\n`);
  };
  const done = () => {
    if (stream.isTTY && lastKey !== "") stream.write("\n");
    lastKey = "";
  };
  return { update, done };
}
