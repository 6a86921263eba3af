/** @module Loudness per ITU-R BS.1770-4 / EBU R128: integrated (gated), momentary, short-term, loudness range, true and sample peak. */
import { createBiquadState, processBiquad } from "./biquad.ts";
import { checkChannels, checkSampleRate, DspInputError } from "./dsp-error.ts";
import { kWeighting } from "./k-weighting.ts";
import { truePeakDbtp } from "./true-peak.ts";

/** Everything measured on one programme; levels are −Infinity where nothing passes the gates (digital silence). */
export interface LoudnessMeasurement {
  /** Gated integrated loudness (BS.1770-4 §2.5), LUFS. */
  integratedLufs: number;
  /** Largest momentary loudness (400 ms window, every 100 ms; EBU Tech 3341 §2.2), LUFS. */
  momentaryMaxLufs: number;
  /** Largest short-term loudness (3 s window, every 100 ms; EBU Tech 3341 §2.2), LUFS. */
  shortTermMaxLufs: number;
  /** Loudness range (EBU Tech 3342), LU; 0 when fewer than two short-term values pass its gates. */
  lraLu: number;
  /** True peak (BS.1770-4 Annex 2, 4× oversampling), dBTP; NaN when not measured (`truePeak: false`). */
  truePeakDbtp: number;
  /** Largest absolute sample, dBFS. */
  samplePeakDbfs: number;
  sampleRateHz: number;
  channelCount: number;
  durationSeconds: number;
}

/** Options of {@link measureLoudness}. */
export interface MeasureLoudnessOptions {
  /** Measure true peak (the costly part: ~200 multiply-adds per sample). Default true. */
  truePeak?: boolean;
}

/** BS.1770-4 eq. (2): L = −0.691 + 10 log10(Σ G_i z_i); −0.691 cancels the K-filter's +0.691 dB at 1 kHz. */
const LOUDNESS_OFFSET_DB = -0.691;
/** BS.1770-4 §2.5: absolute gating threshold Γa = −70 LKFS. */
const ABSOLUTE_GATE_LUFS = -70;
/** BS.1770-4 §2.5: relative gate 10 LU below the absolute-gated loudness. */
const RELATIVE_GATE_LU = -10;
/** EBU Tech 3342: the LRA's relative gate is 20 LU below the absolute-gated short-term loudness. */
const LRA_RELATIVE_GATE_LU = -20;
/** Sub-blocks of 100 ms: 400 ms blocks with 75 % overlap (BS.1770-4 §2.5) step by one of these. */
const SUB_BLOCKS_PER_SECOND = 10;
const MOMENTARY_SUB_BLOCKS = 4;
const SHORT_TERM_SUB_BLOCKS = 30;

function energyToLufs(meanSquare: number): number {
  return meanSquare > 0 ? LOUDNESS_OFFSET_DB + 10 * Math.log10(meanSquare) : Number.NEGATIVE_INFINITY;
}

function lufsToEnergy(lufs: number): number {
  return 10 ** ((lufs - LOUDNESS_OFFSET_DB) / 10);
}

/**
 * Channel weights G_i (BS.1770-4 Table 3): 1.0 for L, R, C; 1.41 (+1.5 dB) for the surrounds; the LFE is excluded.
 * Layouts follow the WAV channel order: 5 channels = L R C Ls Rs (EBU Tech 3341 case 6), 6 = L R C LFE Ls Rs.
 * Other counts (mono, stereo, a multi-mic IR, 7.1) weigh every channel 1.0: DIs and programmes here are mono or stereo.
 */
export function channelWeights(channelCount: number): number[] {
  if (channelCount === 5) return [1, 1, 1, 1.41, 1.41];
  if (channelCount === 6) return [1, 1, 1, 0, 1.41, 1.41];
  return new Array<number>(channelCount).fill(1);
}

/**
 * Mean-square energy of the gated blocks after the absolute gate, then the relative gate `relativeGateLu` below the
 * absolute-gated mean (BS.1770-4 §2.5; EBU Tech 3342 uses the same two-step gate with −20 LU).
 */
function gatedBlocks(blockEnergies: ArrayLike<number>, relativeGateLu: number): number[] {
  const absoluteEnergy = lufsToEnergy(ABSOLUTE_GATE_LUFS);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < blockEnergies.length; i++) {
    const energy = blockEnergies[i] as number;
    // "l_j > Γa": blocks exactly at the threshold are out.
    if (energy > absoluteEnergy) {
      sum += energy;
      count++;
    }
  }
  if (count === 0) return [];
  const relativeEnergy = lufsToEnergy(energyToLufs(sum / count) + relativeGateLu);
  const threshold = Math.max(relativeEnergy, absoluteEnergy);
  const kept: number[] = [];
  for (let i = 0; i < blockEnergies.length; i++) {
    const energy = blockEnergies[i] as number;
    if (energy > threshold) kept.push(energy);
  }
  return kept;
}

