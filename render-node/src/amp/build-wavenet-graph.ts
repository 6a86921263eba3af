/** @module `buildWaveNetGraph`: the WaveNet forward pass of spec §3.3 as ONNX nodes, core quirks included (§3.8). */
import type { ResolvedWaveNetLayerArray, WaveNetFilmKey } from "@gts/api/contract";
import { buildActivation } from "./build-activation.ts";
import { buildCausalConv } from "./build-causal-conv.ts";
import { scaleConvWeights } from "./conv-weights.ts";
import { foldWaveNetInputMixin } from "./fold-wavenet-input-mixin.ts";
import type { OnnxGraphBuilder } from "./onnx-graph-builder.ts";
import type { FilmWeights, WaveNetLayerWeights, WaveNetWeights } from "./read-wavenet-weights.ts";

/** `v ⊙ scale (+ shift)` with `[scale; shift] = W·c + b` (spec §2.3). */
function buildFilm(g: OnnxGraphBuilder, film: FilmWeights, v: string, condition: string): string {
  const modulation = buildCausalConv(g, film.conv, condition);
  if (!film.shift) return g.op("Mul", [v, modulation]);
  const scale = g.name("film_scale");
  const shift = g.name("film_shift");
  g.opMulti("Split", [modulation, g.int64s([film.rows, film.rows])], [scale, shift], { axis: 1 });
  return g.op("Add", [g.op("Mul", [v, scale]), shift]);
}

function maybeFilm(
  g: OnnxGraphBuilder,
  films: Partial<Record<WaveNetFilmKey, FilmWeights>>,
  key: WaveNetFilmKey,
  v: string,
  condition: string,
): string {
  const film = films[key];
  return film === undefined ? v : buildFilm(g, film, v, condition);
}

/** Gating / blending of spec §2.2 on the pre-activation z (zc rows) → B rows. */
function buildGate(g: OnnxGraphBuilder, weights: WaveNetLayerWeights, z: string, bottleneck: number): string {
  const { layer } = weights;
  if (layer.gatingMode === "none" || layer.secondaryActivation === null) {
    return buildActivation(g, layer.activation, z, bottleneck);
  }
  const p = g.name("gate_p");
  const q = g.name("gate_q");
  g.opMulti("Split", [z, g.int64s([bottleneck, bottleneck])], [p, q], { axis: 1 });
  const primary = buildActivation(g, layer.activation, p, bottleneck);
  const secondary = buildActivation(g, layer.secondaryActivation, q, bottleneck);
  if (layer.gatingMode === "gated") return g.op("Mul", [primary, secondary]);
  // blended: α·A(p) + (1 − α)·p = p + α·(A(p) − p)
  return g.op("Add", [p, g.op("Mul", [secondary, g.op("Sub", [primary, p])])]);
}

/** One residual layer (spec §3.3 steps 1–7): returns the next residual input (or null) and the skip output. */
function buildLayer(
  g: OnnxGraphBuilder,
  array: ResolvedWaveNetLayerArray,
  weights: WaveNetLayerWeights,
  h: string,
  condition: string,
  needResidual: boolean,
): { next: string | null; skip: string } {
  const { films, layer } = weights;
  const v = maybeFilm(g, films, "conv_pre_film", h, condition);
  const a = maybeFilm(g, films, "conv_post_film", buildCausalConv(g, weights.conv, v), condition);
  let z = a;
  if (weights.mix !== null) {
    const mixInput = maybeFilm(g, films, "input_mixin_pre_film", condition, condition);
    const m = maybeFilm(g, films, "input_mixin_post_film", buildCausalConv(g, weights.mix, mixInput), condition);
    z = g.op("Add", [a, m]);
  }
  z = maybeFilm(g, films, "activation_pre_film", z, condition);
  const y = maybeFilm(g, films, "activation_post_film", buildGate(g, weights, z, array.bottleneck), condition);

  let next: string | null = null;
  if (needResidual) {
    if (weights.layer1x1 === null) {
      // Core quirk §3.8.1: with layer1x1 inactive the activation does not enter the residual.
      next = h;
    } else {
      let r = buildCausalConv(g, weights.layer1x1, y);
      // Core quirk §3.8.2: layer1x1_post_film acts only in blended layers.
      if (layer.gatingMode === "blended") r = maybeFilm(g, films, "layer1x1_post_film", r, condition);
      next = g.op("Add", [h, r]);
    }
  }
  const skip =
    weights.head1x1 === null
      ? y
      : maybeFilm(g, films, "head1x1_post_film", buildCausalConv(g, weights.head1x1, y), condition);
  return { next, skip };
}

/**
 * Emits the WaveNet on `input` (1, in, L) with condition `condition` (1, cs, L) and returns the (1, out, L) output
 * before any slicing. `head_scale` is folded into the last head rechannel (out = scale·(W·S + b), spec §3.3).
 */
export function buildWaveNetGraph(
  g: OnnxGraphBuilder,
  weights: WaveNetWeights,
  input: string,
  condition: string,
): string {
  let residual = input;
  let headPath: string | null = null;
  // Ordinary models carry x through the residual stream instead of separate mixins (same function, fewer ops).
  const layout = foldWaveNetInputMixin(weights) ?? weights;
  layout.arrays.forEach((entry, arrayIndex) => {
    const isLastArray = arrayIndex === layout.arrays.length - 1;
    let h = buildCausalConv(g, entry.rechannel, residual);
    const skips: string[] = headPath === null ? [] : [headPath];
    entry.layers.forEach((layerWeights, l) => {
      // The last array's residual output feeds nothing: skip its final 1×1.
      const needResidual = !(isLastArray && l === entry.layers.length - 1);
      const { next, skip } = buildLayer(g, entry.array, layerWeights, h, condition, needResidual);
      skips.push(skip);
      if (next !== null) h = next;
    });
    const summed = skips.length === 1 ? (skips[0] ?? h) : g.op("Sum", skips);
    const head = isLastArray ? scaleConvWeights(entry.head, weights.headScale) : entry.head;
    headPath = buildCausalConv(g, head, summed);
    residual = h;
  });
  let out = headPath ?? input;
  if (weights.postHead !== null) {
    for (const block of weights.postHead.blocks) {
      out = buildCausalConv(g, block, buildActivation(g, weights.postHead.activation, out, block.inChannels));
    }
  }
  return out;
}
