import type { Asset } from "../lib/api-types";
import { formatBytes, formatChannels, formatDb, formatHz, formatSeconds } from "../lib/format";

/** What the api learned from the file: audio facts for DIs and IRs, the `.nam` facts for captures. */
export function AssetMetadata({ asset }: { asset: Asset }) {
  const { metadata } = asset;
  const facts: [string, string][] =
    metadata.kind === "audio"
      ? [
          ["Rate", formatHz(metadata.sampleRateHz)],
          ["Channels", formatChannels(metadata.channels)],
          ["Duration", formatSeconds(metadata.durationSeconds)],
          ["Peak", formatDb(metadata.peakDbfs, "dBFS")],
          ["Format", `${metadata.format}${metadata.bitDepth ? ` ${metadata.bitDepth}-bit` : ""}`],
        ]
      : [
          ["Architecture", metadata.facts.architecture],
          ["Size", metadata.facts.sizePreset ?? "—"],
          ["Rate", metadata.facts.sampleRateHz ? formatHz(metadata.facts.sampleRateHz) : "unknown (48 kHz assumed)"],
          ["Loudness", formatDb(metadata.facts.loudnessDb)],
          ["Author", asset.author ?? metadata.facts.modeledBy ?? "—"],
          ...(metadata.facts.gearMake || metadata.facts.gearModel
            ? [
                ["Gear", [metadata.facts.gearMake, metadata.facts.gearModel].filter(Boolean).join(" ")] as [
                  string,
                  string,
                ],
              ]
            : []),
        ];
  return (
    <dl className="facts">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      <div>
        <dt>File</dt>
        <dd title={asset.fileName}>{formatBytes(asset.sizeBytes)}</dd>
      </div>
    </dl>
  );
}
