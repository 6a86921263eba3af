/**
 * @module A Node client of the running api, as a browser on its origin: it keeps the session cookie and sends the
 * origin on writes, so the seed goes through exactly the procedures and upload route a creator's browser uses.
 */
import { createHash } from "node:crypto";
import type { AppRouter } from "@gts/api/router";
import { createTRPCClient, httpLink } from "@trpc/client";

export interface LocalApiClient {
  trpc: ReturnType<typeof createTRPCClient<AppRouter>>;
  /** The session cookie (`gts_session=…`), e.g. for a WebSocket, or null before signing in. */
  cookie(): string | null;
  /** A plain request as this browser (its cookie; its origin on writes), redirects not followed. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** Uploads through `PUT /files/assets` unless the library holds these bytes already; returns the asset. */
  upload(file: {
    kind: "di" | "capture" | "ir";
    fileName: string;
    name: string;
    bytes: Uint8Array;
  }): Promise<UploadedAsset>;
}

export interface UploadedAsset {
  id: string;
  kind: "di" | "capture" | "ir";
  name: string;
  metadata: { kind: "audio"; durationSeconds: number } | { kind: "capture" };
}

export function localApiClient(baseUrl: string): LocalApiClient {
  const origin = new URL(baseUrl).origin;
  let cookie: string | null = null;
  const send = async (url: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set("Cookie", cookie);
    if (init.method && init.method !== "GET") headers.set("Origin", origin);
    const response = await fetch(url, { redirect: "manual", ...init, headers });
    for (const setCookie of response.headers.getSetCookie()) {
      const match = /^(gts_session=[^;]*)/.exec(setCookie);
      if (match?.[1]) cookie = match[1];
    }
    return response;
  };
  const trpc = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${origin}/trpc`, fetch: send })] });
  return {
    trpc,
    cookie: () => cookie,
    fetch: send,
    async upload(file) {
      const sha256 = createHash("sha256").update(file.bytes).digest("hex");
      // Bytes already in the library need not travel again.
      const [existing] = (await trpc.asset.list.query({ sha256, limit: 1 })).items;
      if (existing) return existing as UploadedAsset;
      const query = new URLSearchParams({ kind: file.kind, fileName: file.fileName, name: file.name });
      const response = await send(`${origin}/files/assets?${query}`, {
        method: "PUT",
        body: file.bytes,
        headers: { "X-Content-SHA256": sha256 },
      });
      const body = (await response.json()) as { asset?: UploadedAsset; error?: { message: string } };
      if (!response.ok || !body.asset)
        throw new Error(`upload of ${file.fileName} failed: ${body.error?.message ?? response.status}`);
      return body.asset;
    },
  };
}
