import { useEffect, useRef, useState } from "react";
import { AbPlayer as Player, type PlayerCue, type PlayerSnapshot } from "../lib/ab-player";
import { formatClock, formatDb } from "../lib/format";
import { ProgressBar } from "./ProgressBar";

declare global {
  interface Window {
    /** The share page's player state, for tests and the curious: `window.__player.snapshot()`. */
    __player?: { snapshot: () => PlayerSnapshot; switchTo: (chainIndex: number) => void };
  }
}

export interface AbPlayerProps {
  chains: { name: string; colour: string }[];
  /** One stem per chain, in chain order. */
  stemUrls: string[];
  cues: PlayerCue[];
  /** Integrated loudness per chain after matching (first DI), shown on its button. */
  loudnessLufs: (number | null)[];
  gainDb: (number | null)[];
}

/** Instant A/B between chains: all stems play in sync; keys 1–9, a click or a tap switches with a short crossfade. */
export function AbPlayer({ chains, stemUrls, cues, loudnessLufs, gainDb }: AbPlayerProps) {
  const playerRef = useRef<Player | null>(null);
  const [snapshot, setSnapshot] = useState<PlayerSnapshot | null>(null);
  const [loading, setLoading] = useState<{ fraction: number; error: string | null }>({ fraction: 0, error: null });
  const [position, setPosition] = useState(0);

  useEffect(() => {
    const player = new Player(stemUrls, cues);
    playerRef.current = player;
    const unsubscribe = player.subscribe(setSnapshot);
    window.__player = { snapshot: () => player.snapshot(), switchTo: (i) => player.switchTo(i) };
    player
      .load((fraction) => setLoading({ fraction, error: null }))
      .catch((error: unknown) =>
        setLoading({
          fraction: 0,
          error: `The stems could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
        }),
      );
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable]")) return;
      if (/^[1-9]$/.test(event.key)) {
        player.switchTo(Number(event.key) - 1);
        event.preventDefault();
      } else if (event.key === " " && !target?.closest("button, a")) {
        player.toggle();
        event.preventDefault();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      unsubscribe();
      delete window.__player;
      void player.close();
    };
  }, [stemUrls, cues]);

  // The clock, while playing.
  useEffect(() => {
    if (!snapshot?.playing) return;
    let frame = requestAnimationFrame(function tick() {
      setPosition(playerRef.current?.position ?? 0);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [snapshot?.playing]);

  const player = playerRef.current;
  const ready = snapshot?.loaded ?? false;
  const active = snapshot?.activeChain ?? 0;
  const cue = cues.find((c) => position >= c.startSeconds && position < c.endSeconds);

  return (
    <section
      className="ab-player"
      aria-labelledby="player-heading"
      data-testid="ab-player"
      data-active-chain={active}
      data-playing={snapshot?.playing ? "true" : "false"}
      data-ready={ready ? "true" : "false"}
    >
      <h2 id="player-heading">Listen</h2>
      {!ready && !loading.error && <ProgressBar value={loading.fraction} label="Loading the stems" />}
      {loading.error && (
        <p className="field-error" role="alert">
          {loading.error}
        </p>
      )}
      <div className="player-transport">
        <button
          type="button"
          className="button play-button"
          disabled={!ready}
          onClick={() => player?.toggle()}
          aria-label={snapshot?.playing ? "Pause" : "Play"}
          data-testid="play"
        >
          {snapshot?.playing ? "❚❚ Pause" : "▶ Play"}
        </button>
        <span className="player-clock" aria-live="off">
          {formatClock(position)}
          {cue?.riffIndex !== undefined ? ` · riff ${cue.riffIndex + 1}` : ""}
        </span>
        <label className="toggle">
          <input
            type="checkbox"
            checked={snapshot?.looping ?? true}
            onChange={(event) => player?.setLooping(event.currentTarget.checked)}
          />
          Loop the riff
        </label>
      </div>
      <fieldset className="chain-buttons">
        <legend className="visually-hidden">Chains (keys 1 to 9)</legend>
        {chains.map((chain, index) => (
          <button
            key={chain.name}
            type="button"
            className={`chain-button${index === active ? " chain-button-active" : ""}`}
            style={{ "--chain-colour": chain.colour } as React.CSSProperties}
            aria-pressed={index === active}
            aria-keyshortcuts={index < 9 ? String(index + 1) : undefined}
            onClick={() => player?.switchTo(index)}
            data-testid={`chain-button-${index}`}
          >
            <span className="chain-key">{index + 1}</span>
            <span className="chain-button-name">{chain.name}</span>
            <span className="chain-button-level">
              {loudnessLufs[index] != null ? `${loudnessLufs[index]?.toFixed(1)} LUFS` : ""}
              {gainDb[index] != null ? ` · ${formatDb(gainDb[index] ?? null)}` : ""}
            </span>
          </button>
        ))}
      </fieldset>
      <p className="hint">
        Press 1–{Math.min(9, chains.length)} or tap a chain to switch instantly; every chain is matched in loudness, so
        you hear the tone, not the level.
      </p>
    </section>
  );
}
