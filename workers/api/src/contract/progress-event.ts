/** @module Progress events a render node reports and the JobRoom fans out: a discriminated union on `type` over a shared, sequenced base. */
import { z } from "zod";
import { artifactKindSchema } from "./artifact-kind.ts";
import { artifactNameSchema } from "./artifact-manifest.ts";
import { segmentLoudnessSchema } from "./segment-loudness.ts";
import {
  boundedText,
  enumOf,
  fractionSchema,
  isoDateTimeSchema,
  rangedInt,
  rangedNumber,
  renderIdSchema,
  typeError,
} from "./units.ts";

/** Every event type, in the order a render usually emits them. */
export const PROGRESS_EVENT_TYPES = [
  "queued",
  "claimed",
  "stage",
  "segment",
  "log",
  "artifact",
  "succeeded",
  "failed",
  "canceled",
] as const;
export type ProgressEventType = (typeof PROGRESS_EVENT_TYPES)[number];

/** Pipeline stages of a render node, in order (see ARCHITECTURE.md §5). */
export const PROGRESS_STAGES = ["fetch", "amp", "dsp", "loudness", "arrange", "video", "upload"] as const;
export type ProgressStage = (typeof PROGRESS_STAGES)[number];

export const LOG_LEVELS = ["info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Longest log or error message; longer text belongs in an artifact, not in every browser's event stream. */
export const MAX_PROGRESS_MESSAGE_CHARS = 2000;

/**
 * Fields of every event. `seq` is per render and gap-free, so a browser that reconnects resumes after its last `seq`
 * and misses nothing; `at` is when the event happened, as ISO 8601.
 */
const progressEventBase = z.object({
  renderId: renderIdSchema,
  seq: rangedInt("seq", 0),
  at: isoDateTimeSchema("at"),
});

function message(field: string) {
  return boundedText(field, 1, MAX_PROGRESS_MESSAGE_CHARS);
}

/** Queued (again, after an expired lease). */
export const queuedEventSchema = progressEventBase.extend({ type: z.literal("queued") });
export type QueuedEvent = z.infer<typeof queuedEventSchema>;

/** A node claimed the render; `attempt` starts at 1 and grows each time a lease expires. */
export const claimedEventSchema = progressEventBase.extend({
  type: z.literal("claimed"),
  nodeName: boundedText("nodeName", 1, 64),
  attempt: rangedInt("attempt", 1),
});
export type ClaimedEvent = z.infer<typeof claimedEventSchema>;

/** Progress within one pipeline stage; `fraction` is of that stage, 0..1. */
export const stageEventSchema = progressEventBase.extend({
  type: z.literal("stage"),
  stage: enumOf("stage", PROGRESS_STAGES),
  fraction: fractionSchema("fraction"),
  message: message("message").optional(),
});
export type StageEvent = z.infer<typeof stageEventSchema>;

/** One segment was loudness-matched: the applied gain and the loudness measured after it. */
export const segmentEventSchema = progressEventBase
  .extend({ type: z.literal("segment") })
  .extend(segmentLoudnessSchema.shape);
export type SegmentEvent = z.infer<typeof segmentEventSchema>;

/** A log line for the creator (not the node's debug log). */
export const logEventSchema = progressEventBase.extend({
  type: z.literal("log"),
  level: enumOf("level", LOG_LEVELS),
  message: message("message"),
});
export type LogEvent = z.infer<typeof logEventSchema>;

/** One artifact finished uploading. */
export const artifactEventSchema = progressEventBase.extend({
  type: z.literal("artifact"),
  name: artifactNameSchema,
  kind: artifactKindSchema,
});
export type ArtifactEvent = z.infer<typeof artifactEventSchema>;

/** The render finished; `durationSeconds` is its wall time when the node knows it. */
export const succeededEventSchema = progressEventBase.extend({
  type: z.literal("succeeded"),
  durationSeconds: rangedNumber("durationSeconds", 0, Number.POSITIVE_INFINITY, "s").optional(),
});
export type SucceededEvent = z.infer<typeof succeededEventSchema>;

/** An attempt failed; with `willRetry` the render returns to the queue, otherwise the render has failed for good. */
export const failedEventSchema = progressEventBase.extend({
  type: z.literal("failed"),
  error: z.object(
    {
      // A stable machine-readable code ("CAPTURE_INVALID", "lease-expired") the app can map to help text.
      code: z
        .string({ error: typeError("code", "a string") })
        .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { error: 'code must be 1 to 64 letters, digits, "_", ".", ":" or "-"' }),
      message: message("message"),
    },
    { error: typeError("error", "an object") },
  ),
  willRetry: z.boolean({ error: typeError("willRetry", "true or false") }),
});
export type FailedEvent = z.infer<typeof failedEventSchema>;

/** The creator canceled the render. */
export const canceledEventSchema = progressEventBase.extend({ type: z.literal("canceled") });
export type CanceledEvent = z.infer<typeof canceledEventSchema>;

/** Any progress event, chosen by `type`. */
export const progressEventSchema = z.discriminatedUnion(
  "type",
  [
    queuedEventSchema,
    claimedEventSchema,
    stageEventSchema,
    segmentEventSchema,
    logEventSchema,
    artifactEventSchema,
    succeededEventSchema,
    failedEventSchema,
    canceledEventSchema,
  ],
  { error: `type must be one of: ${PROGRESS_EVENT_TYPES.join(", ")}` },
);
export type ProgressEvent = z.infer<typeof progressEventSchema>;
/** One variant of {@link ProgressEvent} by its `type`. */
export type ProgressEventOf<T extends ProgressEventType> = Extract<ProgressEvent, { type: T }>;

// Keeps PROGRESS_EVENT_TYPES and the union in step.
const _eventTypesMatch: [ProgressEventType, ProgressEvent["type"]] extends [ProgressEvent["type"], ProgressEventType]
  ? true
  : never = true;
void _eventTypesMatch;

/**
 * Whether no event follows this one for the render: success, cancelation, or a failure that will not be retried.
 * A `failed` event with `willRetry` is not terminal: the render goes back to `queued`.
 */
export function isTerminalProgressEvent(event: ProgressEvent): boolean {
  switch (event.type) {
    case "succeeded":
    case "canceled":
      return true;
    case "failed":
      return !event.willRetry;
    default:
      return false;
  }
}
