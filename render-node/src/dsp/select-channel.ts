/** @module Picks the DI channel that feeds the chains: left, right, or the mono sum. */
import type { DiChannel } from "@gts/api/contract";
import { checkChannels } from "./dsp-error.ts";

/**
 * Returns one channel (a new array; the input is not modified). `left` is channel 0 and `right` channel 1; a mono
 * file has only one channel, which all three choices return. `mono` is the average of all channels (sum ÷ n), so a
 * dual-mono DI keeps its level and a stereo one cannot clip.
 */
export function selectChannel(channels: readonly Float32Array[], channel: DiChannel): Float32Array {
  const length = checkChannels(channels);
  if (channels.length === 1 || channel === "left") return (channels[0] as Float32Array).slice();
  if (channel === "right") return (channels[1] as Float32Array).slice();
  const out = new Float32Array(length);
  const scale = 1 / channels.length;
  for (const source of channels)
    for (let i = 0; i < length; i++) out[i] = (out[i] as number) + (source[i] as number) * scale;
  return out;
}
