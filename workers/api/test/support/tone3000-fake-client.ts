/**
 * @module Drives the TONE3000 stand-in (dev/tone3000-fake) from inside workerd: its `/__fake/` control routes do what
 * a user's clicks on TONE3000 would do, and report what TONE3000 saw (grants, downloads).
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { BrowserClient } from "./browser-client.ts";

export const fakeUrl = () => env.TONE3000_BASE_URL;

export interface FakeStats {
  authorizationCodeGrants: number;
  refreshGrants: number;
  modelDownloads: number;
  requestsByPath: Record<string, number>;
}

export async function fakeStats(): Promise<FakeStats> {
  return (await fetch(`${fakeUrl()}/__fake/stats`)).json();
}

export async function fakeControl(action: "revoke-refresh-tokens" | "expire-access-tokens" | "reset-rate-limit") {
  const response = await fetch(`${fakeUrl()}/__fake/${action}`, { method: "POST" });
  expect(response.ok, `fake ${action}: ${response.status}`).toBe(true);
}

/** What TONE3000 answers after the user acts on the authorize page: the callback URL with code/state or error. */
export async function approveOnFake(
  authorizeUrl: string,
  options: { action?: "approve" | "cancel" | "deny"; toneId?: number; signedIn?: boolean } = {},
): Promise<URL> {
  const response = await fetch(`${fakeUrl()}/__fake/approve`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ authorizeUrl, ...options }),
  });
  expect(response.ok, `fake approve: ${response.status} ${await response.clone().text()}`).toBe(true);
  const { location } = (await response.json()) as { location: string };
  return new URL(location);
}

/** Starts an OAuth flow as `browser`, returning TONE3000's authorize URL our api redirected to. */
export async function startFlow(browser: BrowserClient, query: string): Promise<URL> {
  const response = await browser.fetch(`/auth/tone3000/start?${query}`, { redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("Location") ?? "");
}

/** Follows TONE3000's redirect back to our callback as `browser`; returns our redirect's Location. */
export async function finishFlow(
  browser: BrowserClient,
  callback: URL,
): Promise<{ location: string; response: Response }> {
  const response = await browser.fetch(`${callback.pathname}${callback.search}`, { redirect: "manual" });
  expect(response.status).toBe(303);
  return { location: response.headers.get("Location") ?? "", response };
}
