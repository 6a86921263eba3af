/**
 * @module `videoPreview`: the props of the shootout page's live video preview, for the same compositions the render
 * node renders (see @gts/remotion/compositions). Built in the loader, so it follows every edit of the shootout:
 * - a finished render of the shootout exactly as it is now (its spec hash is the plan's `renderSpecHash`) gives the
 *   real data: its cues, per-segment loudness and the program audio;
 * - otherwise the plan gives the cues (DI × riff × round × chain, or whole takes with gaps, as the node arranges them)
 *   and the preview is silent, with loudness unknown and the level at the arrangement's target.
 * The cards (title, DIs, chains, credits) come from the helper the node uses, so the labels are the node's. The
 * manifest holds no waveform, so the waveform is flat per segment: at its true peak after a render, at half scale
 * before. Everything is checked with the compositions' own props schema.
 */
import type {
  ArtifactManifest,
  AssetMetadata,
  Cue,
  SegmentLoudness,
  ShootoutSpec,
  Tone3000Reference,
} from "@gts/api/contract";
import { shootoutCards } from "@gts/remotion/cards";
import { type ShootoutProps, shootoutPropsSchema } from "@gts/remotion/props";

/** A library asset, as far as the cards need it. */
export interface PreviewAsset {
  id: string;
  fileName: string;
  metadata: AssetMetadata | null;
  tone3000: Tone3000Reference | null;
}

/** A render of the shootout, as `render.list` gives it. */
export interface PreviewRender {
  id: string;
  status: string;
  specHash: string;
  artifacts: Pick<ArtifactManifest, "cues" | "loudness" | "artifacts"> | null;
}

/** What `shootout.plan` gives. */
export interface PreviewPlan {
  segments: readonly { diIndex: number; chainIndex: number; sourceSeconds: number }[];
  programSeconds: number;
  /** The spec hash a render of the shootout as it is now would carry; null where it cannot be rendered as it is. */
  renderSpecHash: string | null;
}

export interface PreviewInput {
  shootout: ShootoutSpec;
  plan: PreviewPlan;
  /** The owner's library (every asset the shootout uses, where the page loaded it). */
  assets: readonly PreviewAsset[];
  /** The shootout's renders, newest first. */
  renders: readonly PreviewRender[];
  /** The page's origin: the program audio needs an absolute URL (a bare path would be read as a bundle file). */
  origin: string;
}

export type VideoPreview =
  | { ok: true; props: ShootoutProps; source: "render"; renderId: string }
  | { ok: true; props: ShootoutProps; source: "plan"; rendered: "never" | "changed-since" }
  | { ok: false; message: string };

/** As the node draws it: one bar per ~3 px of a 1920 px waveform, and few enough to keep the props small. */
const MAX_WAVEFORM_PEAKS = 640;
/** The flat waveform of an unrendered segment: half scale, −6 dBFS. */
const PLANNED_PEAK = 0.5;

export function videoPreview(input: PreviewInput): VideoPreview {
  const { shootout, plan } = input;
  if (shootout.chains.length < 2) {
    return { ok: false, message: "A shootout video compares at least 2 chains: add another chain to preview it." };
  }
  const byId = new Map(input.assets.map((asset) => [asset.id, asset]));
  const cards = shootoutCards(
    {
      ...shootout,
      // As the render spec does (see freezeRenderSpec): capture and IR blocks name the TONE3000 model they use.
      chains: shootout.chains.map((chain) => ({
        ...chain,
        blocks: chain.blocks.map((block) => {
          if (block.type !== "capture" && block.type !== "ir") return block;
          const tone3000 = byId.get(block.assetId)?.tone3000;
          return tone3000 ? { ...block, tone3000 } : block;
        }),
      })),
    },
    {
      fileName: (assetId) => byId.get(assetId)?.fileName,
      captureFacts: (assetId) => {
        const metadata = byId.get(assetId)?.metadata;
        return metadata?.kind === "capture" ? metadata.facts : null;
      },
    },
  );
  const render = currentRender(input.renders, plan.renderSpecHash);
  const program = render ? renderedProgram(render, input.origin) : plannedProgram(shootout, plan);
  if (program.cues.length === 0) {
    return {
      ok: false,
      message:
        "Nothing to preview yet: the DI tracks have no audio the plan can place. Choose a DI recording (and mark riffs) to preview the video.",
    };
  }
  const checked = shootoutPropsSchema.safeParse({
    ...cards,
    creator: "",
    cues: program.cues,
    loudness: program.loudness,
    achievedLufs: program.achievedLufs ?? shootout.arrangement.loudnessTargetLufs,
    waveformPeaks: segmentPeaks(program.cues, program.durationSeconds, program.peakOf),
    audioSrc: program.audioSrc,
    durationSeconds: program.durationSeconds,
  });
  if (!checked.success) {
    const issues = checked.error.issues.map((issue) => `${issue.path.join(".") || "props"}: ${issue.message}`);
    return { ok: false, message: `The preview cannot be drawn: ${issues.slice(0, 3).join("; ")}.` };
  }
  if (render) return { ok: true, props: checked.data, source: "render", renderId: render.id };
  const rendered = input.renders.some((r) => r.status === "succeeded") ? "changed-since" : "never";
  return { ok: true, props: checked.data, source: "plan", rendered };
}

/** The newest finished render of the shootout as it is now, if there is one. */
function currentRender(renders: readonly PreviewRender[], specHash: string | null): PreviewRender | null {
  if (specHash === null) return null;
  return renders.find((r) => r.status === "succeeded" && r.artifacts !== null && r.specHash === specHash) ?? null;
}

