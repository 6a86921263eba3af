/** @module `expectNamRejection`: asserts that a `.nam` input is rejected at a given field (test support only). */
import { expect } from "vitest";
import { NamValidationError } from "../nam-validation-error.ts";
import { safeParseNamFile } from "../parse-nam-file.ts";

/**
 * Parses `input`, expects a `NamValidationError` whose `field` is `field`, whose message starts with
 * `[fileName: ]field: ` and whose problem matches `problem`; returns the error for further checks.
 */
export function expectNamRejection(
  input: unknown,
  field: string,
  problem: RegExp | string,
  fileName?: string,
): NamValidationError {
  const result = safeParseNamFile(input, fileName === undefined ? {} : { fileName });
  if (result.ok) throw new Error(`expected a rejection at ${field}, but the file was accepted`);
  const { error } = result;
  expect(error).toBeInstanceOf(NamValidationError);
  expect(error).toBeInstanceOf(Error);
  expect(error.field).toBe(field);
  const prefix = fileName === undefined ? `${field}: ` : `${fileName}: ${field}: `;
  expect(error.message.startsWith(prefix), `message "${error.message}" starts with "${prefix}"`).toBe(true);
  if (typeof problem === "string") expect(error.problem).toContain(problem);
  else expect(error.problem).toMatch(problem);
  return error;
}
