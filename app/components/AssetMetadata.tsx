import type { LibraryAsset } from "../lib/api-types";
import { formatBytes, formatChannels, formatDb, formatHz, formatSeconds } from "../lib/format";
import { WaveformThumbnail } from "./WaveformThumbnail";

/**
 * What the api learned from the file: audio facts for DIs and IRs (with a waveform thumbnail where the api stored a
 * summary), the `.nam` facts for captures; for a TONE3000 model also where it comes from, its creator and its licence
 * (the terms forbid hiding them).
 */
export function AssetMetadata({ asset }: { asset: LibraryAsset }) {
  const { metadata } = asset;
  const credit = asset.tone3000Credit;
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
          ...(credit ? [] : [["Author", asset.author ?? metadata.facts.modeledBy ?? "—"] as [string, string]]),
          ...(metadata.facts.gearMake || metadata.facts.gearModel
            ? [
                ["Gear", [metadata.facts.gearMake, metadata.facts.gearModel].filter(Boolean).join(" ")] as [
                  string,
                  string,
                ],
              ]
            : []),
        ];
  if (credit) {
    facts.push(["Creator", credit.creator], ["Licence", credit.licenceLabel]);
  }
  return (
    <div className="asset-facts">
      {metadata.kind === "audio" && (
        <WaveformThumbnail name={asset.name} waveform={metadata.waveform} peakDbfs={metadata.peakDbfs} />
      )}
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
    </div>
  );
}
