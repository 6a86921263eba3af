/** @module Default props for the Studio: a silent two-riff, three-chain shootout with a synthetic waveform. */
import type { ShootoutProps } from "./shootout-props.ts";

const chains: ShootoutProps["chains"] = [
  {
    name: "Plexi crunch",
    colour: "#f5a524",
    blocks: [
      { type: "gate", label: "Gate", detail: "−60 dB", enabled: true },
      { type: "capture", label: "Plexi 1959 #2", detail: "amp · modelled by demo · CC BY 4.0", enabled: true },
      { type: "ir", label: "4x12 V30 SM57", detail: "cab IR · demo · CC0", enabled: true },
    ],
  },
  {
    name: "Recto modern",
    colour: "#f31260",
    blocks: [
      { type: "gain", label: "Boost +6 dB", detail: "", enabled: true },
      { type: "capture", label: "Dual Rec Modern", detail: "amp · modelled by demo · CC BY 4.0", enabled: true },
      { type: "ir", label: "Oversized 4x12", detail: "cab IR · demo · CC0", enabled: true },
      { type: "reverb", label: "Room 1.2 s", detail: "", enabled: false },
    ],
  },
  {
    name: "Clean DI-box",
    colour: "#17c964",
    blocks: [{ type: "ir", label: "1x12 Alnico Blue", detail: "cab IR · demo · CC0", enabled: true }],
  },
];

const cues: ShootoutProps["cues"] = [];
for (let i = 0; i < 12; i++) {
  cues.push({
    startSeconds: i * 4,
    endSeconds: i * 4 + 4,
    chainIndex: i % 3,
    diIndex: 0,
    riffIndex: Math.floor(i / 6),
  });
}

export const DEMO_PROPS: ShootoutProps = {
  title: "Three amps, one riff",
  creator: "Guitar Tone Shootout",
  dis: [{ name: "Riff in E", notes: "Strat, bridge humbucker, E standard" }],
  chains,
  cues,
  loudness: chains.map((_, chainIndex) => ({
    diIndex: 0,
    chainIndex,
    gainDb: [3.2, -4.1, 7.5][chainIndex] ?? 0,
    integratedLufs: -14,
    truePeakDbtp: [-2.1, -1.2, -4.8][chainIndex] ?? 0,
  })),
  achievedLufs: -14,
  waveformPeaks: Array.from({ length: 480 }, (_, i) => 0.25 + 0.6 * Math.abs(Math.sin(i / 7)) * (((i * 37) % 11) / 11)),
  credits: ["Captures and IRs: demo assets, CC BY 4.0 / CC0", "Made with Guitar Tone Shootout"],
  audioSrc: null,
  durationSeconds: 48,
  drawFps: 30,
};
