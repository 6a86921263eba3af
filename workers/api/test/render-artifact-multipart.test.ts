import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_MULTIPART_ARTIFACT_BYTES } from "../src/renders/artifact-multipart-upload.ts";
import { sha256Hex } from "./support/audio-files.ts";
import { leasedRender } from "./support/leased-render.ts";
import { creatorWithLibrary } from "./support/library.ts";

const MiB = 1024 * 1024;
/** R2's smallest part: the tests ask for it to keep artifacts small while obeying R2's rules. */
const PART = 5 * MiB;

/** Bytes that differ from part to part, so a part stored at the wrong place changes the hash. */
function artifactBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += 65536)
    crypto.getRandomValues(bytes.subarray(offset, Math.min(length, offset + 65536)));
  return bytes;
}

type Call = Awaited<ReturnType<typeof leasedRender>>["call"];

async function startUpload(call: Call, renderId: string, body: Record<string, unknown>, name = "video.mp4") {
  return call(`/files/renders/${renderId}/artifacts/${name}/uploads`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json" },
  });
}

function uploadPath(renderId: string, uploadId: string, rest = "") {
  return `/files/renders/${renderId}/artifacts/video.mp4/uploads/${encodeURIComponent(uploadId)}${rest}`;
}

async function putPart(call: Call, renderId: string, uploadId: string, partNumber: number, body: Uint8Array) {
  return call(uploadPath(renderId, uploadId, `/parts/${partNumber}`), { method: "PUT", body });
}

async function complete(call: Call, renderId: string, uploadId: string, parts: { partNumber: number; etag: string }[]) {
  return call(uploadPath(renderId, uploadId, "/complete"), {
    method: "POST",
    body: JSON.stringify({ parts }),
    headers: { "Content-Type": "application/json" },
  });
}

/** Starts an upload of `bytes` and sends every part; returns the upload id and the parts to complete with. */
async function uploadAllParts(call: Call, renderId: string, bytes: Uint8Array, sha256: string) {
  const started = await startUpload(call, renderId, {
    bytes: bytes.length,
    sha256,
    contentType: "video/mp4",
    partBytes: PART,
  });
  expect(started.status).toBe(201);
  const { uploadId, parts } = (await started.json()) as { uploadId: string; parts: number };
  const etags: { partNumber: number; etag: string }[] = [];
  for (let n = 1; n <= parts; n++) {
    const response = await putPart(call, renderId, uploadId, n, bytes.subarray((n - 1) * PART, n * PART));
    expect(response.status).toBe(200);
    etags.push({ partNumber: n, etag: ((await response.json()) as { etag: string }).etag });
  }
  return { uploadId, etags };
}

async function storedKeys(renderId: string): Promise<string[]> {
  const artifacts = await env.MEDIA.list({ prefix: `renders/${renderId}/` });
  const records = await env.MEDIA.list({ prefix: `render-uploads/${renderId}/` });
  return [...artifacts.objects, ...records.objects].map((o) => o.key);
}

