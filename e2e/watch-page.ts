/** @module Fails an end-to-end test on anything that goes wrong in a page: errors, failed requests, HTTP errors. */
import type { Page } from "playwright-core";

/**
 * Not failures: React Router fetches route manifests for links as they render (`/__manifest?p=…`) and the browser
 * aborts those still in flight when the page navigates away.
 */
const BENIGN = [/^request failed: \S+\/__manifest\?\S* net::ERR_ABORTED$/];

/** Collects everything that went wrong in a page; `allow` lists problems provoked on purpose. */
export function watchPage(page: Page, allow: RegExp[] = []) {
  const problems: string[] = [];
  const add = (problem: string) => {
    if (![...BENIGN, ...allow].some((pattern) => pattern.test(problem))) problems.push(problem);
  };
  page.on("pageerror", (error) => add(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") add(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on("requestfailed", (request) => add(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on("response", (response) => {
    if (response.status() >= 400) add(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}
