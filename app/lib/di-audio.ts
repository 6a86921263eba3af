/**
 * @module A library DI's audio in the browser, for the builder's waveform and audition: its bytes fetched once from
 * `/files/assets/:id` (the owner's download, streamed; progress reported), read in place when they are WAV or AIFF
 * (see pcm-audio.ts) or decoded with `decodeAudioData` at the file's own rate otherwise (FLAC), then analysed per
 * channel into a peak pyramid in idle slices (see idle-work.ts). Every waveform of the same DI shares one load and
 * one pyramid per channel; the last few DIs stay loaded. Auditions play through one shared `AudioContext`, one at a
 * time. Browser only: nothing here runs during server rendering.
 */
import type { DiChannel } from "@gts/api/contract";
import { buildPyramidWhenIdle } from "./idle-work";
import { type AudioSource, channelsSource, parsePcmLayout, pcmSource } from "./pcm-audio";
import type { PeakPyramid } from "./peak-pyramid";

export type DiLoadState =
  | { phase: "idle" }
  | { phase: "loading"; received: number; total: number | null }
  | { phase: "decoding" }
  | { phase: "ready"; source: AudioSource }
  | { phase: "error"; message: string };

export interface PeaksState {
  pyramid: PeakPyramid | null;
  /** Bumped on every slice of progress, so a waveform knows to redraw. */
  version: number;
}

/** What the DI's metadata says, used to decode at the file's own rate. */
export interface DiFacts {
  sampleRateHz: number | null;
  channels: number | null;
}

/** One DI's shared load: its state, its pyramids by channel, and who is listening. */
export class DiAudio {
  state: DiLoadState = { phase: "idle" };
  private readonly peaks = new Map<DiChannel, PeaksState>();
  private readonly listeners = new Set<() => void>();

  readonly assetId: string;
  private readonly facts: DiFacts;

  constructor(assetId: string, facts: DiFacts) {
    this.assetId = assetId;
    this.facts = facts;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(state: DiLoadState) {
    this.state = state;
    this.emit();
  }

  private emit() {
    for (const listener of [...this.listeners]) listener();
  }

  /** Starts loading (once). */
  load(): void {
    if (this.state.phase !== "idle") return;
    this.set({ phase: "loading", received: 0, total: null });
    this.fetchSource().then(
      (source) => this.set({ phase: "ready", source }),
      (error: unknown) => this.set({ phase: "error", message: error instanceof Error ? error.message : String(error) }),
    );
  }

  private async fetchSource(): Promise<AudioSource> {
    const response = await fetch(`/files/assets/${encodeURIComponent(this.assetId)}`, { credentials: "same-origin" });
    if (!response.ok) {
      throw new Error(
        `the DI could not be fetched (HTTP ${response.status}): ${(await response.text()).slice(0, 200)}`,
      );
    }
    const bytes = await readAll(response, (received, total) => this.set({ phase: "loading", received, total }));
    const layout = parsePcmLayout(bytes);
    if (layout) return pcmSource(bytes, layout);
    this.set({ phase: "decoding" });
    const rate = this.facts.sampleRateHz ?? 48_000;
    // An offline context at the file's own rate decodes without resampling; its length does not matter here.
    const context = new OfflineAudioContext(Math.max(1, this.facts.channels ?? 2), 1, rate);
    const buffer = await context.decodeAudioData(bytes.buffer as ArrayBuffer).catch((error: unknown) => {
      throw new Error(
        `this browser cannot decode the DI (${error instanceof Error ? error.message : String(error)}): use the ` +
          "number fields to mark riffs",
      );
    });
    const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
    return channelsSource(channels, buffer.sampleRate);
  }

  /** The pyramid of `channel` so far (none until {@link analyse} is called). */
  peaksOf(channel: DiChannel): PeaksState {
    return this.peaks.get(channel) ?? EMPTY_PEAKS;
  }

  /** Starts analysing `channel` into its pyramid (once, and only once the audio is ready). */
  analyse(channel: DiChannel): void {
    if (this.peaks.has(channel) || this.state.phase !== "ready") return;
    const entry: PeaksState = { pyramid: null, version: 0 };
    this.peaks.set(channel, entry);
    const update = (pyramid: PeakPyramid) => {
      this.peaks.set(channel, { pyramid, version: (this.peaks.get(channel)?.version ?? 0) + 1 });
      this.emit();
    };
    let last = 0;
    buildPyramidWhenIdle(this.state.source, channel, {
      // A redraw per slice is plenty; more would only repaint the same picture.
      onProgress: (pyramid) => {
        const now = performance.now();
        if (now - last > 50) {
          last = now;
          update(pyramid);
        }
      },
    }).then(update, (error: unknown) =>
      this.set({ phase: "error", message: `the waveform could not be analysed: ${String(error)}` }),
    );
  }
}

const EMPTY_PEAKS: PeaksState = { pyramid: null, version: 0 };

/** Bytes of the response, with progress; into one preallocated array when the length is known. */
async function readAll(
  response: Response,
  onProgress: (received: number, total: number | null) => void,
): Promise<Uint8Array> {
  const length = Number(response.headers.get("Content-Length"));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  let out = new Uint8Array(total ?? 1 << 20);
  let received = 0;
  let lastReport = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (received + value.length > out.length) {
      const grown = new Uint8Array(Math.max(out.length * 2, received + value.length));
      grown.set(out.subarray(0, received));
      out = grown;
    }
    out.set(value, received);
    received += value.length;
    if (received - lastReport > 1 << 20) {
      lastReport = received;
      onProgress(received, total);
    }
  }
  return received === out.length ? out : out.slice(0, received);
}

