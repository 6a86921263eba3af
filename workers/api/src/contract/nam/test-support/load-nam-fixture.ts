/** @module Reads `.nam` fixtures from `../shared/fixtures/nam` as JSON (test support only; uses node:fs). */
import { readdirSync, readFileSync } from "node:fs";
import { hasSharedFixtures, sharedFixture } from "../../../../../../dev/test-support/shared-fixtures.ts";
import type { NamJson } from "./nam-json.ts";

/** The raw text of a fixture. */
export function namFixtureText(name: string): string {
  return readFileSync(sharedFixture("nam", name), "utf8");
}

const parsed = new Map<string, NamJson>();

/**
 * A structuredClone of a fixture's parsed JSON, free to mutate (each fixture is read and parsed once). Call it inside
 * a test, not while tests are being collected, so suites skipped for missing fixtures never touch the disk.
 */
export function namFixtureJson(name: string): NamJson {
  let json = parsed.get(name);
  if (json === undefined) {
    json = JSON.parse(namFixtureText(name)) as NamJson;
    parsed.set(name, json);
  }
  return structuredClone(json);
}

/** Every `*.nam` file in the shared fixture folder, sorted; empty when the folder is absent. */
export function namFixtureNames(): string[] {
  if (!hasSharedFixtures) return [];
  return readdirSync(sharedFixture("nam"))
    .filter((name) => name.endsWith(".nam"))
    .sort();
}
