/** @module `resolveWaveNetLayerArray`: the per-layer view the core builds from a layer-array config (spec §3.2). */
import type { NamActivation } from "./nam-activation.ts";
import { NamRuleViolation } from "./nam-rule-violation.ts";
import { WAVENET_FILM_KEYS, type WaveNetFilmConfig, type WaveNetFilmKey } from "./wavenet-film-config.ts";
import type {
  WaveNetGatingMode,
  WaveNetLayerArrayConfig,
  WaveNetSecondaryActivationEntry,
} from "./wavenet-layer-array-config.ts";

/** One residual layer of a layer array. */
export interface ResolvedWaveNetLayer {
  readonly kernelSize: number;
  readonly dilation: number;
  readonly activation: NamActivation;
  readonly gatingMode: WaveNetGatingMode;
  /** Secondary activation of a gated/blended layer; `null` for `none` layers (the core does not read it). */
  readonly secondaryActivation: NamActivation | null;
  /** Rows of the pre-activation z: 2B for gated/blended layers, B otherwise (spec §3.2 "zc"). */
  readonly zChannels: number;
}

/** A layer array as the core builds it (spec §3.2, §3.3). */
export interface ResolvedWaveNetLayerArray {
  readonly inputSize: number;
  readonly conditionSize: number;
  /** Residual width C. */
  readonly channels: number;
  /** Activation width B. */
  readonly bottleneck: number;
  readonly layers: readonly ResolvedWaveNetLayer[];
  readonly groupsInput: number;
  readonly groupsInputMixin: number;
  readonly layer1x1: { readonly active: boolean; readonly groups: number };
  readonly head1x1: { readonly active: boolean; readonly outChannels: number; readonly groups: number };
  /** Every FiLM switch, inactive ones included. */
  readonly films: Readonly<Record<WaveNetFilmKey, WaveNetFilmConfig>>;
  /** Skip-path width "hout": head1x1 out_channels when head1x1 is active, else B. */
  readonly headInputSize: number;
  /** Head rechannel output rows ("head size"). */
  readonly headSize: number;
  readonly headKernelSize: number;
  readonly headBias: boolean;
  readonly headDilation: number;
  /** Allowed widths of a slimmable array (ascending, last = channels), or `null` when not slimmable. */
  readonly slimmableChannels: readonly number[] | null;
}

function perLayer<T>(
  value: T | readonly T[],
  layerCount: number,
  path: readonly PropertyKey[],
  what: string,
): readonly T[] {
  if (!Array.isArray(value)) return Array.from({ length: layerCount }, () => value as T);
  if (value.length !== layerCount) {
    // spec §9: list lengths must equal the number of dilations.
    throw new NamRuleViolation(
      path,
      `has ${value.length} ${what} but dilations has ${layerCount} (one per layer expected)`,
    );
  }
  return value;
}

function isMissingActivation(entry: WaveNetSecondaryActivationEntry | undefined): entry is null | "" | undefined {
  return entry === null || entry === "" || entry === undefined;
}

/**
 * Resolves a layer array (already parsed by `waveNetLayerArrayConfigSchema`). `path` is where the array sits in the
 * file (e.g. `["config", "layers", 0]`); a rule the per-layer view depends on (kernel_size XOR kernel_sizes, list
 * lengths, a head present, a secondary activation for gated layers) throws `NamRuleViolation` there. On a file that
 * passed `namFileSchema` it never throws.
 */
