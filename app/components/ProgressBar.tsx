/** A labelled progress bar (0..1); `label` names what is progressing for screen readers. */
export function ProgressBar({ value, label, tone }: { value: number; label: string; tone?: "ok" | "error" }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      className={`progress${tone ? ` progress-${tone}` : ""}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
