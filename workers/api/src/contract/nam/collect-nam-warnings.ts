/** @module `collectNamWarnings`: what to tell an uploader about a `.nam` file that loads, but maybe not as expected. */

import { NAM_METADATA_TEXT_KEYS, type NamMetadataTextKey } from "./nam-metadata-text.ts";
import type { NamFile } from "./nam-model-schema.ts";
import { formatNamFieldPath } from "./nam-validation-error.ts";
import { namVersionWarning } from "./nam-version.ts";
import { resolveWaveNetLayerArray } from "./resolve-wavenet-layer-array.ts";

type Path = readonly PropertyKey[];

function collect(file: NamFile, path: Path, out: string[]): void {
  const at = (...rest: PropertyKey[]) => formatNamFieldPath([...path, ...rest]);

  const versionWarning = namVersionWarning(file.version);
  if (versionWarning !== null) out.push(`${at("version")}: ${versionWarning}`);

  if (file.architecture === "WaveNet") {
    const { config } = file;
    // The core uses the last weight as head_scale (spec §3.4, §3.8.3); compare at float32 precision.
    const last = file.weights.at(-1);
    if (last !== undefined && Math.fround(last) !== Math.fround(config.head_scale)) {
      out.push(
        `${at("config", "head_scale")}: ${config.head_scale} differs from the last weight (${last}), which is the value the NAM core uses`,
      );
    }
    config.layers.forEach((layer, i) => {
      const layerAt = (...rest: PropertyKey[]) => at("config", "layers", i, ...rest);
      if (layer.head !== undefined && layer.head !== null && layer.head_size !== undefined) {
        out.push(`${layerAt("head_size")}: ignored because a head object is present`);
      }
      if (layer.gating_mode !== undefined && layer.gated !== undefined) {
        out.push(`${layerAt("gated")}: ignored because gating_mode is present`);
      }
      if (layer.slimmable !== null) {
        // Smaller sizes of such arrays are rejected by the core when selected (spec §3.10).
        const array = resolveWaveNetLayerArray(layer);
        const blockers = [
          array.groupsInput !== 1 ? "groups_input ≠ 1" : null,
          array.groupsInputMixin !== 1 ? "groups_input_mixin ≠ 1" : null,
          array.layer1x1.groups !== 1 ? "layer1x1.groups ≠ 1" : null,
          array.head1x1.active && array.head1x1.groups !== 1 ? "head1x1.groups ≠ 1" : null,
          array.headKernelSize !== 1 ? "head kernel_size ≠ 1" : null,
        ].filter((b) => b !== null);
        if (blockers.length > 0) {
          out.push(`${layerAt("slimmable")}: sizes below full width cannot be selected (${blockers.join(", ")})`);
        }
      }
    });
    if (config.condition_dsp !== null) collect(config.condition_dsp, [...path, "config", "condition_dsp"], out);
  }

  if (file.architecture === "SlimmableContainer") {
    file.config.submodels.forEach((submodel, i) => {
      collect(submodel.model, [...path, "config", "submodels", i, "model"], out);
    });
  }
}

/** Warnings for a file that passed `namFileSchema`, each `<field>: <sentence>`; nested models are included. */
export function collectNamWarnings(file: NamFile): string[] {
  const out: string[] = [];
  collect(file, [], out);
  // Informational metadata the facts report: the core ignores it, so a wrong type only loses the value.
  for (const key of Object.keys(NAM_METADATA_TEXT_KEYS) as NamMetadataTextKey[]) {
    const value = file.metadata?.[key];
    if (value !== undefined && value !== null && typeof value !== "string") {
      out.push(`${formatNamFieldPath(["metadata", key])}: ignored (expected a string, got ${typeof value})`);
    }
  }
  return out;
}
