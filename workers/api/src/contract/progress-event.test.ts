import { describe, expect, it } from "vitest";
import {
  isTerminalProgressEvent,
  PROGRESS_EVENT_TYPES,
  type ProgressEvent,
  progressEventSchema,
} from "./progress-event.ts";

const base = { renderId: "01J9Z8RENDER0000000000000", seq: 0, at: "2025-01-31T12:00:00.000Z" };

const examples: ProgressEvent[] = [
  { ...base, type: "queued" },
  { ...base, type: "claimed", nodeName: "studio-gpu-1", attempt: 1 },
  { ...base, type: "stage", stage: "amp", fraction: 0.25, message: "chain 2 of 4" },
  { ...base, type: "stage", stage: "upload", fraction: 1 },
  { ...base, type: "segment", diIndex: 0, chainIndex: 1, gainDb: -3.2, integratedLufs: -14, truePeakDbtp: -1.1 },
  { ...base, type: "log", level: "warn", message: "IR resampled from 44.1 kHz" },
  { ...base, type: "artifact", name: "video.mp4", kind: "video" },
  { ...base, type: "succeeded", durationSeconds: 84.5 },
  { ...base, type: "succeeded" },
  { ...base, type: "failed", error: { code: "CAPTURE_INVALID", message: "bad weights" }, willRetry: false },
  { ...base, type: "canceled" },
];

function issue(input: unknown) {
  const first = progressEventSchema.safeParse(input).error?.issues[0];
  return { path: first?.path, message: first?.message };
}

describe("progressEventSchema", () => {
  it("covers every event type in the examples", () => {
    expect(new Set(examples.map((e) => e.type))).toEqual(new Set(PROGRESS_EVENT_TYPES));
  });

  it.each(examples.map((e) => [e.type, e] as const))("round-trips a %s event through JSON", (_type, event) => {
    expect(progressEventSchema.parse(JSON.parse(JSON.stringify(event)))).toEqual(event);
  });

  it("rejects an unknown type, listing the types", () => {
    expect(issue({ ...base, type: "paused" })).toEqual({
      path: ["type"],
      message: `type must be one of: ${PROGRESS_EVENT_TYPES.join(", ")}`,
    });
  });

  it.each([
    [{ ...base, type: "queued", seq: -1 }, ["seq"], "seq must be a whole number of at least 0"],
    [{ ...base, type: "queued", seq: 1.5 }, ["seq"], "seq must be a whole number of at least 0"],
    [
      { ...base, type: "queued", at: "yesterday" },
      ["at"],
      "at must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00Z",
    ],
    [{ ...base, type: "queued", renderId: undefined }, ["renderId"], "renderId is required"],
    [
      { ...base, type: "claimed", nodeName: "n", attempt: 0 },
      ["attempt"],
      "attempt must be a whole number of at least 1",
    ],
    [{ ...base, type: "claimed", nodeName: "", attempt: 1 }, ["nodeName"], "nodeName must be 1 to 64 characters"],
    [
      { ...base, type: "stage", stage: "mix", fraction: 0 },
      ["stage"],
      "stage must be one of: fetch, amp, dsp, loudness, arrange, video, upload",
    ],
    [{ ...base, type: "stage", stage: "dsp", fraction: 1.01 }, ["fraction"], "fraction must be between 0 and 1"],
    [{ ...base, type: "log", level: "debug", message: "x" }, ["level"], "level must be one of: info, warn, error"],
    [
      { ...base, type: "log", level: "info", message: "x".repeat(2001) },
      ["message"],
      "message must be 1 to 2000 characters",
    ],
    [
      { ...base, type: "artifact", name: "a/b.mp4", kind: "video" },
      ["name"],
      'name must be a bare file name: no "/", "\\", control characters, "." or ".."',
    ],
    [
      { ...base, type: "artifact", name: "a.gif", kind: "gif" },
      ["kind"],
      "kind must be one of: video, video-short, thumbnail, program-wav, stem, loudness-report, manifest, cue-list, listen-stem",
    ],
    [
      { ...base, type: "segment", diIndex: 0, chainIndex: 0, gainDb: 0, integratedLufs: -71, truePeakDbtp: -1 },
      ["integratedLufs"],
      "integratedLufs must be at least -70 LUFS",
    ],
    [{ ...base, type: "succeeded", durationSeconds: -1 }, ["durationSeconds"], "durationSeconds must be at least 0 s"],
    [
      { ...base, type: "failed", error: { code: "has space", message: "m" }, willRetry: true },
      ["error", "code"],
      'code must be 1 to 64 letters, digits, "_", ".", ":" or "-"',
    ],
    [{ ...base, type: "failed", error: { code: "E", message: "m" } }, ["willRetry"], "willRetry is required"],
  ] as const)("rejects %j with a message naming the field and its limit", (input, path, message) => {
    expect(issue(input)).toEqual({ path, message });
  });
});

describe("isTerminalProgressEvent", () => {
  const failed = (willRetry: boolean): ProgressEvent => ({
    ...base,
    type: "failed",
    error: { code: "LEASE_EXPIRED", message: "node stopped heartbeating" },
    willRetry,
  });

  it("is true for succeeded, canceled and a failure that will not be retried", () => {
    expect(isTerminalProgressEvent({ ...base, type: "succeeded" })).toBe(true);
    expect(isTerminalProgressEvent({ ...base, type: "canceled" })).toBe(true);
    expect(isTerminalProgressEvent(failed(false))).toBe(true);
  });

  it("is false for a failure that will be retried, since the render returns to the queue", () => {
    expect(isTerminalProgressEvent(failed(true))).toBe(false);
  });

  it("is false for every non-final event", () => {
    for (const event of examples.filter((e) => !["succeeded", "canceled", "failed"].includes(e.type))) {
      expect(isTerminalProgressEvent(event), event.type).toBe(false);
    }
  });
});
