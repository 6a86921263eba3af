/**
 * @module Reading a refusal of the api's `tone3000` calls as something the page can say and offer: sign in with
 * TONE3000 again (the stored session ended), connect (not connected), wait (rate limited), or try later.
 */
import { apiErrorCode, apiMessages } from "./api-errors";

export type Tone3000ProblemKind =
  /** Our session with TONE3000 ended: offer "Sign in with TONE3000 again". */
  | "reauth"
  /** Not connected to TONE3000, or TONE3000 is not configured here. */
  | "not-connected"
  | "rate-limited"
  | "unreachable"
  | "not-found"
  /** Any other refusal with a message a person can act on (bad input, licence, file too large, …). */
  | "refused"
  /** The api failed: no message worth showing. */
  | "failed";

export interface Tone3000Problem {
  kind: Tone3000ProblemKind;
  message: string;
}

const KINDS: Record<string, Tone3000ProblemKind> = {
  UNAUTHORIZED: "reauth",
  PRECONDITION_FAILED: "not-connected",
  TOO_MANY_REQUESTS: "rate-limited",
  BAD_GATEWAY: "unreachable",
  NOT_FOUND: "not-found",
  INTERNAL_SERVER_ERROR: "failed",
};

/** The problem behind an api refusal, or null for anything that is not one (a bug: rethrow it). */
export function tone3000Problem(error: unknown): Tone3000Problem | null {
  const code = apiErrorCode(error);
  if (code === null) return null;
  const kind = KINDS[code] ?? "refused";
  const message =
    kind === "failed"
      ? "Something went wrong while talking to TONE3000. Please try again."
      : apiMessages(error).messages.join(" · ");
  return { kind, message };
}

/**
 * Whether a refusal means the person is no longer signed in here (our session, not TONE3000's): the api's
 * `UNAUTHORIZED` for its own session does not mention TONE3000, while a TONE3000 session that ended does.
 */
export function isSignedOut(error: unknown): boolean {
  return apiErrorCode(error) === "UNAUTHORIZED" && !/tone3000/i.test(error instanceof Error ? error.message : "");
}
