/**
 * @module Reading the api's refusals: the tRPC code of an error, and its message as field errors. Input validation
 * refusals carry zod issues whose messages already name the field and the limit ("password must be at least 10
 * characters"); other refusals carry one message.
 */

interface TrpcLikeError {
  message: string;
  data?: { code?: string; httpStatus?: number } | null;
}

function isTrpcLike(error: unknown): error is TrpcLikeError {
  return error instanceof Error && "data" in error;
}

/** The api's error code (`UNAUTHORIZED`, `NOT_FOUND`, `CONFLICT`, …), or null for anything that is not a refusal. */
export function apiErrorCode(error: unknown): string | null {
  return isTrpcLike(error) ? (error.data?.code ?? null) : null;
}

/** A refusal a person can act on (bad input, conflict, limits), as opposed to a bug or an outage. */
export function isUserMistake(error: unknown): boolean {
  const code = apiErrorCode(error);
  return code !== null && ["BAD_REQUEST", "CONFLICT", "UNAUTHORIZED", "FORBIDDEN", "TOO_MANY_REQUESTS"].includes(code);
}

export interface ApiMessages {
  /** Messages by field path ("email", "chains.1.name"). */
  fieldErrors: Record<string, string>;
  /** Every message, in the api's order, for a summary. */
  messages: string[];
}

/** The api's messages: zod issues keyed by their path, or the single message under "form". */
export function apiMessages(error: unknown): ApiMessages {
  const message = error instanceof Error ? error.message : String(error);
  const issues = parseIssues(message);
  if (!issues) return { fieldErrors: { form: message }, messages: [message] };
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.join(".") : "form";
    fieldErrors[key] ??= issue.message;
  }
  return { fieldErrors, messages: issues.map((i) => i.message) };
}

function parseIssues(message: string): { path: (string | number)[]; message: string }[] | null {
  if (!message.trimStart().startsWith("[")) return null;
  try {
    const parsed: unknown = JSON.parse(message);
    if (!Array.isArray(parsed)) return null;
    return parsed.flatMap((issue) =>
      issue && typeof issue === "object" && typeof issue.message === "string"
        ? [{ path: Array.isArray(issue.path) ? issue.path : [], message: issue.message }]
        : [],
    );
  } catch {
    return null;
  }
}
