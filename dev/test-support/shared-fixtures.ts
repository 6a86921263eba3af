/**
 * @module Test helpers for `../shared/fixtures`. The fixtures are not copied into the repo (not all may be
 * redistributed); on a checkout without them, suites that need them are skipped with a message that says so,
 * never passed silently.
 */
import { join } from "node:path";
import { describe } from "vitest";
import { hasSharedFixtures, sharedFixturesDir } from "../shared-fixtures-dir.ts";

export { hasSharedFixtures, sharedFixturesDir };

/** Path of one fixture file, e.g. `sharedFixture("nam", "jcm800-capture-3.nam")`. */
export function sharedFixture(...parts: string[]): string {
  return join(sharedFixturesDir, ...parts);
}

/** `describe` for suites that read `../shared/fixtures`: skipped, with the reason in its title, where absent. */
export function describeWithSharedFixtures(name: string, body: () => void): void {
  if (hasSharedFixtures) {
    describe(name, body);
  } else {
    describe.skip(`${name} [skipped: ../shared/fixtures not found at ${sharedFixturesDir}]`, body);
  }
}
