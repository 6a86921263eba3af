/** Marks a library asset or chain block that is a TONE3000 model used by reference. */
export function Tone3000Badge() {
  return (
    <span className="badge badge-tone3000" data-testid="tone3000-badge">
      TONE3000
    </span>
  );
}