/** Energies of windows of `span` sub-blocks stepping one sub-block at a time; only complete windows count. */
function windowEnergies(subBlockSums: Float64Array, subBlockLengths: Float64Array, span: number): Float64Array {
  const count = Math.max(0, subBlockSums.length - span + 1);
  const energies = new Float64Array(count);
  let sum = 0;
  let length = 0;
  for (let j = 0; j < subBlockSums.length; j++) {
    sum += subBlockSums[j] as number;
    length += subBlockLengths[j] as number;
    if (j >= span) {
      sum -= subBlockSums[j - span] as number;
      length -= subBlockLengths[j - span] as number;
    }
    // Recomputing the sum now and then would avoid drift; over float64 and ≤ 12 000 sub-blocks (20 min) it is < 1e-12.
    if (j >= span - 1) energies[j - span + 1] = Math.max(0, sum) / length;
  }
  return energies;
}

function maxLufs(energies: Float64Array): number {
  let max = 0;
  for (const energy of energies) if (energy > max) max = energy;
  return energyToLufs(max);
}

/**
 * Measures a planar programme (full scale = 1.0) at `sampleRateHz`. Allocates one float32 scratch channel and a few
 * per-100 ms arrays; the input is not modified. Windows are aligned to the start of the signal and only complete
 * windows are measured (a 300 ms file has no momentary value, so its integrated loudness is −Infinity).
 */
export function measureLoudness(
  channels: readonly Float32Array[],
  sampleRateHz: number,
  options: MeasureLoudnessOptions = {},
): LoudnessMeasurement {
  checkSampleRate(sampleRateHz);
  const length = checkChannels(channels);
  if (channels.length > 8) throw new DspInputError(`channels: ${channels.length} channels (limit 8)`);
  const weights = channelWeights(channels.length);
  const { preFilter, rlbFilter } = kWeighting(sampleRateHz);

  // Sub-block j covers samples [floor(j·fs/10), floor((j+1)·fs/10)): exact for rates that are not multiples of 10 Hz.
  const subBlockCount = Math.floor((length * SUB_BLOCKS_PER_SECOND) / sampleRateHz);
  const edges = new Float64Array(subBlockCount + 1);
  for (let j = 0; j <= subBlockCount; j++) edges[j] = Math.floor((j * sampleRateHz) / SUB_BLOCKS_PER_SECOND);
  const subBlockSums = new Float64Array(subBlockCount);
  const subBlockLengths = new Float64Array(subBlockCount);
  for (let j = 0; j < subBlockCount; j++) subBlockLengths[j] = (edges[j + 1] as number) - (edges[j] as number);

  const filtered = new Float32Array(length);
  let samplePeak = 0;
  for (const [c, channel] of channels.entries()) {
    for (const sample of channel) {
      const magnitude = Math.abs(sample);
      if (magnitude > samplePeak) samplePeak = magnitude;
      if (!Number.isFinite(sample)) {
        throw new DspInputError(`channels: channel ${c} contains ${String(sample)} (loudness needs finite samples)`);
      }
    }
    const weight = weights[c] as number;
    if (weight === 0) continue;
    processBiquad(preFilter, channel, filtered, createBiquadState());
    processBiquad(rlbFilter, filtered, filtered, createBiquadState());
    for (let j = 0; j < subBlockCount; j++) {
      let sum = 0;
      const end = edges[j + 1] as number;
      for (let i = edges[j] as number; i < end; i++) {
        const y = filtered[i] as number;
        sum += y * y;
      }
      subBlockSums[j] = (subBlockSums[j] as number) + weight * sum;
    }
  }

  const momentary = windowEnergies(subBlockSums, subBlockLengths, MOMENTARY_SUB_BLOCKS);
  const shortTerm = windowEnergies(subBlockSums, subBlockLengths, SHORT_TERM_SUB_BLOCKS);

  // The gating blocks of BS.1770-4 §2.5 are exactly the momentary windows: 400 ms, stepped by 100 ms (75 % overlap).
  const gated = gatedBlocks(momentary, RELATIVE_GATE_LU);
  const integratedLufs = gated.length === 0 ? Number.NEGATIVE_INFINITY : energyToLufs(mean(gated));

  return {
    integratedLufs,
    momentaryMaxLufs: maxLufs(momentary),
    shortTermMaxLufs: maxLufs(shortTerm),
    lraLu: loudnessRange(shortTerm),
    truePeakDbtp: options.truePeak === false ? Number.NaN : truePeakDbtp(channels),
    samplePeakDbfs: 20 * Math.log10(samplePeak),
    sampleRateHz,
    channelCount: channels.length,
    durationSeconds: length / sampleRateHz,
  };
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * EBU Tech 3342 loudness range: short-term values (3 s, ≥ 10 per second) gated at −70 LUFS and then 20 LU below their
 * power mean; LRA = 95th − 10th percentile of the survivors' loudness. Percentile indices are rounded as in
 * libebur128, index = round((n − 1) · p).
 */
export function loudnessRange(shortTermEnergies: ArrayLike<number>): number {
  const kept = gatedBlocks(shortTermEnergies, LRA_RELATIVE_GATE_LU)
    .map(energyToLufs)
    .sort((a, b) => a - b);
  if (kept.length < 2) return 0;
  const low = kept[Math.round((kept.length - 1) * 0.1)] as number;
  const high = kept[Math.round((kept.length - 1) * 0.95)] as number;
  return high - low;
}
