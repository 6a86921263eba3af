/** @module `describeNamModel`: the facts we store and show for a validated `.nam` file. */

import { namMetadataText } from "./nam-metadata-text.ts";
import type { NamModelFacts } from "./nam-model-facts.ts";
import type { NamFile } from "./nam-model-schema.ts";
import { namReceptiveFieldSamples } from "./nam-receptive-field.ts";
import { namSizePreset, namVariant } from "./nam-variant.ts";
import { namWeightCount } from "./nam-weight-count.ts";
import { resolveWaveNetLayerArray } from "./resolve-wavenet-layer-array.ts";

function slimmableSizes(file: NamFile): number[] | number[][] | null {
  if (file.architecture === "SlimmableContainer") return file.config.submodels.map((s) => s.max_value);
  if (file.architecture === "WaveNet" && file.config.layers.some((layer) => layer.slimmable !== null)) {
    return file.config.layers.map((layer) => {
      const array = resolveWaveNetLayerArray(layer);
      return [...(array.slimmableChannels ?? [array.channels])];
    });
  }
  return null;
}

/** `metadata.training.validation_esr` when it is a number. */
function validationEsr(metadata: NamFile["metadata"]): number | null {
  const training = metadata?.training;
  if (typeof training !== "object" || training === null) return null;
  const esr = (training as { validation_esr?: unknown }).validation_esr;
  return typeof esr === "number" && Number.isFinite(esr) ? esr : null;
}

/**
 * Facts of a file that passed `namFileSchema`. Metadata is the top-level object's (for a container, what a host
 * shows, spec §7); receptive field, weights and size preset are those of the model a host runs by default.
 */
export function describeNamModel(file: NamFile): NamModelFacts {
  const metadata = file.metadata;
  return {
    architecture: file.architecture,
    variant: namVariant(file),
    sizePreset: namSizePreset(file),
    receptiveFieldSamples: namReceptiveFieldSamples(file),
    weightCount: namWeightCount(file),
    sampleRateHz: file.sample_rate ?? null,
    loudnessDb: metadata?.loudness ?? null,
    inputLevelDbu: metadata?.input_level_dbu ?? null,
    outputLevelDbu: metadata?.output_level_dbu ?? null,
    validationEsr: validationEsr(metadata),
    modeledBy: namMetadataText(metadata, "modeled_by"),
    gearType: namMetadataText(metadata, "gear_type"),
    gearMake: namMetadataText(metadata, "gear_make"),
    gearModel: namMetadataText(metadata, "gear_model"),
    toneType: namMetadataText(metadata, "tone_type"),
    name: namMetadataText(metadata, "name"),
    slimmableSizes: slimmableSizes(file),
    fileVersion: file.version,
  };
}
