/**
 * @module The shared contract: runtime-agnostic zod schemas (no Workers or Node types) used by the api, realtime,
 * render-node, remotion and the app. Each schema lives in a file named after it; this is the explicit export list.
 */
export * from "./arrangement.ts";
export * from "./artifact-kind.ts";
export * from "./artifact-manifest.ts";
export * from "./asset-kind.ts";
export * from "./asset-metadata.ts";
export * from "./canonical-json.ts";
export * from "./chain.ts";
export * from "./chain-block.ts";
export * from "./di-track.ts";
export * from "./nam/index.ts";
export * from "./pcm-sample-reader.ts";
export * from "./progress-event.ts";
export * from "./render-spec.ts";
export * from "./render-status.ts";
export * from "./segment-loudness.ts";
export * from "./shootout-spec.ts";
export * from "./tone3000/index.ts";
export * from "./units.ts";
