/** @module What a render's downloadable file is called in the results, by its kind (file names are for machines). */
import type { ArtifactKind } from "@gts/api/contract";

const LABELS: Record<ArtifactKind, string> = {
  video: "Video (16:9, MP4)",
  "video-short": "Short (9:16, MP4)",
  thumbnail: "Thumbnail (PNG)",
  "program-wav": "Program (WAV, 32-bit float)",
  stem: "(WAV, 32-bit float)",
  "listen-stem": "(FLAC, 24-bit)",
  "loudness-report": "Loudness report (JSON)",
  manifest: "Manifest (JSON)",
  "cue-list": "Cue list (JSON)",
};

export function artifactLabel(
  artifact: { kind: ArtifactKind; name: string; chainIndex?: number },
  chainNames: string[],
) {
  const label = LABELS[artifact.kind] ?? artifact.name;
  if (artifact.chainIndex === undefined) return label;
  return `Stem: ${chainNames[artifact.chainIndex] ?? artifact.name} ${label}`;
}
