/**
 * @module What a render of this shootout will produce before it is submitted: the segment matrix (every DI through
 * every chain), the program's estimated length, and warnings a creator should see (resampling, missing facts, length).
 */
import type { ShootoutSpec } from "../contract/index.ts";
import type { AssetRow } from "../db/schema.ts";

/** Renders run at this rate unless a chain's capture was trained at another. */
export const DEFAULT_CHAIN_RATE_HZ = 48_000;
/** Past this, the video gets long to watch and to render: worth a warning, not a refusal. */
export const LONG_PROGRAM_SECONDS = 10 * 60;

export interface PlannedSegment {
  diIndex: number;
  chainIndex: number;
  /** Audio rendered for this segment (the riffs, or the whole DI). */
  sourceSeconds: number;
}

export interface ShootoutPlan {
  segments: PlannedSegment[];
  programSeconds: number;
  warnings: string[];
}

export function planShootout(spec: ShootoutSpec, assetsById: ReadonlyMap<string, AssetRow>): ShootoutPlan {
  const warnings: string[] = [];
  const chainRates = spec.chains.map((chain, c) => chainRateHz(chain, c, assetsById, warnings));
  const segments: PlannedSegment[] = [];
  let programSeconds = 0;

  for (const [d, track] of spec.diTracks.entries()) {
    const di = assetsById.get(track.assetId);
    const audio = di?.metadata.kind === "audio" ? di.metadata : null;
    const durationSeconds = audio?.durationSeconds ?? 0;
    const riffLengths = track.riffs.length ? track.riffs.map((r) => r.endSeconds - r.startSeconds) : [durationSeconds];
    const sourceSeconds = riffLengths.reduce((a, b) => a + b, 0);
    for (const [c, rateHz] of chainRates.entries()) {
      segments.push({ diIndex: d, chainIndex: c, sourceSeconds });
      if (audio && audio.sampleRateHz !== rateHz) {
        warnings.push(
          `DI "${di?.name}" (${audio.sampleRateHz} Hz) will be resampled to ${rateHz} Hz for chain "${spec.chains[c]?.name}"`,
        );
      }
    }
    const arrangement = spec.arrangement;
    if (arrangement.mode === "ab") {
      const perRiff = riffLengths.map((length) => Math.min(arrangement.riffSeconds, length));
      programSeconds += arrangement.rounds * spec.chains.length * perRiff.reduce((a, b) => a + b, 0);
    } else {
      programSeconds += spec.chains.length * sourceSeconds;
    }
  }
  if (spec.arrangement.mode === "full")
    programSeconds += spec.arrangement.gapSeconds * Math.max(0, segments.length - 1);
  if (programSeconds > LONG_PROGRAM_SECONDS) {
    warnings.push(`the program will be ${Math.round(programSeconds / 60)} min long: consider marking shorter riffs`);
  }
  return { segments, programSeconds, warnings };
}

/** The chain runs at its first capture's training rate; IRs and other captures are resampled to it. */
function chainRateHz(
  chain: ShootoutSpec["chains"][number],
  chainIndex: number,
  assetsById: ReadonlyMap<string, AssetRow>,
  warnings: string[],
): number {
  let rateHz: number | null = null;
  for (const block of chain.blocks) {
    if (block.type !== "capture" && block.type !== "ir") continue;
    const asset = assetsById.get(block.assetId);
    const metadata = asset?.metadata;
    if (!asset || !metadata) continue;
    if (metadata.kind === "capture") {
      const captureRate = metadata.facts.sampleRateHz;
      if (captureRate === null) {
        warnings.push(`capture "${asset.name}" does not say its sample rate: ${DEFAULT_CHAIN_RATE_HZ} Hz is assumed`);
      }
      if (block.type === "capture" && block.slimmableSize !== undefined && metadata.facts.slimmableSizes === null) {
        warnings.push(`chain "${chain.name}": capture "${asset.name}" has one size, so its size setting is ignored`);
      }
      const effective = captureRate ?? DEFAULT_CHAIN_RATE_HZ;
      if (rateHz === null) rateHz = effective;
      else if (effective !== rateHz) {
        warnings.push(`chain "${chain.name}": capture "${asset.name}" (${effective} Hz) will run on resampled audio`);
      }
    } else if (metadata.sampleRateHz !== (rateHz ?? DEFAULT_CHAIN_RATE_HZ)) {
      warnings.push(`chain "${chain.name}": IR "${asset.name}" (${metadata.sampleRateHz} Hz) will be resampled`);
    }
  }
  if (!chain.blocks.some((b) => b.type === "capture")) {
    warnings.push(`chain ${chainIndex + 1} "${chain.name}" has no capture: it will only apply its effects`);
  }
  return rateHz ?? DEFAULT_CHAIN_RATE_HZ;
}
