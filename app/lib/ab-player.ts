/**
 * @module The share page's A/B player: every chain's stem decoded into one AudioContext, all started at the same
 * context time from the same offset (so they stay sample-aligned), each through its own gain. Switching chains only
 * moves gains (a short crossfade); nothing is stopped or restarted, so playback never gaps. The stems are the render's
 * 24-bit FLACs where it has them (lossless, no encoder delay: they decode to exactly the WAV's frames), else its WAVs.
 */

/** Long enough to hide the click of a hard switch, short enough to feel instant. */
export const CROSSFADE_SECONDS = 0.03;

/**
 * The rate every render's stems have (the contract's RENDER_SAMPLE_RATE_HZ, not imported to keep the contract's
 * schemas out of the page's JavaScript). The context runs at it, so `decodeAudioData` hands back the stems' own samples,
 * not a copy resampled to the device's rate; the browser converts once, at the output.
 */
export const STEM_SAMPLE_RATE_HZ = 48_000;

export interface PlayerCue {
  startSeconds: number;
  endSeconds: number;
  chainIndex: number;
  riffIndex?: number;
}

export interface PlayerSnapshot {
  activeChain: number;
  playing: boolean;
  loaded: boolean;
  looping: boolean;
  /** Program seconds now. */
  position: number;
  /** Times the sources were (re)started: switching chains must not change it. */
  starts: number;
  switches: number;
  contextState: AudioContextState | "none";
  /** The gain each chain is heading to (1 for the active chain, 0 for the others). */
  gains: number[];
  /** Each chain's decoded stem, in frames (empty until loaded): equal to the rendered file's frame count. */
  frames: number[];
  /** The context's sample rate, 0 before there is one. */
  sampleRate: number;
}

type Listener = (snapshot: PlayerSnapshot) => void;

export class AbPlayer {
  #context: AudioContext | null = null;
  #buffers: AudioBuffer[] = [];
  #gains: GainNode[] = [];
  #sources: AudioBufferSourceNode[] = [];
  #active = 0;
  #playing = false;
  #looping = true;
  #loop: { start: number; end: number } | null = null;
  /** Context time at which program position `#offset` played. */
  #startedAt = 0;
  #offset = 0;
  #starts = 0;
  #switches = 0;
  #listeners = new Set<Listener>();

  private readonly stemUrls: string[];
  private readonly cues: PlayerCue[];

  constructor(stemUrls: string[], cues: PlayerCue[]) {
    this.stemUrls = stemUrls;
    this.cues = cues;
  }

  get loaded(): boolean {
    return this.#buffers.length === this.stemUrls.length && this.#buffers.length > 0;
  }

