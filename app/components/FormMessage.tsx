/** A message about the whole form (a refusal that names no field), or a success note. */
export function FormMessage({ message, tone = "error" }: { message: string | undefined; tone?: "error" | "ok" }) {
  if (!message) return null;
  return (
    <p
      className={tone === "error" ? "form-message form-error" : "form-message form-ok"}
      role={tone === "error" ? "alert" : "status"}
    >
      {message}
    </p>
  );
}
