/**
 * @module The render daemon: claims renders from the api, fetches their inputs into the content cache, renders,
 * uploads the artifacts and completes, reporting progress every second of work and heartbeating on its own timer so
 * a long stage never lets the lease lapse. A node that dies loses nothing: its lease expires and another node takes
 * the render. On stop it claims nothing more and gives back what it cannot finish in the grace period. Transient
 * inputs (TONE3000 models) skip the cache: they live in the render's private folder, deleted however the render
 * ends, and a node that starts deletes what a dead one left (see fetch-render-inputs.ts). Rendered chain outputs are
 * kept in a second cache (`<workDir>/segments`, its own size cap) so a re-render runs the engine only for segments
 * never rendered before; segments made from transient inputs are never kept (see segment-cache.ts).
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { ArtifactManifest, RenderSpec } from "@gts/api/contract";
import { TRPCClientError } from "@trpc/client";
import { SegmentCache } from "../arrange/segment-cache.ts";
import type { RenderCaptureFile } from "../arrange/write-shootout-audio.ts";
import {
  fetchRenderInputs,
  renderInputsOf,
  sweepTransientLeftovers,
  TRANSIENT_DIR_NAME,
} from "./fetch-render-inputs.ts";
import { InputCache } from "./input-cache.ts";
import type { NodeApi } from "./node-api.ts";
import { runRenderJob } from "./run-render-job.ts";

export interface RenderDaemonOptions {
  api: NodeApi;
  workDir: string;
  /** Size cap of the input cache. */
  cacheBytes?: number;
  /** Size cap of the segment cache (rendered chain audio); default 2 GiB, 0 turns it off. */
  segmentCacheBytes?: number;
  /** The amp engine's settings that could change its output's last bits (e.g. `gpu=auto`): part of segment keys. */
  engineSettings?: string;
  /** Renders worked on at once. */
  concurrency?: number;
  capabilities: Record<string, unknown>;
  renderCaptureFile?: RenderCaptureFile;
  /** False for an audio-only node: renders get no video, short or thumbnail. Default true. */
  video?: boolean;
  log?: (line: string) => void;
  claimWaitSeconds?: number;
  heartbeatMs?: number;
  progressMs?: number;
  /** On stop, how long running renders may take to finish before they are given back. */
  stopGraceMs?: number;
}

export interface RenderDaemon {
  /** Stops claiming, lets running renders finish within the grace period, gives back the rest. */
  stop(): Promise<void>;
  /** Resolves when every worker has ended. */
  done: Promise<void>;
}

interface Claim {
  renderId: string;
  attempt: number;
  /** A Date on the api; JSON brings it as an ISO string. */
  leaseExpiresAt: Date | string | null;
  spec: RenderSpec;
  specHash: string;
}

/** Errors in the inputs themselves: retrying on another node would fail the same way. */
const PERMANENT_ERRORS = /^(AudioDecodeError|NamValidationError|ZodError)$/;

