const CLASSES = { error: "form-message form-error", ok: "form-message form-ok", info: "form-message form-info" };

/** A message about the whole form (a refusal that names no field), a success note, or a neutral notice. */
export function FormMessage({
  message,
  tone = "error",
}: {
  message: string | null | undefined;
  tone?: "error" | "ok" | "info";
}) {
  if (!message) return null;
  return (
    <p className={CLASSES[tone]} role={tone === "error" ? "alert" : "status"}>
      {message}
    </p>
  );
}
