import { formatNumber } from "@gts/api/contract";
import type { ParamSpec } from "../lib/chain-editor";
import { FieldError } from "./FieldError";

export interface ParamFieldProps {
  id: string;
  name: string;
  param: ParamSpec;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

/** "−48 to 48 dB", "0 to 1"; with the unit once, at the end. */
export function rangeText(param: ParamSpec): string {
  const unit = param.unit ? ` ${param.unit}` : "";
  return `${formatNumber(param.min).replace("-", "−")} to ${formatNumber(param.max)}${unit}`;
}

/**
 * One block parameter as a labelled number input: the unit in the label, min/max/step from the contract's limits,
 * the range below it (and "empty = off" for optional filters), the contract's message when it refused the value.
 */
export function ParamField({ id, name, param, value, error, onChange }: ParamFieldProps) {
  const hintId = `${id}-range`;
  const errorId = `${id}-error`;
  return (
    <div className="param">
      <label htmlFor={id}>
        <span>
          {param.label}
          {param.unit && <span className="param-unit"> ({param.unit})</span>}
        </span>
        <input
          id={id}
          name={name}
          type="number"
          inputMode="decimal"
          min={param.min}
          max={param.max}
          step={param.step}
          value={value}
          placeholder={param.optional ? "Off" : undefined}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        />
      </label>
      <span className="param-range" id={hintId}>
        {rangeText(param)}
        {param.optional && (param.field === "slimmableSize" ? "; empty: full size" : "; empty: off")}
      </span>
      <FieldError id={errorId} message={error} />
    </div>
  );
}
