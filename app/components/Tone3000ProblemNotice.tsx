import { tone3000StartPath } from "../lib/tone3000-links";
import type { Tone3000Problem } from "../lib/tone3000-problem";
import { FormMessage } from "./FormMessage";

/**
 * A failed TONE3000 call, in place: its message, and the way out where there is one (sign in with TONE3000 again
 * when the session ended, connect when not connected). `returnTo` is where those flows come back to.
 */
export function Tone3000ProblemNotice({ problem, returnTo }: { problem: Tone3000Problem; returnTo: string }) {
  return (
    <div className="problem-notice" data-testid="tone3000-problem" data-kind={problem.kind}>
      <FormMessage message={problem.message} />
      {problem.kind === "reauth" && (
        <a className="button" href={tone3000StartPath("link", returnTo)}>
          Sign in with TONE3000 again
        </a>
      )}
      {problem.kind === "not-connected" && (
        <a className="button" href={tone3000StartPath("link", returnTo)}>
          Connect TONE3000
        </a>
      )}
    </div>
  );
}
