import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const folder = dirname(fileURLToPath(import.meta.url));
const moduleFiles = readdirSync(folder).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"));

describe("the nam contract runs in workerd and Node alike", () => {
  it.each(moduleFiles)("%s imports only zod and sibling .ts files", (name) => {
    const source = readFileSync(join(folder, name), "utf8");
    const specifiers = [...source.matchAll(/\bfrom\s+"([^"]+)"|\bimport\s*\(\s*"([^"]+)"/g)].map((m) => m[1] ?? m[2]);
    for (const specifier of specifiers) {
      expect(specifier === "zod" || /^\.\/[\w-]+\.ts$/.test(specifier ?? ""), `${name} imports ${specifier}`).toBe(
        true,
      );
    }
  });

  it.each(moduleFiles)("%s uses no Node or Workers globals", (name) => {
    const source = readFileSync(join(folder, name), "utf8");
    expect(source).not.toMatch(/\b(Buffer|process|require|__dirname|globalThis\.caches|crypto\.subtle)\b/);
  });

  it.each(moduleFiles)("%s opens with a one-line @module comment", (name) => {
    expect(readFileSync(join(folder, name), "utf8")).toMatch(/^\/\*\*\s*\n?\s*\*?\s*@module /);
  });
});
