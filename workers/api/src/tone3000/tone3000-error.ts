/**
 * @module A failed TONE3000 call, with a message a user can act on. `REAUTH` means our stored session with TONE3000
 * is gone (refresh refused): the user signs in with TONE3000 again; the others say what TONE3000 or the network did.
 */
import { TRPCError } from "@trpc/server";

export type Tone3000ErrorCode =
  | "NOT_CONFIGURED"
  | "NOT_LINKED"
  | "REAUTH"
  | "RATE_LIMITED"
  | "UNREACHABLE"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "BAD_RESPONSE"
  | "BAD_REQUEST";

const TRPC_CODES = {
  NOT_CONFIGURED: "PRECONDITION_FAILED",
  NOT_LINKED: "PRECONDITION_FAILED",
  REAUTH: "UNAUTHORIZED",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  UNREACHABLE: "BAD_GATEWAY",
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  BAD_RESPONSE: "BAD_GATEWAY",
  BAD_REQUEST: "BAD_REQUEST",
} as const satisfies Record<Tone3000ErrorCode, TRPCError["code"]>;

export class Tone3000Error extends Error {
  override name = "Tone3000Error";
  readonly code: Tone3000ErrorCode;
  /** For `RATE_LIMITED`: how long TONE3000 asked us to wait. */
  readonly retryAfterSeconds: number | null;

  constructor(code: Tone3000ErrorCode, message: string, retryAfterSeconds: number | null = null) {
    super(message);
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** For tRPC: `cause` keeps the code so the app can offer "Sign in with TONE3000 again" on `REAUTH`. */
  toTrpc(): TRPCError {
    return new TRPCError({ code: TRPC_CODES[this.code], message: this.message, cause: this });
  }
}

/** Runs `work`, turning a `Tone3000Error` into the matching tRPC error. */
export async function answeringTone3000Errors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Tone3000Error) throw error.toTrpc();
    throw error;
  }
}
