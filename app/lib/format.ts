/** @module Formatting numbers with their units for display: seconds, hertz, decibels, bytes. */

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(Math.round(seconds % 60)).padStart(2, "0")} min`;
}

export function formatClock(seconds: number): string {
  const s = Math.max(0, seconds);
  return `${Math.floor(s / 60)}:${(s % 60).toFixed(1).padStart(4, "0")}`;
}

export function formatHz(hz: number): string {
  return hz >= 1000 ? `${(hz / 1000).toFixed(hz % 1000 === 0 ? 0 : 1)} kHz` : `${hz} Hz`;
}

export function formatDb(db: number | null, unit = "dB"): string {
  if (db === null || !Number.isFinite(db)) return "—";
  // Round first, so -0.04 shows as 0.0 rather than -0.0.
  const rounded = Math.round(db * 10) / 10 || 0;
  return `${rounded > 0 ? "+" : ""}${rounded.toFixed(1)} ${unit}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatChannels(channels: number): string {
  return channels === 1 ? "mono" : channels === 2 ? "stereo" : `${channels} ch`;
}
