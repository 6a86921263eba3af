/**
 * @module Uploads bytes as an asset through `PUT /files/assets`, as the web app does.
 */

import { sha256Hex } from "./audio-files.ts";
import type { BrowserClient } from "./browser-client.ts";

export async function upload(
  browser: BrowserClient,
  file: { kind: string; fileName: string; bytes: Uint8Array; name?: string; sha256?: string },
): Promise<Response> {
  const query = new URLSearchParams({ kind: file.kind, fileName: file.fileName });
  if (file.name) query.set("name", file.name);
  return browser.fetch(`/files/assets?${query}`, {
    method: "PUT",
    body: file.bytes,
    headers: { "X-Content-SHA256": file.sha256 ?? (await sha256Hex(file.bytes)) },
  });
}

/** The JSON of an upload answer; loose on purpose, tests assert on its fields. */
// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary fields of the response.
type UploadResponseBody = Record<string, any>;

export async function uploadJson(browser: BrowserClient, file: Parameters<typeof upload>[1]) {
  const response = await upload(browser, file);
  return { status: response.status, body: (await response.json()) as UploadResponseBody };
}