/** Loaded DIs kept for reuse (a 20-minute DI's bytes can be 200 MB: only the last few stay). */
const KEEP = 3;
const loaded = new Map<string, DiAudio>();

/** The shared load of a DI (not started: call `load`). */
export function diAudio(assetId: string, facts: DiFacts): DiAudio {
  const existing = loaded.get(assetId);
  if (existing) {
    loaded.delete(assetId);
    loaded.set(assetId, existing);
    return existing;
  }
  const entry = new DiAudio(assetId, facts);
  loaded.set(assetId, entry);
  for (const key of loaded.keys()) {
    if (loaded.size <= KEEP) break;
    loaded.delete(key);
  }
  return entry;
}

/** What is auditioning now: which waveform asked, and the stretch of the DI it plays. */
export interface Audition {
  owner: string;
  from: number;
  to: number;
  /** `AudioContext.currentTime` when `from` played. */
  startedAt: number;
}

/** The longest "play from here" (a click outside any riff); a riff plays whole. */
export const PLAY_FROM_HERE_SECONDS = 15;

let context: AudioContext | null = null;
let playing: { audition: Audition; node: AudioBufferSourceNode } | null = null;
const auditionListeners = new Set<() => void>();

function emitAudition() {
  for (const listener of [...auditionListeners]) listener();
}

export const auditions = {
  subscribe(listener: () => void) {
    auditionListeners.add(listener);
    return () => auditionListeners.delete(listener);
  },
  current: (): Audition | null => playing?.audition ?? null,
  /** The DI's time being heard now, or null when nothing plays. */
  position(): number | null {
    if (!playing || !context) return null;
    const { from, to, startedAt } = playing.audition;
    return Math.min(to, from + Math.max(0, context.currentTime - startedAt));
  },
  /**
   * Plays `[from, to)` of `channel` (must be called from a user gesture the first time: browsers start audio
   * contexts only then). Stops whatever was playing.
   */
  async play(owner: string, source: AudioSource, channel: DiChannel, from: number, to: number): Promise<void> {
    auditions.stop();
    context ??= new AudioContext();
    if (context.state === "suspended") await context.resume();
    const first = Math.max(0, Math.floor(from * source.sampleRateHz));
    const frames = Math.max(1, Math.min(source.frames - first, Math.ceil((to - from) * source.sampleRateHz)));
    if (frames <= 0 || first >= source.frames) return;
    const buffer = context.createBuffer(1, frames, source.sampleRateHz);
    const samples = new Float32Array(frames);
    source.read(channel, first, frames, samples);
    buffer.copyToChannel(samples, 0);
    const node = context.createBufferSource();
    node.buffer = buffer;
    node.connect(context.destination);
    const audition: Audition = {
      owner,
      from: first / source.sampleRateHz,
      to: (first + frames) / source.sampleRateHz,
      startedAt: context.currentTime,
    };
    node.onended = () => {
      if (playing?.node === node) {
        playing = null;
        emitAudition();
      }
    };
    node.start();
    playing = { audition, node };
    emitAudition();
  },
  stop(): void {
    if (!playing) return;
    const { node } = playing;
    playing = null;
    node.onended = null;
    try {
      node.stop();
    } catch {
      // Already ended.
    }
    emitAudition();
  },
};