describe("multipart artifact uploads", () => {
  it("assembles 3 parts of 5 MiB and a remainder under the artifact's key, hashes it, and completes twice alike", async () => {
    const { renderId, call } = await leasedRender();
    const bytes = artifactBytes(3 * PART + 12_345);
    const sha256 = await sha256Hex(bytes);
    const started = await startUpload(call, renderId, {
      bytes: bytes.length,
      sha256,
      contentType: "video/mp4",
      partBytes: PART,
    });
    expect(started.status).toBe(201);
    const { uploadId, partBytes, parts } = (await started.json()) as {
      uploadId: string;
      partBytes: number;
      parts: number;
    };
    expect({ partBytes, parts }).toEqual({ partBytes: PART, parts: 4 });

    // Out of order, and part 2 sent twice with other bytes first: the second upload replaces it.
    const etags = new Map<number, string>();
    for (const n of [4, 2, 1, 3, 2]) {
      const body = bytes.slice((n - 1) * PART, n * PART);
      if (n === 2 && !etags.has(2)) body.fill(7);
      const response = await putPart(call, renderId, uploadId, n, body);
      expect(response.status, `part ${n}`).toBe(200);
      const { etag, partNumber } = (await response.json()) as { etag: string; partNumber: number };
      expect(partNumber).toBe(n);
      etags.set(n, etag);
    }
    const listed = [1, 2, 3, 4].map((partNumber) => ({ partNumber, etag: etags.get(partNumber) ?? "" }));
    const key = `renders/${renderId}/video.mp4`;
    const first = await complete(call, renderId, uploadId, listed);
    expect(first.status).toBe(201);
    const answer = await first.json();
    expect(answer).toEqual({ name: "video.mp4", key, bytes: bytes.length, sha256 });

    const object = await env.MEDIA.get(key);
    expect(object?.size).toBe(bytes.length);
    expect(object?.httpMetadata?.contentType).toBe("video/mp4");
    expect(await sha256Hex(new Uint8Array(await (object as R2ObjectBody).arrayBuffer()))).toBe(sha256);

    // A retried complete (its answer lost) answers the same and changes nothing.
    const again = await complete(call, renderId, uploadId, listed);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(answer);
    expect((await env.MEDIA.head(key))?.etag).toBe(object?.etag);
    expect((await env.MEDIA.list({ prefix: `renders/${renderId}/` })).objects.map((o) => o.key)).toEqual([key]);
    // The upload is finished: no more parts, no abort.
    expect((await putPart(call, renderId, uploadId, 4, bytes.subarray(3 * PART))).status).toBe(400);
    expect((await call(uploadPath(renderId, uploadId), { method: "DELETE" })).status).toBe(400);
  });

  it("declares its limits: at most 4 GiB, parts of 5 MiB to 64 MiB, 32 MiB unless asked", async () => {
    const { renderId, call } = await leasedRender();
    const sha256 = "a".repeat(64);
    const tooLarge = await startUpload(call, renderId, { bytes: MAX_MULTIPART_ARTIFACT_BYTES + 1, sha256 });
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { message: string } }).error.message).toContain(
      `${MAX_MULTIPART_ARTIFACT_BYTES} byte (4 GiB) limit`,
    );
    const tinyParts = await startUpload(call, renderId, { bytes: 20 * MiB, sha256, partBytes: MiB });
    expect(tinyParts.status).toBe(400);
    expect(((await tinyParts.json()) as { error: { message: string } }).error.message).toContain("5 MiB minimum");
    expect((await startUpload(call, renderId, { bytes: 20 * MiB, sha256: "nope" })).status).toBe(400);
    expect((await startUpload(call, renderId, { bytes: 0, sha256 })).status).toBe(400);
    const byDefault = await startUpload(call, renderId, { bytes: 100 * MiB, sha256, contentType: "video/mp4" });
    expect(byDefault.status).toBe(201);
    expect(await byDefault.json()).toMatchObject({ partBytes: 32 * MiB, parts: 4 });
  });

  it("refuses a part whose length is not the expected part size", async () => {
    const { renderId, call } = await leasedRender();
    const bytes = artifactBytes(PART + 100);
    const started = await startUpload(call, renderId, {
      bytes: bytes.length,
      sha256: await sha256Hex(bytes),
      partBytes: PART,
    });
    const { uploadId } = (await started.json()) as { uploadId: string };
    const short = await putPart(call, renderId, uploadId, 1, bytes.subarray(0, 100));
    expect(short.status).toBe(400);
    expect(((await short.json()) as { error: { message: string } }).error.message).toBe(
      `video.mp4: part 1 of 2 must be ${PART} bytes, not 100`,
    );
    expect((await putPart(call, renderId, uploadId, 2, bytes.subarray(0, PART))).status).toBe(400);
    expect((await putPart(call, renderId, uploadId, 3, bytes.subarray(0, 100))).status).toBe(400);
    expect((await putPart(call, renderId, uploadId, 0, bytes.subarray(0, PART))).status).toBe(400);
    expect((await putPart(call, renderId, uploadId, 2, bytes.subarray(PART))).status).toBe(200);
    // Completing with a part missing is refused; the upload stays open.
    const incomplete = await complete(call, renderId, uploadId, [{ partNumber: 2, etag: "x" }]);
    expect(incomplete.status).toBe(400);
    expect(await env.MEDIA.head(`renders/${renderId}/video.mp4`)).toBeNull();
  });

  it("deletes the assembled object when it does not hash to the declared SHA-256", async () => {
    const { renderId, call } = await leasedRender();
    const bytes = artifactBytes(2 * PART + 1);
    const declared = await sha256Hex(artifactBytes(bytes.length));
    const { uploadId, etags } = await uploadAllParts(call, renderId, bytes, declared);
    const refused = await complete(call, renderId, uploadId, etags);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      `do not have the declared size ${bytes.length} and SHA-256 ${declared}`,
    );
    expect(await storedKeys(renderId)).toEqual([]);
    expect((await complete(call, renderId, uploadId, etags)).status).toBe(404);
  });

  it("recognises an upload that R2 completed although the api never answered, and still checks its hash", async () => {
    const { renderId, call } = await leasedRender();
    const bytes = artifactBytes(PART + 1);
    const sha256 = await sha256Hex(bytes);
    const { uploadId, etags } = await uploadAllParts(call, renderId, bytes, sha256);
    // As if the api died between R2's complete and its answer: R2 has assembled the object and forgotten the upload.
    await env.MEDIA.resumeMultipartUpload(`renders/${renderId}/video.mp4`, uploadId).complete(etags);
    const retried = await complete(call, renderId, uploadId, etags);
    expect(retried.status).toBe(201);
    expect(await retried.json()).toMatchObject({ bytes: bytes.length, sha256 });
    expect((await complete(call, renderId, uploadId, etags)).status).toBe(201);
  });

  it("aborting deletes the parts and the upload's record", async () => {
    const { renderId, call } = await leasedRender();
    const bytes = artifactBytes(PART + 10);
    const started = await startUpload(call, renderId, {
      bytes: bytes.length,
      sha256: await sha256Hex(bytes),
      partBytes: PART,
    });
    const { uploadId } = (await started.json()) as { uploadId: string };
    const part = await putPart(call, renderId, uploadId, 1, bytes.subarray(0, PART));
    const { etag } = (await part.json()) as { etag: string };
    expect((await storedKeys(renderId)).length).toBe(1);
    expect((await call(uploadPath(renderId, uploadId), { method: "DELETE" })).status).toBe(204);
    expect(await storedKeys(renderId)).toEqual([]);
    expect((await putPart(call, renderId, uploadId, 2, bytes.subarray(PART))).status).toBe(404);
    expect((await complete(call, renderId, uploadId, [{ partNumber: 1, etag }])).status).toBe(404);
    expect((await call(uploadPath(renderId, uploadId), { method: "DELETE" })).status).toBe(404);
    // The upload id does not carry over to another artifact of the render either.
    const other = `/files/renders/${renderId}/artifacts/other.mp4/uploads/${encodeURIComponent(uploadId)}`;
    expect((await call(other, { method: "DELETE" })).status).toBe(404);
  });

  it("refuses every multipart route to a node that does not hold the lease, and to no token", async () => {
    const { renderId, call, lib } = await leasedRender();
    const bytes = artifactBytes(PART + 10);
    const sha256 = await sha256Hex(bytes);
    const started = await startUpload(call, renderId, { bytes: bytes.length, sha256, partBytes: PART });
    const { uploadId } = (await started.json()) as { uploadId: string };
    const part = await putPart(call, renderId, uploadId, 1, bytes.subarray(0, PART));
    const { etag } = (await part.json()) as { etag: string };

    const every = (as: Call) => [
      startUpload(as, renderId, { bytes: bytes.length, sha256, partBytes: PART }),
      putPart(as, renderId, uploadId, 1, bytes.subarray(0, PART)),
      complete(as, renderId, uploadId, [{ partNumber: 1, etag }]),
      as(uploadPath(renderId, uploadId), { method: "DELETE" }),
    ];
    const other = await creatorWithLibrary();
    const { token } = await other.browser.trpc.node.create.mutate({ name: "theirs" });
    const asOther: Call = (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set("Authorization", `Bearer ${token}`);
      return exports.default.fetch(new Request(`http://localhost:5173${path}`, { ...init, headers }));
    };
    const anonymous: Call = (path, init = {}) =>
      exports.default.fetch(new Request(`http://localhost:5173${path}`, init));
    expect((await Promise.all(every(asOther))).map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect((await Promise.all(every(anonymous))).map((r) => r.status)).toEqual([401, 401, 401, 401]);

    // Once the render is canceled its former holder is refused too, and nothing it sent is assembled.
    await lib.browser.trpc.render.cancel.mutate({ id: renderId });
    expect((await Promise.all(every(call))).map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(await env.MEDIA.head(`renders/${renderId}/video.mp4`)).toBeNull();
  });
});