export function startRenderDaemon(options: RenderDaemonOptions): RenderDaemon {
  const { api } = options;
  const log = options.log ?? ((line: string) => console.log(`[render-node] ${line}`));
  const cache = new InputCache({ dir: join(options.workDir, "inputs"), maxBytes: options.cacheBytes ?? 2 * 1024 ** 3 });
  const segmentCacheBytes = options.segmentCacheBytes ?? 2 * 1024 ** 3;
  const segmentCache =
    segmentCacheBytes > 0
      ? new SegmentCache({ dir: join(options.workDir, "segments"), maxBytes: segmentCacheBytes, log })
      : undefined;
  const stopping = new AbortController();
  const running = new Map<string, () => Promise<void>>();

  async function worker(slot: number): Promise<void> {
    while (!stopping.signal.aborted) {
      let claim: Claim | null;
      try {
        // Not aborted on stop: a long-poll the api keeps running after we hung up could still hand us a render.
        // It ends within `claimWaitSeconds`, and a render it brings after the stop is released at once.
        claim = await api.trpc.render.claim.mutate({ waitSeconds: options.claimWaitSeconds ?? 10 });
      } catch (error) {
        if (stopping.signal.aborted) return;
        log(`claim failed (${describe(error)}); retrying in 5 s`);
        await sleep(5000, stopping.signal);
        continue;
      }
      if (claim && stopping.signal.aborted) {
        await api.trpc.render.release.mutate({ renderId: claim.renderId }).catch(() => {});
        log(`released render ${claim.renderId}: this node is stopping`);
        return;
      }
      if (claim) await work(claim, slot);
    }
  }

  async function work(claim: Claim, slot: number): Promise<void> {
    const { renderId } = claim;
    log(`claimed render ${renderId} (attempt ${claim.attempt}, slot ${slot})`);
    const jobDir = join(options.workDir, "jobs", renderId);
    const transientDir = join(jobDir, TRANSIENT_DIR_NAME);
    const lease = new AbortController();
    let current: { stage: "fetch" | "dsp" | "video" | "upload"; fraction: number; message?: string } = {
      stage: "fetch",
      fraction: 0,
    };
    let reported = "";
    const started = performance.now();
    const timings: Record<string, number> = {};
    // One report at a time, of the progress when it was asked for, so events arrive in the order they happened.
    let reporting = Promise.resolve();
    const report = () => {
      const progress = current;
      reporting = reporting.then(async () => {
        const key = `${progress.stage}:${progress.fraction.toFixed(3)}:${progress.message ?? ""}`;
        if (key === reported || lease.signal.aborted) return;
        reported = key;
        const event = { type: "stage" as const, ...progress };
        await api.trpc.render.report.mutate({ renderId, events: [event] }).catch(onLeaseError);
      });
      return reporting;
    };
    const onLeaseError = (error: unknown) => {
      if (error instanceof TRPCClientError && error.data?.code === "CONFLICT") {
        if (!lease.signal.aborted) log(`lost the lease on render ${renderId}: stopping work on it`);
        lease.abort();
      } else {
        log(`render ${renderId}: call failed (${describe(error)})`);
      }
    };
    // Four heartbeats per lease: one lost request never costs the render.
    const leaseMs = claim.leaseExpiresAt ? new Date(claim.leaseExpiresAt).getTime() - Date.now() : 60_000;
    const heartbeat = setInterval(
      () => void api.trpc.render.heartbeat.mutate({ renderId }).catch(onLeaseError),
      options.heartbeatMs ?? Math.min(15_000, Math.max(500, leaseMs / 4)),
    );
    const ticker = setInterval(() => void report(), options.progressMs ?? 1000);
    const giveBack = async () => {
      lease.abort();
      await api.trpc.render.fail
        .mutate({ renderId, error: { code: "node-stopped", message: "the render node was stopped" }, retryable: true })
        .catch(() => {});
    };
    running.set(renderId, giveBack);
    try {
      await mkdir(jobDir, { recursive: true });
      const inputs = await fetchRenderInputs({
        renderId,
        inputs: renderInputsOf(claim.spec),
        cache,
        transientDir,
        download: (sha256, destPath) => api.downloadInput(renderId, sha256, destPath),
        log,
        beforeEach: () => checkLease(lease.signal, renderId),
        onProgress: (fraction) => {
          current = { stage: "fetch", fraction };
        },
      });
      timings.fetchSeconds = (performance.now() - started) / 1000;
      const result = await runRenderJob({
        spec: claim.spec,
        inputPath: inputs.pathOf,
        transientInputs: inputs.transient,
        workDir: jobDir,
        ...(options.renderCaptureFile ? { renderCaptureFile: options.renderCaptureFile } : {}),
        video: options.video ?? true,
        ...(segmentCache ? { segmentCache } : {}),
        ...(options.engineSettings === undefined ? {} : { engineSettings: options.engineSettings }),
        log: (line) => log(`render ${renderId}: ${line}`),
        onProgress: (stage, fraction, message) => {
          current = message === undefined ? { stage, fraction } : { stage, fraction, message };
          // Each segment's message ("chain 2 of 3: cached") goes out at once: cached ones come faster than the ticker.
          if (message !== undefined) void report();
        },
        signal: lease.signal,
      });
      const { cached, rendered, notCacheable } = result.segments;
      log(
        `render ${renderId}: audio in ${result.timings.audioSeconds.toFixed(1)} s; segments: ${cached} cached, ` +
          `${rendered} rendered${segmentCache ? "" : " (segment cache off)"}` +
          (notCacheable > 0 ? `, ${notCacheable} rendered and not cacheable (TONE3000 or transient input)` : ""),
      );
      Object.assign(timings, result.timings, {
        segmentsCached: cached,
        segmentsRendered: rendered + notCacheable,
      });
      const uploadStarted = performance.now();
      checkLease(lease.signal, renderId);
      await api.trpc.render.report.mutate({
        renderId,
        events: result.loudness.map((segment) => ({ type: "segment" as const, ...segment })),
      });
      const uploaded: ArtifactManifest["artifacts"] = [];
      for (const [index, artifact] of result.artifacts.entries()) {
        checkLease(lease.signal, renderId);
        // A large artifact goes up in parts: each finished part moves the upload stage on (reported by the ticker).
        const { bytes, sha256 } = await api.uploadArtifact(
          renderId,
          artifact.name,
          artifact.path,
          artifact.contentType,
          {
            signal: lease.signal,
            onProgress: (sent, total) => {
              current = {
                stage: "upload",
                fraction: (index + (total > 0 ? sent / total : 1)) / result.artifacts.length,
              };
            },
          },
        );
        const { name, kind, contentType, chainIndex } = artifact;
        uploaded.push({ name, kind, contentType, bytes, sha256, ...(chainIndex === undefined ? {} : { chainIndex }) });
        await api.trpc.render.report.mutate({ renderId, events: [{ type: "artifact", name, kind }] });
        current = { stage: "upload", fraction: (index + 1) / result.artifacts.length };
      }
      await report();
      timings.uploadSeconds = (performance.now() - uploadStarted) / 1000;
      timings.totalSeconds = (performance.now() - started) / 1000;
      await api.trpc.render.complete.mutate({
        renderId,
        // Stage wall times, and how many segments came from the segment cache.
        timings: Object.fromEntries(Object.entries(timings).map(([name, value]) => [name, round3(value)])),
        manifest: {
          renderId,
          specHash: claim.specHash,
          createdAt: new Date().toISOString(),
          artifacts: uploaded,
          cues: result.cues,
          loudness: result.loudness,
        },
      });
      log(`completed render ${renderId}`);
    } catch (error) {
      if (lease.signal.aborted) return;
      const retryable = !PERMANENT_ERRORS.test((error as Error)?.name ?? "");
      log(`render ${renderId} failed (${retryable ? "will retry" : "permanent"}): ${describe(error)}`);
      await api.trpc.render.fail
        .mutate({
          renderId,
          error: { code: retryable ? "render-error" : "input-invalid", message: describe(error).slice(0, 2000) },
          retryable,
        })
        .catch(onLeaseError);
    } finally {
      clearInterval(heartbeat);
      clearInterval(ticker);
      running.delete(renderId);
      // The private folder first: whatever else fails, no TONE3000 model outlives its render.
      await rm(transientDir, { recursive: true, force: true }).catch((error) =>
        log(`render ${renderId}: could not delete ${transientDir} (${describe(error)})`),
      );
      await rm(jobDir, { recursive: true, force: true }).catch(() => {});
      await cache.evict().catch(() => {});
    }
  }

  const start = sweepTransientLeftovers(join(options.workDir, "jobs"))
    .then((removed) => {
      for (const dir of removed) log(`deleted ${dir}, left by a node that stopped mid-render`);
    })
    .catch((error) => log(`could not sweep leftover transient inputs (${describe(error)})`))
    .then(() => api.trpc.node.hello.mutate({ capabilities: options.capabilities }))
    .then((hello) => {
      log(`connected as "${hello.name}"; waiting for renders`);
    });
  const done = start.then(() =>
    Promise.all(Array.from({ length: options.concurrency ?? 1 }, (_, slot) => worker(slot))).then(() => {}),
  );
  return {
    done,
    async stop() {
      log("stopping: no new renders will be claimed");
      stopping.abort();
      const finished = done.then(() => true);
      const inTime = await Promise.race([finished, sleep(options.stopGraceMs ?? 30_000).then(() => false)]);
      if (!inTime) {
        log(`giving back ${running.size} unfinished render(s)`);
        await Promise.all([...running.values()].map((giveBack) => giveBack()));
        await done;
      }
      log("stopped");
    },
  };
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function checkLease(signal: AbortSignal, renderId: string): void {
  if (signal.aborted) throw new Error(`lease on render ${renderId} lost`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
