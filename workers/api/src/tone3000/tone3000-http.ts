/**
 * @module Every request to TONE3000 goes through here: the base URL and Bearer token, plain messages for network
 * failures and error statuses, deprecation headers logged, and 429 handled as the docs ask (`Retry-After` honoured;
 * while it runs, calls from this isolate fail fast instead of adding to the limit). Bodies are parsed with the wire
 * schemas, so a changed API shows up as a clear error, not as `undefined` deep in a page.
 */
import type { z } from "zod";
import type { Tone3000Config } from "./tone3000-config.ts";
import { Tone3000Error } from "./tone3000-error.ts";

/** A 401 from a resource call: the caller refreshes the access token once and retries. */
export class Tone3000Unauthorized extends Error {
  override name = "Tone3000Unauthorized";
}

/** A short wait is absorbed (one retry); a longer one is reported to the user with its length. */
const MAX_INLINE_RETRY_WAIT_SECONDS = 2;
/** The documented default when a 429 carries no `Retry-After`. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;
/** TONE3000 is a remote dependency: a hung request must not hang a page. */
const REQUEST_TIMEOUT_MS = 20_000;

let rateLimitedUntilMs = 0;

export interface Tone3000Request {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  accessToken?: string;
  body?: URLSearchParams;
}

/** `fetch` against TONE3000; `pathOrUrl` is an API path (`/tones/search?…`) or a full URL on the TONE3000 origin. */
export async function tone3000Fetch(
  config: Tone3000Config,
  pathOrUrl: string,
  request: Tone3000Request = {},
  retried = false,
): Promise<Response> {
  const url = resolveUrl(config, pathOrUrl);
  const label = `${request.method ?? "GET"} ${url.pathname}`;
  const waitSeconds = Math.ceil((rateLimitedUntilMs - Date.now()) / 1000);
  if (waitSeconds > 0) throw rateLimited(waitSeconds);

  const headers = new Headers({ Accept: "application/json" });
  if (request.accessToken) headers.set("Authorization", `Bearer ${request.accessToken}`);
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method ?? "GET",
      headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? "no answer in 20 s" : String(error);
    throw new Tone3000Error(
      "UNREACHABLE",
      `TONE3000 could not be reached (${label}: ${reason}). Check the connection and try again in a minute.`,
    );
  }
  logDeprecations(label, response.headers);

  if (response.status === 429) {
    await response.body?.cancel();
    const retryAfter = retryAfterSeconds(response.headers.get("Retry-After"));
    if (!retried && retryAfter <= MAX_INLINE_RETRY_WAIT_SECONDS) {
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      return tone3000Fetch(config, pathOrUrl, request, true);
    }
    rateLimitedUntilMs = Date.now() + retryAfter * 1000;
    throw rateLimited(retryAfter);
  }
  if (response.ok) return response;

  const detail = await errorDetail(response);
  if (response.status === 401 && request.accessToken) throw new Tone3000Unauthorized(`${label}: ${detail}`);
  if (response.status === 404) throw new Tone3000Error("NOT_FOUND", `TONE3000 has no such item (${label}: 404)`);
  if (response.status === 403) {
    throw new Tone3000Error("FORBIDDEN", `TONE3000 does not allow this (${label}: 403 ${detail})`);
  }
  if (response.status === 400) throw new Tone3000Error("BAD_REQUEST", `TONE3000 refused ${label}: ${detail}`);
  throw new Tone3000Error("BAD_RESPONSE", `TONE3000 failed on ${label} (HTTP ${response.status} ${detail})`);
}

/** A JSON body parsed with its wire schema. */
export async function tone3000Json<T extends z.ZodType>(
  config: Tone3000Config,
  path: string,
  schema: T,
  request: Tone3000Request = {},
): Promise<z.infer<T>> {
  const response = await tone3000Fetch(config, path, request);
  const label = `${request.method ?? "GET"} ${path.split("?")[0]}`;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new Tone3000Error("BAD_RESPONSE", `TONE3000 answered ${label} with something that is not JSON`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Tone3000Error(
      "BAD_RESPONSE",
      `TONE3000 answered ${label} with an unexpected shape (${issue?.path.join(".") || "body"}: ${issue?.message})`,
    );
  }
  return parsed.data;
}

/**
 * Only URLs on the configured TONE3000 origin: `model_url` comes from TONE3000's answers, and the user's token must
 * never be sent anywhere else.
 */
function resolveUrl(config: Tone3000Config, pathOrUrl: string): URL {
  const url = pathOrUrl.startsWith("/") ? new URL(`${config.baseUrl}/api/v1${pathOrUrl}`) : new URL(pathOrUrl);
  if (url.origin !== new URL(config.baseUrl).origin) {
    throw new Tone3000Error("BAD_RESPONSE", `TONE3000 pointed at ${url.origin}, which is not ${config.baseUrl}`);
  }
  return url;
}

function rateLimited(seconds: number): Tone3000Error {
  return new Tone3000Error(
    "RATE_LIMITED",
    `TONE3000 is limiting requests (about 100 a minute for this app); try again in ${seconds} s.`,
    seconds,
  );
}

function retryAfterSeconds(header: string | null): number {
  const seconds = Number(header);
  if (header !== null && Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = header ? Date.parse(header) : Number.NaN;
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - Date.now()) / 1000)) : DEFAULT_RETRY_AFTER_SECONDS;
}

async function errorDetail(response: Response): Promise<string> {
  const text = (await response.text().catch(() => "")).slice(0, 300);
  try {
    const body = JSON.parse(text) as { error?: unknown; error_description?: unknown; msg?: unknown };
    return [body.error, body.error_description ?? body.msg].filter((part) => typeof part === "string").join(": ");
  } catch {
    return text || response.statusText;
  }
}

/** Deprecated request forms still work, announced by headers; logged so we move off them before they go. */
function logDeprecations(label: string, headers: Headers): void {
  const which = headers.get("X-Tone3000-Deprecations");
  if (headers.get("Deprecation") === null && which === null) return;
  console.warn(`TONE3000 deprecation on ${label}: ${which ?? "(unnamed)"} ${headers.get("Link") ?? ""}`.trim());
}

/** Test seam: forget a rate-limit window (each test file starts clean). */
export function resetTone3000RateLimit(): void {
  rateLimitedUntilMs = 0;
}
