/** @module `namReceptiveFieldSamples`: the receptive field / prewarm count P of a model (spec §3.5, §4, §5, §6, §7). */
import type { NamFile } from "./nam-model-schema.ts";
import { resolveWaveNetLayerArray } from "./resolve-wavenet-layer-array.ts";

/**
 * P in samples: output `t` depends on inputs `t−P+1 … t` (left-pad the input with P − 1 zeros to render exactly as the
 * prewarmed core, spec §8.2).
 * - WaveNet: `P0 + Σ_arrays [Σ_layers (K−1)·d + (Kh−1)·dh] + Σ_post-head blocks (k−1)`, P0 = 1 or the condition DSP's P
 *   (spec §3.5; jcm800: 4 093, A2: 6 347).
 * - LSTM: `floor(0.5 · sample_rate)`, 1 when the rate is unknown — its prewarm count, since the state never forgets
 *   (spec §4; 24 000 at 48 kHz).
 * - ConvNet: `1 + Σ d_i` (spec §5).
 * - Linear: R, the impulse-response length (spec §6; the core itself does not prewarm it). As a condition DSP it thus
 *   adds its true lookback to the WaveNet's P.
 * - SlimmableContainer: the default (last) submodel's (spec §7).
 */
export function namReceptiveFieldSamples(file: NamFile): number {
  switch (file.architecture) {
    case "WaveNet": {
      const { config } = file;
      let p = config.condition_dsp === null ? 1 : namReceptiveFieldSamples(config.condition_dsp);
      for (const layer of config.layers) {
        const array = resolveWaveNetLayerArray(layer);
        for (const l of array.layers) p += (l.kernelSize - 1) * l.dilation;
        p += (array.headKernelSize - 1) * array.headDilation;
      }
      for (const k of config.head?.kernel_sizes ?? []) p += k - 1;
      return p;
    }
    case "LSTM":
      return file.sample_rate === undefined ? 1 : Math.max(1, Math.floor(0.5 * file.sample_rate));
    case "ConvNet":
      return 1 + file.config.dilations.reduce((sum, d) => sum + d, 0);
    case "Linear":
      return file.config.receptive_field;
    case "SlimmableContainer": {
      const last = file.config.submodels.at(-1);
      return last === undefined ? 1 : namReceptiveFieldSamples(last.model);
    }
  }
}
