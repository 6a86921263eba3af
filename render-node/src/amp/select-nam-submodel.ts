/** @module `selectNamSubmodel`: the submodel a SlimmableContainer runs at a given size (spec §7). */
import type { NamFile, SlimmableContainerNamFile } from "@gts/api/contract";

/**
 * The first submodel with `size < max_value`, else the last; no size = the default, the last one. `field` is its path
 * in the file (`config.submodels[i].model`) for error messages.
 */
export function selectNamSubmodel(
  file: SlimmableContainerNamFile,
  size?: number,
): { model: NamFile; field: string; index: number } {
  const { submodels } = file.config;
  let index = submodels.length - 1;
  if (size !== undefined) {
    const found = submodels.findIndex((s) => size < s.max_value);
    if (found >= 0) index = found;
  }
  const chosen = submodels[index];
  if (chosen === undefined) throw new Error("a validated SlimmableContainer has at least one submodel");
  return { model: chosen.model, field: `config.submodels[${index}].model`, index };
}
