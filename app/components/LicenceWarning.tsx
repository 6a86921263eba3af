/** Why a licence limits publishing (non-commercial, no derivatives, unknown), shown where the model is chosen. */
export function LicenceWarning({ warning, subject }: { warning: string | null | undefined; subject?: string }) {
  if (!warning) return null;
  return (
    <p className="licence-warning" role="note" data-testid="licence-warning">
      <strong>Licence: </strong>
      {subject ? `${subject}: ` : ""}
      {warning}
    </p>
  );
}
