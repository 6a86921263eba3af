/** @module `foldWaveNetInputMixin`: carries the input as an extra residual channel so each mixin joins its conv. */
import type { ConvWeights } from "./conv-weights.ts";
import type { WaveNetArrayWeights, WaveNetWeights } from "./read-wavenet-weights.ts";

// Why (spec §10 "merged into the conv as an extra input channel"): for ordinary models the condition is the mono
// input, and each layer's mixin W_mix·x is a separate 1×1 conv plus an Add over (zc, T). Carrying x as row C of the
// residual stream h (rechannel row C = 1·x, layer1x1 row C = 0, so h + r keeps x exactly) lets the dilated conv read
// it at its current-time tap: one GEMM computes a + m, and ORT can fuse that conv with a following activation.

function zeros(n: number): Float32Array {
  return new Float32Array(n);
}

/** Rechannel (C × in) → ((C + 1) × in'), in' = in (array 0, whose input is x itself) or in + 1 (x carried in row in). */
function widenRechannel(conv: ConvWeights, carriedInput: boolean): ConvWeights {
  const inWidth = carriedInput ? conv.inChannels + 1 : conv.inChannels;
  const weight = zeros((conv.outChannels + 1) * inWidth);
  for (let o = 0; o < conv.outChannels; o++) {
    for (let i = 0; i < conv.inChannels; i++) weight[o * inWidth + i] = conv.weight[o * conv.inChannels + i] ?? 0;
  }
  // Row C copies x: the carried row of the previous array's residual, or the single input channel.
  weight[conv.outChannels * inWidth + (carriedInput ? conv.inChannels : 0)] = 1;
  return { ...conv, outChannels: conv.outChannels + 1, inChannels: inWidth, weight };
}

/** Dilated conv (zc, C, K) → (zc, C + 1, K) with the mixin column at the current-time tap K − 1. */
function foldMixin(conv: ConvWeights, mix: ConvWeights): ConvWeights {
  const { outChannels: zc, inChannels: c, kernelSize: k } = conv;
  const weight = zeros(zc * (c + 1) * k);
  for (let o = 0; o < zc; o++) {
    weight.set(conv.weight.subarray(o * c * k, (o + 1) * c * k), o * (c + 1) * k);
    weight[o * (c + 1) * k + c * k + (k - 1)] = mix.weight[o] ?? 0;
  }
  return { ...conv, inChannels: c + 1, weight };
}

/** layer1x1 (C, B) → (C + 1, B) with a zero row and zero bias: the carried x gets + 0. */
function widenLayer1x1(conv: ConvWeights): ConvWeights {
  const weight = zeros((conv.outChannels + 1) * conv.inChannels);
  weight.set(conv.weight);
  const bias = zeros(conv.outChannels + 1);
  if (conv.bias !== null) bias.set(conv.bias);
  return { ...conv, outChannels: conv.outChannels + 1, weight, bias };
}

function eligible(weights: WaveNetWeights): boolean {
  return (
    weights.conditionDsp === null &&
    weights.inChannels === 1 &&
    weights.arrays.every(
      ({ array }, i) =>
        array.conditionSize === 1 &&
        array.groupsInput === 1 &&
        array.groupsInputMixin === 1 &&
        (i > 0 || array.inputSize === 1) &&
        (!array.layer1x1.active || array.layer1x1.groups === 1) &&
        Object.values(array.films).every((film) => !film.active),
    )
  );
}

/**
 * The same function with every mixin folded into its conv (`mix` becomes null), or `null` when the model has a
 * condition DSP, several input channels, grouped convs or FiLM (those keep the plain layout).
 */
export function foldWaveNetInputMixin(weights: WaveNetWeights): WaveNetWeights | null {
  if (!eligible(weights)) return null;
  const arrays = weights.arrays.map(
    (entry, i): WaveNetArrayWeights => ({
      ...entry,
      rechannel: widenRechannel(entry.rechannel, i > 0),
      layers: entry.layers.map((layer) => ({
        ...layer,
        conv: layer.mix === null ? layer.conv : foldMixin(layer.conv, layer.mix),
        mix: null,
        layer1x1: layer.layer1x1 === null ? null : widenLayer1x1(layer.layer1x1),
      })),
    }),
  );
  return { ...weights, arrays };
}
