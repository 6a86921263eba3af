import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createNodeApi, type NodeApi } from "./node-api.ts";
import { type FakeRenderApi, startFakeRenderApi } from "./test-support/fake-render-api.ts";

// Small parts against the fake api (it honours any size); the api itself holds parts to R2's 5 MiB minimum.
const PART = 64 * 1024;
const THRESHOLD = 100 * 1024;

describe("uploadArtifact in parts", () => {
  let fake: FakeRenderApi;
  let dir: string;
  let api: NodeApi;
  let file: string;
  let bytes: Buffer;

  beforeEach(async () => {
    fake = await startFakeRenderApi();
    dir = await mkdtemp(join(tmpdir(), "gts-artifact-upload-"));
    api = createNodeApi({
      apiUrl: fake.url,
      token: "node-token",
      upload: { multipartThresholdBytes: THRESHOLD, partBytes: PART, backoffMs: 1 },
    });
    bytes = randomBytes(2 * PART + 12_345);
    file = join(dir, "video.mp4");
    await writeFile(file, bytes);
  });

  afterEach(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("cuts a file above the threshold into the api's parts, sends them in order and completes", async () => {
    const progress: [number, number][] = [];
    const result = await api.uploadArtifact("r1", "video.mp4", file, "video/mp4", {
      onProgress: (sent, total) => progress.push([sent, total]),
    });
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(result).toEqual({ bytes: bytes.length, sha256 });
    const [upload] = fake.multipartUploads;
    expect(upload).toMatchObject({ renderId: "r1", name: "video.mp4", bytes: bytes.length, sha256, parts: 3 });
    expect(upload?.state).toBe("completed");
    expect(upload?.partRequests).toEqual([1, 2, 3]);
    expect([...(upload?.received.values() ?? [])].map((part) => part.length)).toEqual([PART, PART, 12_345]);
    expect(progress).toEqual([
      [PART, bytes.length],
      [2 * PART, bytes.length],
      [bytes.length, bytes.length],
    ]);
    expect(fake.uploads.get("r1")).toEqual(["video.mp4"]);
  });

  it("sends a file at or under the threshold in one request", async () => {
    const small = join(dir, "cues.json");
    await writeFile(small, '{"cues":[]}');
    await api.uploadArtifact("r1", "cues.json", small, "application/json");
    expect(fake.multipartUploads).toEqual([]);
    expect(fake.uploads.get("r1")).toEqual(["cues.json"]);
  });

  it("retries a part that failed, with a 5xx and with a dropped connection, and finishes", async () => {
    fake.failPart(2, 1, 503);
    fake.failPart(3, 1, 0);
    await api.uploadArtifact("r1", "video.mp4", file, "video/mp4");
    const [upload] = fake.multipartUploads;
    expect(upload?.partRequests).toEqual([1, 2, 2, 3, 3]);
    expect(upload?.state).toBe("completed");
    expect(Buffer.concat([...(upload?.received.values() ?? [])])).toEqual(bytes);
  });

  it("gives up on a part after 3 tries and aborts the upload", async () => {
    fake.failPart(2, 3, 500);
    await expect(api.uploadArtifact("r1", "video.mp4", file, "video/mp4")).rejects.toThrow(
      /artifact video\.mp4: part 2 of 3: failed 3 times, last: 500/,
    );
    const [upload] = fake.multipartUploads;
    expect(upload?.partRequests).toEqual([1, 2, 2, 2]);
    expect(upload?.state).toBe("aborted");
    expect(fake.uploads.get("r1")).toBeUndefined();
  });

  it("does not retry a refusal (the lease is gone) and aborts at once", async () => {
    fake.failPart(1, 1, 403);
    await expect(api.uploadArtifact("r1", "video.mp4", file, "video/mp4")).rejects.toThrow(/part 1 of 3: 403/);
    const [upload] = fake.multipartUploads;
    expect(upload?.partRequests).toEqual([1]);
    expect(upload?.state).toBe("aborted");
  });
});
