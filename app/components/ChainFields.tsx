import { useState } from "react";
import type { Asset } from "../lib/api-types";
import { FieldError } from "./FieldError";
import { LicenceWarning } from "./LicenceWarning";

export interface ChainFieldsProps {
  index: number;
  captures: Asset[];
  irs: Asset[];
  defaultColour: string;
  /** The api's messages by path ("chains.0.name"). */
  errors: Record<string, string>;
  onRemove?: () => void;
}

/** How a picker names an asset: TONE3000 models carry their source and creator (the terms forbid hiding them). */
export function assetOptionLabel(asset: Asset): string {
  return asset.tone3000 ? `${asset.name} — TONE3000, ${asset.tone3000.creator}` : asset.name;
}

/**
 * One chain of the simple builder: a name, a colour, an optional capture and IR, and a gain before them. A chosen
 * TONE3000 model whose licence limits publishing shows its warning beside the chain.
 */
export function ChainFields({ index, captures, irs, defaultColour, errors, onRemove }: ChainFieldsProps) {
  const defaultIrId = irs[index % Math.max(1, irs.length)]?.id ?? "";
  const [captureId, setCaptureId] = useState("");
  const [irId, setIrId] = useState(defaultIrId);
  // Tracked only to show licence warnings: the selects stay uncontrolled, so a choice made before hydration is still submitted.
  const warned = [captures.find((a) => a.id === captureId), irs.find((a) => a.id === irId)].filter(
    (asset): asset is Asset => Boolean(asset?.licenceWarning),
  );
  const prefix = `chains.${index}`;
  const id = (field: string) => `chain-${index}-${field}`;
  const blockError = Object.entries(errors).find(([key]) => key.startsWith(`${prefix}.blocks`))?.[1];
  const chainError = errors[prefix] ?? errors[`${prefix}.name`];
  return (
    <fieldset className="chain-fields" data-testid="chain-fields">
      <legend>
        <span className="chain-swatch" style={{ background: defaultColour }} aria-hidden="true" />
        Chain {index + 1}
      </legend>
      <div className="grid-fields">
        <label htmlFor={id("name")}>
          Name
          <input
            id={id("name")}
            name={`${prefix}.name`}
            required
            maxLength={60}
            defaultValue={`Chain ${index + 1}`}
            aria-invalid={chainError ? true : undefined}
            aria-describedby={chainError ? id("error") : undefined}
          />
        </label>
        <label htmlFor={id("colour")}>
          Colour
          <input id={id("colour")} name={`${prefix}.colour`} type="color" defaultValue={defaultColour} />
        </label>
        <label htmlFor={id("gain")}>
          Gain (dB)
          <input
            id={id("gain")}
            name={`${prefix}.gainDb`}
            type="number"
            min={-48}
            max={48}
            step={0.5}
            defaultValue={0}
          />
        </label>
        <label htmlFor={id("capture")}>
          Amp capture
          <select
            id={id("capture")}
            name={`${prefix}.captureId`}
            defaultValue=""
            onChange={(event) => setCaptureId(event.target.value)}
          >
            <option value="">None</option>
            {captures.map((asset) => (
              <option key={asset.id} value={asset.id}>
                {assetOptionLabel(asset)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={id("ir")}>
          Cab IR
          <select
            id={id("ir")}
            name={`${prefix}.irId`}
            defaultValue={defaultIrId}
            onChange={(event) => setIrId(event.target.value)}
          >
            <option value="">None</option>
            {irs.map((asset) => (
              <option key={asset.id} value={asset.id}>
                {assetOptionLabel(asset)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div aria-live="polite">
        {warned.map((asset) => (
          <LicenceWarning key={asset.id} subject={asset.name} warning={asset.licenceWarning} />
        ))}
      </div>
      <FieldError id={id("error")} message={chainError ?? blockError} />
      {onRemove && (
        <button type="button" className="button button-quiet" onClick={onRemove}>
          Remove chain {index + 1}
        </button>
      )}
    </fieldset>
  );
}
