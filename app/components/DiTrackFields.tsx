import type { DiChannel } from "@gts/api/contract";
import { auditions } from "../lib/di-audio";
import {
  CHANNEL_LABELS,
  DI_CHANNELS,
  type DiChoice,
  diLabels,
  type EditorDiTrack,
  MAX_RIFFS_PER_DI,
} from "../lib/di-tracks";
import { diFieldName } from "../lib/di-tracks-form";
import { formatSeconds } from "../lib/format";
import { formatTime, nextFreeSpan, riffProblems, rowSpans, type Span } from "../lib/riff-editor";
import { useAudition, useDiAudio, useHydrated } from "../lib/use-di-audio";
import { FieldError } from "./FieldError";
import { RiffWaveform } from "./RiffWaveform";
import { WaveformThumbnail } from "./WaveformThumbnail";

export interface DiTrackFieldsProps {
  index: number;
  track: EditorDiTrack;
  dis: DiChoice[];
  onSet: (field: "assetId" | "channel", value: string) => void;
  onSetRiff: (riff: number, values: { start?: string; end?: string }) => void;
  onAddRiff: (span: Span, via: "button" | "waveform") => void;
  onRemoveRiff: (riff: number) => void;
  /** Absent for the only track (a shootout needs one). */
  onRemove?: () => void;
  announce: (message: string) => void;
}

const isChannel = (value: string): value is DiChannel => (DI_CHANNELS as readonly string[]).includes(value);

