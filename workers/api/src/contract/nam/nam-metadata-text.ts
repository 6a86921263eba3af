/** @module `namMetadataText`: the informational string keys of `metadata` (spec §1.2) that facts report. */

/** Informational metadata keys read as text, with the facts field each one fills. */
export const NAM_METADATA_TEXT_KEYS = {
  modeled_by: "modeledBy",
  gear_type: "gearType",
  gear_make: "gearMake",
  gear_model: "gearModel",
  tone_type: "toneType",
  name: "name",
} as const;

export type NamMetadataTextKey = keyof typeof NAM_METADATA_TEXT_KEYS;

/**
 * The value of an informational key when it is a non-empty string, else `null`. The core ignores these keys, so a
 * wrong type is not a reason to reject a file (it is reported as a warning instead).
 */
export function namMetadataText(
  metadata: Readonly<Record<string, unknown>> | null | undefined,
  key: NamMetadataTextKey,
): string | null {
  const value = metadata?.[key];
  return typeof value === "string" && value.trim() !== "" ? value : null;
}
