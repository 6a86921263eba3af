/**
 * @module Browser upload of one library file: hash it (the api checks the bytes against `X-Content-SHA256`), then
 * `PUT /files/assets` with XMLHttpRequest, whose upload events give a progress bar that fetch cannot.
 */

import { nameFromFileName } from "./name-from-file-name";

export type AssetKind = "di" | "capture" | "ir";

export interface UploadOutcome {
  ok: boolean;
  /** The api's message naming the file and the limit when refused; a note when the library already held the file. */
  message: string | null;
  deduplicated: boolean;
}

export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function uploadAsset(
  file: File,
  kind: AssetKind,
  onProgress: (fraction: number) => void,
): Promise<UploadOutcome> {
  const sha256 = await sha256Hex(file);
  const query = new URLSearchParams({ kind, fileName: file.name, name: nameFromFileName(file.name) });
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", `/files/assets?${query}`);
    xhr.setRequestHeader("X-Content-SHA256", sha256);
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener("load", () => {
      let body: { asset?: unknown; deduplicated?: boolean; error?: { message?: string } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: an outage, described by the status below.
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        const deduplicated = body.deduplicated === true;
        resolve({ ok: true, deduplicated, message: deduplicated ? "Already in your library" : null });
      } else {
        resolve({
          ok: false,
          deduplicated: false,
          message: body.error?.message ?? `${file.name}: the upload failed (HTTP ${xhr.status})`,
        });
      }
    });
    xhr.addEventListener("error", () =>
      resolve({ ok: false, deduplicated: false, message: `${file.name}: the connection failed; try again` }),
    );
    xhr.send(file);
  });
}
