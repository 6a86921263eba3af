/** @module The `.nam` facts of a capture file for its video card, or null when the file is not a valid `.nam`. */
import { readFile } from "node:fs/promises";
import { type NamModelFacts, safeParseNamFile } from "@gts/api/contract";

export async function readCaptureFacts(path: string): Promise<NamModelFacts | null> {
  try {
    const parsed = safeParseNamFile(JSON.parse(await readFile(path, "utf8")));
    return parsed.ok ? parsed.value.facts : null;
  } catch {
    return null;
  }
}