interface PreviewProgram {
  cues: Cue[];
  durationSeconds: number;
  loudness: SegmentLoudness[];
  /** null: the arrangement's target. */
  achievedLufs: number | null;
  audioSrc: string | null;
  /** The waveform's level (0..1) over a cue. */
  peakOf: (cue: Cue) => number;
}

function renderedProgram(render: PreviewRender, origin: string): PreviewProgram {
  const manifest = render.artifacts as NonNullable<PreviewRender["artifacts"]>;
  const loudness = manifest.loudness.map(({ diIndex, chainIndex, gainDb, integratedLufs, truePeakDbtp }) => ({
    diIndex,
    chainIndex,
    gainDb,
    integratedLufs,
    truePeakDbtp,
  }));
  const wav = manifest.artifacts.find((a) => a.kind === "program-wav");
  const truePeak = new Map(loudness.map((row) => [`${row.diIndex}:${row.chainIndex}`, row.truePeakDbtp]));
  return {
    cues: [...manifest.cues],
    durationSeconds: manifest.cues.at(-1)?.endSeconds ?? 0,
    loudness,
    achievedLufs: achievedLufs(loudness),
    audioSrc: wav
      ? new URL(`/files/renders/${render.id}/artifacts/${encodeURIComponent(wav.name)}`, origin).href
      : null,
    peakOf: (cue) => {
      const dbtp = truePeak.get(`${cue.diIndex}:${cue.chainIndex}`);
      return dbtp === undefined ? PLANNED_PEAK : Math.min(1, 10 ** (dbtp / 20));
    },
  };
}

/**
 * The level every segment was matched to. The manifest does not carry it, but every segment measures it after
 * matching (to within rounding), so the median of the measurements is it; null without measurements.
 */
function achievedLufs(loudness: readonly SegmentLoudness[]): number | null {
  const sorted = loudness.map((row) => row.integratedLufs).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2
      ? (sorted[Math.floor(middle)] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return Math.round(median * 100) / 100;
}

/**
 * The cues the node will lay out (render-node arrange-program.ts), with the plan's lengths: `ab` plays, per DI, each
 * riff (clipped to `riffSeconds`) for `rounds` rounds of every chain; a DI with no marked riffs counts as one riff
 * from its start (the node finds up to three itself). `full` plays each segment whole, `gapSeconds` apart. Crossfade
 * overlaps are left out, as the plan's estimate leaves them out.
 */
export function plannedCues(
  shootout: Pick<ShootoutSpec, "diTracks" | "chains" | "arrangement">,
  plan: Pick<PreviewPlan, "segments">,
): { cues: Cue[]; durationSeconds: number } {
  const cues: Cue[] = [];
  let cursor = 0;
  const place = (cue: Omit<Cue, "startSeconds" | "endSeconds">, seconds: number) => {
    if (!(seconds > 0)) return;
    cues.push({ startSeconds: cursor, endSeconds: cursor + seconds, ...cue });
    cursor += seconds;
  };
  const sourceSeconds = (diIndex: number, chainIndex: number) =>
    plan.segments.find((s) => s.diIndex === diIndex && s.chainIndex === chainIndex)?.sourceSeconds ?? 0;
  const arrangement = shootout.arrangement;
  const chainCount = shootout.chains.length;
  if (arrangement.mode === "ab") {
    for (const [diIndex, track] of shootout.diTracks.entries()) {
      const riffLengths = track.riffs.length
        ? track.riffs.map((riff) => riff.endSeconds - riff.startSeconds)
        : [sourceSeconds(diIndex, 0)];
      for (const [riffIndex, length] of riffLengths.entries()) {
        const seconds = Math.min(arrangement.riffSeconds, length);
        for (let round = 0; round < arrangement.rounds; round++) {
          for (let chainIndex = 0; chainIndex < chainCount; chainIndex++) {
            place({ diIndex, chainIndex, riffIndex }, seconds);
          }
        }
      }
    }
    return { cues, durationSeconds: cursor };
  }
  for (const [diIndex] of shootout.diTracks.entries()) {
    for (let chainIndex = 0; chainIndex < chainCount; chainIndex++) {
      if (cues.length > 0 && sourceSeconds(diIndex, chainIndex) > 0) cursor += arrangement.gapSeconds;
      place({ diIndex, chainIndex }, sourceSeconds(diIndex, chainIndex));
    }
  }
  return { cues, durationSeconds: cursor };
}

function plannedProgram(shootout: ShootoutSpec, plan: PreviewPlan): PreviewProgram {
  const { cues, durationSeconds } = plannedCues(shootout, plan);
  return { cues, durationSeconds, loudness: [], achievedLufs: null, audioSrc: null, peakOf: () => PLANNED_PEAK };
}

/** Evenly spaced peaks over the program, as many as the node computes: each cue's level inside it, 0 in gaps. */
function segmentPeaks(cues: readonly Cue[], durationSeconds: number, peakOf: (cue: Cue) => number): number[] {
  const count = Math.max(2, Math.min(MAX_WAVEFORM_PEAKS, Math.round(durationSeconds * 20)));
  const peaks: number[] = [];
  let c = 0;
  for (let i = 0; i < count; i++) {
    const t = ((i + 0.5) / count) * durationSeconds;
    while (c < cues.length && (cues[c] as Cue).endSeconds <= t) c++;
    const cue = cues[c];
    peaks.push(cue && cue.startSeconds <= t ? Math.max(0, Math.min(1, peakOf(cue))) : 0);
  }
  return peaks;
}
