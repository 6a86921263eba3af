/**
 * @module One shootout video in either orientation: the A/B view on the program's clock, with the title, intro and end
 * cards overlaid at their windows, the program audio, and the active-chain marker above everything.
 */
import { useMemo } from "react";
import { AbsoluteFill, Html5Audio, Sequence, staticFile, useCurrentFrame, useVideoConfig } from "remotion";
import { cueIndexAt } from "../helpers/cue-index-at.ts";
import { overlayWindows } from "../helpers/overlay-windows.ts";
import { riffStarts } from "../helpers/riff-starts.ts";
import { roundsOfCues } from "../helpers/rounds-of-cues.ts";
import type { ShootoutProps } from "../shootout-props.ts";
import { ActiveMarker } from "./ActiveMarker.tsx";
import { ChainIntroCard } from "./ChainIntroCard.tsx";
import { ChainList } from "./ChainList.tsx";
import { COLOURS, type Layout } from "./constants.ts";
import { EndCard } from "./EndCard.tsx";
import { LoudnessMeter } from "./LoudnessMeter.tsx";
import { FONT_FAMILY } from "./load-fonts.ts";
import { SignalFlow } from "./SignalFlow.tsx";
import { TitleCard } from "./TitleCard.tsx";
import { Waveform } from "./Waveform.tsx";

const isUrl = (src: string) => /^(https?:|data:|blob:)/.test(src);

export const ShootoutView: React.FC<{ props: ShootoutProps; layout: Layout }> = ({ props, layout }) => {
  const frame = useCurrentFrame();
  const { fps, durationInFrames } = useVideoConfig();
  const timeSeconds = frame / fps;
  // The short may play only part of the program; the waveform and cards follow the video's own length.
  const videoSeconds = Math.min(props.durationSeconds, durationInFrames / fps);
  const derived = useMemo(() => {
    const cues = props.cues.filter((cue) => cue.startSeconds < videoSeconds);
    return {
      cues,
      rounds: roundsOfCues(cues),
      riffs: riffStarts(cues),
      windows: overlayWindows(cues, videoSeconds, fps),
      colours: props.chains.map((chain) => chain.colour),
      peaks: props.waveformPeaks.slice(
        0,
        Math.ceil((videoSeconds / props.durationSeconds) * props.waveformPeaks.length),
      ),
    };
  }, [props, videoSeconds, fps]);
  const cueIndex = cueIndexAt(derived.cues, timeSeconds);
  const cue = derived.cues[cueIndex] ?? props.cues[0];
  const chainIndex = cue?.chainIndex ?? 0;
  const chain = props.chains[chainIndex] ?? props.chains[0];
  if (!chain || !cue) throw new Error("ShootoutView: props have no chains or no cues (the schema requires both)");
  const di = props.dis[cue.diIndex];
  const segment = props.loudness.find((row) => row.chainIndex === chainIndex && row.diIndex === cue.diIndex);
  const peak =
    derived.peaks[
      Math.min(derived.peaks.length - 1, Math.floor((timeSeconds / videoSeconds) * derived.peaks.length))
    ] ?? 0;
  const b = layout.basePx;
  const portrait = layout.chainListDirection === "row";
  const where = [
    props.dis.length > 1 || cue.riffIndex === undefined ? `DI ${cue.diIndex + 1}` : null,
    cue.riffIndex === undefined ? null : `Riff ${cue.riffIndex + 1}`,
    `Round ${(derived.rounds[cueIndex] ?? 0) + 1}`,
  ]
    .filter((part) => part !== null)
    .join(" · ");
  const innerWidth = layout.widthPx - layout.paddingPx * 2;
  return (
    <AbsoluteFill style={{ backgroundColor: COLOURS.background, fontFamily: FONT_FAMILY, color: COLOURS.text }}>
      {props.audioSrc ? <Html5Audio src={isUrl(props.audioSrc) ? props.audioSrc : staticFile(props.audioSrc)} /> : null}
      <AbsoluteFill style={{ padding: layout.paddingPx, gap: b, display: "flex", flexDirection: "column" }}>
        <div
          style={{
            height: layout.headerHeightPx - layout.paddingPx,
            display: "flex",
            flexDirection: portrait ? "column" : "row",
            justifyContent: portrait ? "center" : "space-between",
            alignItems: portrait ? "flex-start" : "center",
            paddingRight: portrait ? 0 : b * 3,
            gap: b * 0.4,
          }}
        >
          <div
            style={{ fontSize: b * 1.3, fontWeight: 800, whiteSpace: "nowrap", overflow: "hidden", maxWidth: "70%" }}
          >
            {props.title}
          </div>
          <div style={{ fontSize: b * 1.1, fontWeight: 600, color: COLOURS.muted }}>
            {where}
            {di && props.dis.length > 1 ? ` — ${di.name}` : ""}
          </div>
        </div>
        <div
          style={{ flex: 1, display: "flex", flexDirection: portrait ? "column" : "row", gap: b * 1.5, minHeight: 0 }}
        >
          <ChainList chains={props.chains} activeIndex={chainIndex} layout={layout} />
          <div
            style={{
              flex: 1,
              display: "flex",
              flexDirection: "column",
              // Portrait has height to spare: centre the stage instead of pinning the meter to the bottom.
              justifyContent: portrait ? "center" : "flex-start",
              gap: b * (portrait ? 1.5 : 1),
              minWidth: 0,
            }}
          >
            <div style={{ fontSize: b * 0.8, fontWeight: 800, color: COLOURS.muted, letterSpacing: 3 }}>
              NOW PLAYING · CHAIN {String.fromCharCode(65 + chainIndex)}
            </div>
            <div
              style={{ fontSize: b * (portrait ? 3.4 : 4.2), fontWeight: 800, color: chain.colour, lineHeight: 1.05 }}
            >
              {chain.name}
            </div>
            <SignalFlow blocks={chain.blocks} colour={chain.colour} basePx={b * (portrait ? 1.5 : 1.7)} />
            {portrait ? null : <div style={{ flex: 1 }} />}
            <LoudnessMeter
              segment={segment}
              achievedLufs={props.achievedLufs}
              peak={peak}
              colour={chain.colour}
              widthPx={portrait ? innerWidth : innerWidth - layout.chainListSizePx - b * 1.5}
              basePx={b}
            />
          </div>
        </div>
        <Waveform
          peaks={derived.peaks}
          cues={derived.cues}
          colours={derived.colours}
          riffs={derived.riffs}
          durationSeconds={videoSeconds}
          activeCueIndex={cueIndex}
          timeSeconds={timeSeconds}
          widthPx={innerWidth}
          heightPx={layout.waveformHeightPx}
          basePx={b}
        />
      </AbsoluteFill>
      {derived.windows.intros.map((intro) => (
        <Sequence key={intro.chainIndex} from={intro.from} durationInFrames={intro.durationInFrames} name="Chain intro">
          <ChainIntroCard
            chain={props.chains[intro.chainIndex] ?? chain}
            chainIndex={intro.chainIndex}
            layout={layout}
          />
        </Sequence>
      ))}
      <Sequence
        from={derived.windows.title.from}
        durationInFrames={derived.windows.title.durationInFrames}
        name="Title"
      >
        <TitleCard props={props} layout={layout} />
      </Sequence>
      <Sequence from={derived.windows.end.from} durationInFrames={derived.windows.end.durationInFrames} name="End card">
        <EndCard props={props} layout={layout} />
      </Sequence>
      <ActiveMarker colour={chain.colour} />
    </AbsoluteFill>
  );
};
