/** @module `namInputChannels` / `namOutputChannels`: how many signals a model reads and writes (spec §3.1, §4–§7). */
import type { NamFile } from "./nam-model-schema.ts";
import { resolveWaveNetLayerArray } from "./resolve-wavenet-layer-array.ts";

/** Input channels of a model (1 for guitar captures). A container reports its default (last) submodel's. */
export function namInputChannels(file: NamFile): number {
  switch (file.architecture) {
    case "SlimmableContainer": {
      const last = file.config.submodels.at(-1);
      return last === undefined ? 1 : namInputChannels(last.model);
    }
    default:
      return file.config.in_channels;
  }
}

/**
 * Output channels of a model: a WaveNet's post-stack head `out_channels`, else its last layer array's head size
 * (spec §3.1); a container's default (last) submodel's. Channel 0 is the mono output.
 */
export function namOutputChannels(file: NamFile): number {
  switch (file.architecture) {
    case "WaveNet": {
      if (file.config.head !== null) return file.config.head.out_channels;
      const last = file.config.layers.at(-1);
      return last === undefined ? 1 : resolveWaveNetLayerArray(last).headSize;
    }
    case "SlimmableContainer": {
      const last = file.config.submodels.at(-1);
      return last === undefined ? 1 : namOutputChannels(last.model);
    }
    default:
      return file.config.out_channels;
  }
}
