/** Says plainly that TONE3000 is simulated here (the local stand-in used in development and tests). */
export function Tone3000StandInBanner() {
  return (
    <p className="stand-in-banner" role="note" data-testid="tone3000-stand-in">
      Local stand-in for TONE3000 (development): data and sign-in are simulated.
    </p>
  );
}
