/**
 * @module Live progress of one render over the realtime WebSocket (`/realtime/renders/:id/ws?after=<seq>`): events
 * are applied once each in `seq` order; after a dropped connection it reconnects with the last seq it saw, with
 * growing delays, until the render reaches a terminal event.
 */
import type { ProgressEvent, ProgressStage } from "@gts/api/contract";
import { useEffect, useRef, useState } from "react";

/** Pipeline stages in order, each an equal share of the bar (as the api's `render.progress` counts them). */
const STAGES = [
  "fetch",
  "amp",
  "dsp",
  "loudness",
  "arrange",
  "video",
  "upload",
] as const satisfies readonly ProgressStage[];
// A stage added to the contract but not here fails type-checking.
const _allStages: ProgressStage extends (typeof STAGES)[number] ? true : never = true;
void _allStages;

export type RenderState = "queued" | "running" | "succeeded" | "failed" | "canceled";

export interface RenderProgress {
  state: RenderState;
  /** Overall 0..1. */
  progress: number;
  stage: ProgressStage | null;
  /** Fraction of the current stage, 0..1. */
  stageFraction: number;
  events: ProgressEvent[];
  connection: "connecting" | "live" | "reconnecting" | "closed";
  error: { code: string; message: string } | null;
}

export interface InitialRender {
  id: string;
  status: string;
  progress: number;
  stage: string | null;
}

function isStage(value: string | null): value is ProgressStage {
  return value !== null && (STAGES as readonly string[]).includes(value);
}

function initialState(render: InitialRender): RenderProgress {
  const state = (["queued", "running", "succeeded", "failed", "canceled"] as const).find((s) => s === render.status);
  return {
    state: state ?? "queued",
    progress: render.progress,
    stage: isStage(render.stage) ? render.stage : null,
    stageFraction: 0,
    events: [],
    connection: "connecting",
    error: null,
  };
}

export function applyEvent(current: RenderProgress, event: ProgressEvent): RenderProgress {
  const next = { ...current, events: [...current.events, event] };
  switch (event.type) {
    case "queued":
      return { ...next, state: "queued", error: null };
    case "claimed":
      return { ...next, state: "running" };
    case "stage": {
      const overall = (STAGES.indexOf(event.stage) + event.fraction) / STAGES.length;
      return { ...next, state: "running", stage: event.stage, stageFraction: event.fraction, progress: overall };
    }
    case "succeeded":
      return { ...next, state: "succeeded", progress: 1, stageFraction: 1 };
    case "failed":
      return { ...next, state: event.willRetry ? "queued" : "failed", error: event.error };
    case "canceled":
      return { ...next, state: "canceled" };
    default:
      return next;
  }
}

const TERMINAL: RenderState[] = ["succeeded", "failed", "canceled"];

export function useRenderProgress(render: InitialRender, onTerminal?: (state: RenderState) => void): RenderProgress {
  const [progress, setProgress] = useState(() => initialState(render));
  const onTerminalRef = useRef(onTerminal);
  onTerminalRef.current = onTerminal;

  // Callers key the component by render id, so one effect per render: the state above starts from `render`.
  const renderId = render.id;
  useEffect(() => {
    let lastSeq = -1;
    let socket: WebSocket | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let stopped = false;
    let terminal = false;

    const connect = () => {
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      socket = new WebSocket(`${scheme}://${location.host}/realtime/renders/${renderId}/ws?after=${lastSeq}`);
      socket.addEventListener("open", () => {
        attempts = 0;
        setProgress((p) => ({ ...p, connection: "live" }));
      });
      socket.addEventListener("message", (message) => {
        const data = JSON.parse(String(message.data)) as { type: string; event?: ProgressEvent };
        const event = data.type === "progress" ? data.event : undefined;
        // Replays after a reconnect may repeat what was seen: apply each seq once, in order.
        if (!event || event.seq <= lastSeq) return;
        lastSeq = event.seq;
        setProgress((p) => applyEvent(p, event));
        if (event.type === "succeeded" || event.type === "canceled" || (event.type === "failed" && !event.willRetry)) {
          terminal = true;
          onTerminalRef.current?.(
            event.type === "succeeded" ? "succeeded" : event.type === "canceled" ? "canceled" : "failed",
          );
          socket?.close();
        }
      });
      socket.addEventListener("close", () => {
        if (stopped || terminal) {
          setProgress((p) => ({ ...p, connection: "closed" }));
          return;
        }
        attempts += 1;
        setProgress((p) => ({ ...p, connection: "reconnecting" }));
        retryTimer = setTimeout(connect, Math.min(10_000, 500 * 2 ** attempts));
      });
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      socket?.close();
    };
  }, [renderId]);

  return progress;
}

export function isTerminalState(state: RenderState): boolean {
  return TERMINAL.includes(state);
}