/** One DI track: its DI and channel, its waveform (with JavaScript) and its riffs as start/end fields. */
export function DiTrackFields({
  index: t,
  track,
  dis,
  onSet,
  onSetRiff,
  onAddRiff,
  onRemoveRiff,
  onRemove,
  announce,
}: DiTrackFieldsProps) {
  const hydrated = useHydrated();
  const audition = useAudition();
  const di = dis.find((d) => d.id === track.assetId);
  const duration = di?.durationSeconds ?? null;
  const channel: DiChannel = isChannel(track.channel) ? track.channel : "left";
  const id = (field: string) => `di-${t}-${field}`;
  const problems = riffProblems(track.riffs, duration);
  const spans = rowSpans(track.riffs);
  const free = nextFreeSpan(spans, duration);
  const canAdd = track.riffs.length < MAX_RIFFS_PER_DI;
  const channelProblem =
    track.errors.channel ??
    (channel === "right" && di?.channels === 1 ? "This DI has one channel: choose Left or the mix" : undefined);
  const assetError = track.errors.assetId ?? track.errors[""];
  const riffsError = track.errors.riffs;
  const playingHere = audition?.owner === track.key ? audition : null;
  // The waveform loads the DI (when it comes into view); the Play buttons share that load.
  const { state } = useDiAudio(
    di?.id ?? "",
    { sampleRateHz: di?.sampleRateHz ?? null, channels: di?.channels ?? null },
    channel,
    false,
  );
  const source = state.phase === "ready" ? state.source : null;

  return (
    <fieldset className="di-track" data-testid="di-track" id={id("fields")}>
      <legend>DI track {t + 1}</legend>
      <div className="grid-fields">
        <label htmlFor={id("asset")}>
          {diLabels.recording(t)}
          <select
            id={id("asset")}
            name={diFieldName(t, "assetId")}
            value={track.assetId}
            onChange={(event) => onSet("assetId", event.target.value)}
            aria-invalid={assetError ? true : undefined}
            aria-describedby={assetError ? id("asset-error") : undefined}
          >
            {!di && <option value={track.assetId}>{track.assetId ? "(not in your library)" : "Choose a DI"}</option>}
            {dis.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
                {d.durationSeconds !== null ? ` (${formatSeconds(d.durationSeconds)})` : ""}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={id("channel")}>
          {diLabels.channel(t)}
          <select
            id={id("channel")}
            name={diFieldName(t, "channel")}
            value={channel}
            onChange={(event) => onSet("channel", event.target.value)}
            aria-invalid={channelProblem ? true : undefined}
            aria-describedby={channelProblem ? id("channel-error") : undefined}
          >
            {DI_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FieldError id={id("asset-error")} message={assetError} />
      <FieldError id={id("channel-error")} message={channelProblem} />
      {di && (
        <p className="hint di-facts">
          <WaveformThumbnail name={di.name} waveform={di.waveform} peakDbfs={di.peakDbfs} width={72} height={18} />
          <span>
            {di.durationSeconds !== null && `${formatSeconds(di.durationSeconds)}`}
            {di.channels !== null && ` · ${di.channels === 1 ? "mono" : `${di.channels} channels`}`}
            {di.sampleRateHz !== null && ` · ${di.sampleRateHz / 1000} kHz`}
          </span>
        </p>
      )}
      {hydrated && di && (
        <RiffWaveform
          // A different DI is a different waveform (view, gestures).
          key={di.id}
          track={t}
          owner={track.key}
          assetId={di.id}
          diName={di.name}
          durationSeconds={di.durationSeconds}
          sampleRateHz={di.sampleRateHz}
          channels={di.channels}
          peakDbfs={di.peakDbfs}
          channel={channel}
          riffs={track.riffs}
          canAdd={canAdd}
          onAdd={(span) => onAddRiff(span, "waveform")}
          onSet={onSetRiff}
          onRemove={onRemoveRiff}
          announce={announce}
        />
      )}
      <h3 className="blocks-heading" id={id("riffs-heading")}>
        Riffs{" "}
        <span className="hint">
          {track.riffs.length} of at most {MAX_RIFFS_PER_DI}, in time order; none (or both fields empty) uses the whole
          DI
        </span>
      </h3>
      {track.riffs.length > 0 && (
        <ol className="riff-list" aria-labelledby={id("riffs-heading")}>
          {track.riffs.map((riff, r) => {
            const startError = riff.errors.startSeconds ?? riff.errors[""] ?? problems[r]?.start;
            const endError = riff.errors.endSeconds ?? problems[r]?.end;
            const span = spans[r];
            const playing =
              playingHere && span && playingHere.from >= span.start - 1e-3 && playingHere.to <= span.end + 1e-3;
            return (
              <li key={riff.key} className="riff-row" data-testid="riff-row">
                <span className="riff-number" aria-hidden="true">
                  {r + 1}
                </span>
                <label className="riff-field" htmlFor={id(`riff-${r}-start`)}>
                  {diLabels.riffStart(t, r)}
                  <input
                    id={id(`riff-${r}-start`)}
                    name={diFieldName(t, "startSeconds", r)}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    step={0.001}
                    value={riff.start}
                    onChange={(event) => onSetRiff(r, { start: event.target.value })}
                    aria-invalid={startError ? true : undefined}
                    aria-describedby={startError ? id(`riff-${r}-start-error`) : undefined}
                  />
                </label>
                <label className="riff-field" htmlFor={id(`riff-${r}-end`)}>
                  {diLabels.riffEnd(t, r)}
                  <input
                    id={id(`riff-${r}-end`)}
                    name={diFieldName(t, "endSeconds", r)}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    step={0.001}
                    value={riff.end}
                    onChange={(event) => onSetRiff(r, { end: event.target.value })}
                    aria-invalid={endError ? true : undefined}
                    aria-describedby={endError ? id(`riff-${r}-end-error`) : undefined}
                  />
                </label>
                <span className="riff-length hint">{span ? `${formatTime(span.end - span.start)} s` : ""}</span>
                {hydrated && (
                  <span className="riff-actions">
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      disabled={!span || !source}
                      aria-pressed={playing ? true : undefined}
                      onClick={() => {
                        if (playing) auditions.stop();
                        else if (source && span) void auditions.play(track.key, source, channel, span.start, span.end);
                      }}
                    >
                      {playing ? "Stop" : "Play"}
                      <span className="visually-hidden"> {diLabels.riffName(t, r)}</span>
                    </button>
                    <button
                      type="button"
                      className="button button-quiet button-small button-danger"
                      onClick={() => onRemoveRiff(r)}
                    >
                      Remove<span className="visually-hidden"> {diLabels.riffName(t, r)}</span>
                    </button>
                  </span>
                )}
                <div className="riff-errors">
                  <FieldError id={id(`riff-${r}-start-error`)} message={startError} />
                  <FieldError id={id(`riff-${r}-end-error`)} message={endError} />
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <FieldError id={id("riffs-error")} message={riffsError} />
      {/* Adding and removing need JavaScript; without it, the fields shown still submit. */}
      <div className="chain-actions" hidden={!hydrated}>
        <button
          type="button"
          id={id("add-riff")}
          className="button button-quiet"
          disabled={!canAdd || !free}
          onClick={() => free && onAddRiff(free, "button")}
        >
          Add riff
        </button>
        {onRemove && (
          <button type="button" className="button button-quiet button-danger" onClick={onRemove}>
            Remove DI track {t + 1}
          </button>
        )}
      </div>
    </fieldset>
  );
}
