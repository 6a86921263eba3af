/** @module `runTool`: runs a command line tool, resolving with stdout and rejecting with the tail of its stderr. */
import { spawn } from "node:child_process";

export function runTool(command: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolvePromise(Buffer.concat(out));
      else reject(new Error(`${command} ${args.slice(0, 6).join(" ")} … exited with ${code}: ${err.trim()}`));
    });
  });
}
