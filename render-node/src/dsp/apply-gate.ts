/** @module The `gate` block: a noise gate with threshold, attack, hold, release and hysteresis. */
import type { GateBlock } from "@gts/api/contract";

/** The gate closes only when the level falls this far below the threshold, so a note hovering at the threshold cannot chatter. */
export const GATE_HYSTERESIS_DB = 6;

/** Release of the level detector: long enough to ride over a low E's 12 ms period, short enough to follow a palm mute. */
const DETECTOR_RELEASE_MS = 20;

/**
 * Returns a new, gated buffer. A peak detector (instant attack, 20 ms release) follows |x|. The gate opens when the
 * detector exceeds `thresholdDb` and closes once it has stayed below `thresholdDb − 6 dB` for `holdMs`. The gain moves
 * linearly from 0 to 1 over `attackMs` when opening and from 1 to 0 over `releaseMs` when closing, so a closed gate is
 * true silence (what a shootout of high-gain captures wants between riffs).
 */
export function applyGate(
  input: Float32Array,
  block: Pick<GateBlock, "thresholdDb" | "attackMs" | "holdMs" | "releaseMs">,
  sampleRateHz: number,
): Float32Array {
  const openLevel = 10 ** (block.thresholdDb / 20);
  const closeLevel = 10 ** ((block.thresholdDb - GATE_HYSTERESIS_DB) / 20);
  const detectorDecay = Math.exp(-1 / ((DETECTOR_RELEASE_MS / 1000) * sampleRateHz));
  const attackStep = 1 / Math.max(1, (block.attackMs / 1000) * sampleRateHz);
  const releaseStep = 1 / Math.max(1, (block.releaseMs / 1000) * sampleRateHz);
  const holdSamples = Math.round((block.holdMs / 1000) * sampleRateHz);
  const output = new Float32Array(input.length);
  let envelope = 0;
  let open = false;
  let belowFor = 0;
  let gain = 0;
  for (let i = 0; i < input.length; i++) {
    const x = input[i] as number;
    const magnitude = Math.abs(x);
    envelope = magnitude > envelope ? magnitude : envelope * detectorDecay;
    if (envelope >= openLevel) {
      open = true;
      belowFor = 0;
    } else if (open && envelope < closeLevel) {
      belowFor++;
      if (belowFor > holdSamples) open = false;
    } else {
      belowFor = 0;
    }
    gain = open ? Math.min(1, gain + attackStep) : Math.max(0, gain - releaseStep);
    output[i] = x * gain;
  }
  return output;
}
