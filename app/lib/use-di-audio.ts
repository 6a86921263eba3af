/** @module React's view of a DI's shared load, its channel's peaks and the audition now playing (see di-audio.ts). */
import type { DiChannel } from "@gts/api/contract";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import {
  type Audition,
  auditions,
  type DiAudio,
  type DiFacts,
  type DiLoadState,
  diAudio,
  type PeaksState,
} from "./di-audio";

const IDLE: DiLoadState = { phase: "idle" };
const NO_PEAKS: PeaksState = { pyramid: null, version: 0 };
const noop = () => () => {};

/**
 * The DI's load state and its channel's peaks; loading starts once `visible` is true (the waveform scrolled into
 * view, or its panel opened), analysis of a channel once the audio is ready.
 */
export function useDiAudio(assetId: string, facts: DiFacts, channel: DiChannel, visible: boolean) {
  const { sampleRateHz, channels } = facts;
  // biome-ignore lint/correctness/useExhaustiveDependencies: one shared load per DI; its facts do not change.
  const di: DiAudio | null = useMemo(
    () => (assetId && typeof window !== "undefined" ? diAudio(assetId, { sampleRateHz, channels }) : null),
    [assetId],
  );
  const state = useSyncExternalStore(
    di?.subscribe ?? noop,
    () => di?.state ?? IDLE,
    () => IDLE,
  );
  const peaks = useSyncExternalStore(
    di?.subscribe ?? noop,
    () => di?.peaksOf(channel) ?? NO_PEAKS,
    () => NO_PEAKS,
  );
  useEffect(() => {
    if (visible) di?.load();
  }, [di, visible]);
  const ready = state.phase === "ready";
  useEffect(() => {
    if (ready) di?.analyse(channel);
  }, [di, ready, channel]);
  return { state, peaks };
}

/** The audition playing now (any waveform's). */
export function useAudition(): Audition | null {
  return useSyncExternalStore(auditions.subscribe, auditions.current, () => null);
}

/** True once the page has hydrated: parts that need JavaScript render hidden on the server. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
