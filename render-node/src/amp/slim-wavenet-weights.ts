/** @module `slimWaveNetWeights`: a slimmable WaveNet cut to a host-selected size (spec §3.10). */
import { AmpConversionError } from "./amp-conversion-error.ts";
import { sliceConvWeights } from "./conv-weights.ts";
import type { WaveNetArrayWeights, WaveNetWeights } from "./read-wavenet-weights.ts";

/** C' of one array at size `v ∈ [0, 1]`: `a[min(floor(v·n), n − 1)]`, or C when the array is not slimmable. */
function slimChannels(allowed: readonly number[] | null, channels: number, size: number): number {
  if (allowed === null) return channels;
  const n = allowed.length;
  return allowed[Math.min(Math.floor(size * n), n - 1)] ?? channels;
}

/**
 * Cuts every weight matrix to its first rows/columns (all taps kept); `head_scale` unchanged. Features the core
 * rejects or never tested at a smaller size (groups ≠ 1, head kernel ≠ 1, gating, head1x1, FiLM) throw.
 */
export function slimWaveNetWeights(weights: WaveNetWeights, size: number, fileName: string): WaveNetWeights {
  const widths = weights.arrays.map(({ array }) => slimChannels(array.slimmableChannels, array.channels, size));
  if (widths.every((w, i) => w === weights.arrays[i]?.array.channels)) return weights;
  if (weights.postHead !== null) {
    throw new AmpConversionError(
      fileName,
      "config.head",
      "a slimmable WaveNet cannot have a post-stack head (spec §3.10)",
    );
  }
  const arrays = weights.arrays.map((entry, i): WaveNetArrayWeights => {
    const { array } = entry;
    const field = `config.layers[${i}]`;
    const channels = widths[i] ?? array.channels;
    const unsupported =
      array.groupsInput !== 1 ||
      array.groupsInputMixin !== 1 ||
      array.layer1x1.groups !== 1 ||
      array.head1x1.active ||
      array.headKernelSize !== 1 ||
      array.layers.some((l) => l.gatingMode !== "none") ||
      Object.values(array.films).some((f) => f.active);
    if (unsupported) {
      throw new AmpConversionError(
        fileName,
        field,
        "slimming to a smaller size needs groups 1, head kernel 1, no gating, no head1x1 and no FiLM (spec §3.10)",
      );
    }
    const bottleneck = array.layer1x1.active
      ? Math.max(1, Math.floor((array.bottleneck * channels) / array.channels))
      : channels;
    const inputSize = i === 0 ? array.inputSize : (widths[i - 1] ?? array.inputSize);
    const headSize = i === weights.arrays.length - 1 ? array.headSize : (widths[i + 1] ?? array.headSize);
    return {
      array: {
        ...array,
        channels,
        bottleneck,
        inputSize,
        headSize,
        headInputSize: bottleneck,
        layers: array.layers.map((l) => ({ ...l, zChannels: bottleneck })),
      },
      rechannel: sliceConvWeights(entry.rechannel, channels, inputSize),
      layers: entry.layers.map((layer) => ({
        ...layer,
        layer: { ...layer.layer, zChannels: bottleneck },
        conv: sliceConvWeights(layer.conv, bottleneck, channels),
        mix: layer.mix === null ? null : sliceConvWeights(layer.mix, bottleneck, layer.mix.inChannels),
        layer1x1: layer.layer1x1 === null ? null : sliceConvWeights(layer.layer1x1, channels, bottleneck),
      })),
      head: sliceConvWeights(entry.head, headSize, bottleneck),
    };
  });
  return { ...weights, arrays };
}
