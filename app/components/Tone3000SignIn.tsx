import { tone3000StartPath } from "../lib/tone3000-links";

export interface Tone3000SignInProps {
  /** `tone3000.status`, or null when it could not be read (the button is then left out). */
  status: { available: boolean; localStandIn: boolean } | null;
  /** Where to land after signing in (a path on this site). */
  returnTo: string;
}

/**
 * "Sign in with TONE3000" for the sign-in and sign-up pages, with the short partnership note TONE3000's terms ask
 * for before a first sign-in. Nothing is shown where TONE3000 is not available.
 */
export function Tone3000SignIn({ status, returnTo }: Tone3000SignInProps) {
  if (!status?.available) return null;
  return (
    <section className="sso" aria-label="Sign in with TONE3000">
      <p className="sso-divider" aria-hidden="true">
        <span>or</span>
      </p>
      <a
        className="button button-tone3000"
        href={tone3000StartPath("signin", returnTo)}
        data-testid="tone3000-signin"
        aria-describedby="tone3000-signin-note"
      >
        Sign in with TONE3000
      </a>
      <p className="hint" id="tone3000-signin-note">
        Guitar Tone Shootout uses TONE3000 to find captures and IRs. You sign in on TONE3000; we never see your TONE3000
        password. No account here yet? One is made for you.
      </p>
      {status.localStandIn && (
        <p className="hint stand-in-note" data-testid="tone3000-stand-in-note">
          Local stand-in: no real TONE3000 account is used
        </p>
      )}
    </section>
  );
}