export function resolveWaveNetLayerArray(
  layer: WaveNetLayerArrayConfig,
  path: readonly PropertyKey[] = [],
): ResolvedWaveNetLayerArray {
  const n = layer.dilations.length;

  if (layer.kernel_size !== undefined && layer.kernel_sizes !== undefined) {
    throw new NamRuleViolation(
      [...path, "kernel_sizes"],
      "kernel_size and kernel_sizes are both present (give exactly one, spec §3.2)",
    );
  }
  let kernelSizes: readonly number[];
  if (layer.kernel_sizes !== undefined) {
    kernelSizes = perLayer(layer.kernel_sizes, n, [...path, "kernel_sizes"], "kernel sizes");
  } else if (layer.kernel_size !== undefined) {
    kernelSizes = perLayer(layer.kernel_size, n, [...path, "kernel_size"], "kernel sizes");
  } else {
    throw new NamRuleViolation([...path, "kernel_size"], "is required (give kernel_size or kernel_sizes, spec §3.2)");
  }

  const activations = perLayer(layer.activation, n, [...path, "activation"], "activations");

  // Gating: gating_mode wins; else the legacy `gated` bool (gated = Sigmoid secondary); else none (spec §3.2).
  let gatingModes: readonly WaveNetGatingMode[];
  let secondaryEntries: readonly (WaveNetSecondaryActivationEntry | undefined)[];
  if (layer.gating_mode !== undefined) {
    gatingModes = perLayer(layer.gating_mode, n, [...path, "gating_mode"], "gating modes");
    if (
      !Array.isArray(layer.gating_mode) &&
      Array.isArray(layer.secondary_activation) &&
      layer.gating_mode !== "none"
    ) {
      // With one gating mode the core reads secondary_activation as one activation, so a list cannot load.
      throw new NamRuleViolation(
        [...path, "secondary_activation"],
        "must be a single activation when gating_mode is a single value",
      );
    }
    secondaryEntries =
      layer.secondary_activation === undefined
        ? gatingModes.map(() => "Sigmoid" as const)
        : perLayer(layer.secondary_activation, n, [...path, "secondary_activation"], "secondary activations");
  } else if (layer.gated === true) {
    gatingModes = Array.from({ length: n }, () => "gated" as const);
    secondaryEntries = gatingModes.map(() => "Sigmoid" as const);
  } else {
    gatingModes = Array.from({ length: n }, () => "none" as const);
    secondaryEntries = gatingModes.map(() => undefined);
  }

  const layers = gatingModes.map((gatingMode, l): ResolvedWaveNetLayer => {
    const secondary = gatingMode === "none" ? null : secondaryEntries[l];
    if (gatingMode !== "none" && isMissingActivation(secondary)) {
      const secondaryPath = Array.isArray(layer.secondary_activation)
        ? [...path, "secondary_activation", l]
        : [...path, "secondary_activation"];
      throw new NamRuleViolation(secondaryPath, `layer ${l} is ${gatingMode} and needs a secondary activation`);
    }
    return {
      kernelSize: kernelSizes[l] ?? 1,
      dilation: layer.dilations[l] ?? 1,
      activation: activations[l] ?? "Tanh",
      gatingMode,
      secondaryActivation: isMissingActivation(secondary) ? null : secondary,
      zChannels: gatingMode === "none" ? layer.bottleneck : 2 * layer.bottleneck,
    };
  });

  // The new `head` object wins over legacy head_size/head_bias (kernel 1), as in the core (spec §3.2).
  let head: { size: number; kernelSize: number; bias: boolean; dilation: number };
  if (layer.head !== undefined && layer.head !== null) {
    head = {
      size: layer.head.out_channels,
      kernelSize: layer.head.kernel_size,
      bias: layer.head.bias,
      dilation: layer.head.head_dilation,
    };
  } else if (layer.head_size !== undefined) {
    if (layer.head_bias === undefined) {
      throw new NamRuleViolation([...path, "head_bias"], "is required with head_size (spec §3.2)");
    }
    head = { size: layer.head_size, kernelSize: 1, bias: layer.head_bias, dilation: 1 };
  } else {
    throw new NamRuleViolation(
      [...path, "head"],
      "is required: give a head object {out_channels, kernel_size, bias} or legacy head_size and head_bias (spec §3.2)",
    );
  }

  const films = Object.fromEntries(WAVENET_FILM_KEYS.map((key) => [key, layer[key]])) as Record<
    WaveNetFilmKey,
    WaveNetFilmConfig
  >;

  return {
    inputSize: layer.input_size,
    conditionSize: layer.condition_size,
    channels: layer.channels,
    bottleneck: layer.bottleneck,
    layers,
    groupsInput: layer.groups_input,
    groupsInputMixin: layer.groups_input_mixin,
    layer1x1: { active: layer.layer1x1.active, groups: layer.layer1x1.groups },
    head1x1: {
      active: layer.head1x1.active,
      outChannels: layer.head1x1.out_channels,
      groups: layer.head1x1.groups,
    },
    films,
    headInputSize: layer.head1x1.active ? layer.head1x1.out_channels : layer.bottleneck,
    headSize: head.size,
    headKernelSize: head.kernelSize,
    headBias: head.bias,
    headDilation: head.dilation,
    slimmableChannels: layer.slimmable === null ? null : layer.slimmable.kwargs.allowed_channels,
  };
}