  /** Fetches and decodes every stem; `onProgress` gets the fraction of stems ready. */
  async load(onProgress?: (fraction: number) => void): Promise<void> {
    const context = this.#ensureContext();
    let done = 0;
    this.#buffers = await Promise.all(
      this.stemUrls.map(async (url) => {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`stem ${url}: HTTP ${response.status}`);
        const buffer = await context.decodeAudioData(await response.arrayBuffer());
        done += 1;
        onProgress?.(done / this.stemUrls.length);
        return buffer;
      }),
    );
    this.#gains = this.#buffers.map((_, i) => {
      const gain = context.createGain();
      gain.gain.value = i === this.#active ? 1 : 0;
      gain.connect(context.destination);
      return gain;
    });
    this.#emit();
  }

  get duration(): number {
    return Math.min(...this.#buffers.map((b) => b.duration));
  }

  get position(): number {
    if (!this.#playing || !this.#context) return this.#offset;
    const elapsed = this.#context.currentTime - this.#startedAt;
    const raw = this.#offset + elapsed;
    if (this.#loop && raw >= this.#loop.end) {
      const length = this.#loop.end - this.#loop.start;
      return this.#loop.start + ((raw - this.#loop.start) % length);
    }
    return Math.min(raw, this.duration);
  }

  async play(): Promise<void> {
    if (!this.loaded || this.#playing) return;
    const context = this.#ensureContext();
    if (context.state === "suspended") await context.resume();
    if (this.#offset >= this.duration - 0.01) this.#offset = 0;
    this.#loop = this.#looping ? this.#riffAround(this.#offset) : null;
    const when = context.currentTime + 0.05;
    this.#sources = this.#buffers.map((buffer, i) => {
      const source = context.createBufferSource();
      source.buffer = buffer;
      if (this.#loop) {
        source.loop = true;
        source.loopStart = this.#loop.start;
        source.loopEnd = this.#loop.end;
      }
      source.connect(this.#gains[i] as GainNode);
      source.start(when, this.#offset);
      return source;
    });
    this.#sources[0]?.addEventListener("ended", () => {
      if (this.#playing && !this.#loop) {
        this.#playing = false;
        this.#offset = 0;
        this.#emit();
      }
    });
    this.#startedAt = when;
    this.#starts += 1;
    this.#playing = true;
    this.#emit();
  }

  pause(): void {
    if (!this.#playing) return;
    this.#offset = this.position;
    this.#playing = false;
    this.#stopSources();
    this.#emit();
  }

  toggle(): void {
    if (this.#playing) this.pause();
    else void this.play();
  }

  /** Crossfades to `chainIndex`; the sources keep running, so the switch lands on the same sample position. */
  switchTo(chainIndex: number): void {
    if (chainIndex < 0 || chainIndex >= this.stemUrls.length || chainIndex === this.#active) return;
    this.#active = chainIndex;
    this.#switches += 1;
    const context = this.#context;
    if (context) {
      const now = context.currentTime;
      for (const [i, gain] of this.#gains.entries()) {
        // Hold the value reached so far (a fade may be under way), then approach the target: the two fades are
        // complementary (their sum stays 1), right for two takes of the same riff, and never overlap-refused.
        gain.gain.cancelScheduledValues(now);
        gain.gain.setValueAtTime(gain.gain.value, now);
        gain.gain.setTargetAtTime(i === chainIndex ? 1 : 0, now, CROSSFADE_SECONDS / 4);
      }
    }
    this.#emit();
  }

  /** Loop the riff being played (from the cues) or play the whole program. */
  setLooping(looping: boolean): void {
    this.#looping = looping;
    if (this.#playing) {
      this.#offset = this.position;
      this.#playing = false;
      this.#stopSources();
      void this.play();
    }
    this.#emit();
  }

  snapshot(): PlayerSnapshot {
    return {
      activeChain: this.#active,
      playing: this.#playing,
      loaded: this.loaded,
      looping: this.#looping,
      position: this.position,
      starts: this.#starts,
      switches: this.#switches,
      contextState: this.#context?.state ?? "none",
      gains: this.#gains.map((_, i) => (i === this.#active ? 1 : 0)),
      frames: this.#buffers.map((buffer) => buffer.length),
      sampleRate: this.#context?.sampleRate ?? 0,
    };
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#stopSources();
    this.#playing = false;
    await this.#context?.close();
    this.#context = null;
  }

  #riffAround(position: number): { start: number; end: number } | null {
    const cue = this.cues.find((c) => position >= c.startSeconds && position < c.endSeconds) ?? this.cues[0];
    return cue ? { start: cue.startSeconds, end: Math.min(cue.endSeconds, this.duration) } : null;
  }

  #stopSources(): void {
    for (const source of this.#sources) {
      try {
        source.stop();
      } catch {
        // Already stopped.
      }
      source.disconnect();
    }
    this.#sources = [];
  }

  #ensureContext(): AudioContext {
    if (!this.#context) {
      try {
        this.#context = new AudioContext({ sampleRate: STEM_SAMPLE_RATE_HZ });
      } catch {
        // A browser that cannot run a context at that rate: the device's rate, with the stems resampled on decoding.
        this.#context = new AudioContext();
      }
    }
    return this.#context;
  }

  #emit(): void {
    const snapshot = this.snapshot();
    for (const listener of this.#listeners) listener(snapshot);
  }
}
