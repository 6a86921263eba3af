/** @module Lets CLI JSON files (CHAIN.json, SHOOTOUT.json) name assets by file path where the contract wants an asset id. */
import { isAbsolute, resolve } from "node:path";
import { ID_PATTERN } from "@gts/api/contract";

/** The JSON with every path-like `assetId` replaced by a generated id, and where each generated id points. */
export interface ResolvedAssetPaths {
  json: unknown;
  paths: Map<string, string>;
}

/**
 * Walks `json` and replaces each `assetId` that is not a contract id (it has a "/", a "." or other characters ids never
 * have) with `file_0001`, `file_0002`, …, remembering the path resolved against `baseDir`. Real ids are left alone
 * (they cannot be opened offline, and the caller says so). The input is not modified.
 */
export function resolveAssetPaths(json: unknown, baseDir: string): ResolvedAssetPaths {
  const paths = new Map<string, string>();
  const byPath = new Map<string, string>();
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (key === "assetId" && typeof field === "string" && !ID_PATTERN.test(field)) {
        const path = isAbsolute(field) ? field : resolve(baseDir, field);
        let id = byPath.get(path);
        if (id === undefined) {
          id = `file_${String(byPath.size + 1).padStart(4, "0")}`;
          byPath.set(path, id);
          paths.set(id, path);
        }
        out[key] = id;
      } else {
        out[key] = walk(field);
      }
    }
    return out;
  };
  return { json: walk(json), paths };
}
