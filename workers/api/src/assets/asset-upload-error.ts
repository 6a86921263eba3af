/**
 * @module A refused upload: the HTTP status, a stable code and a message that names the file and the problem.
 */

export type AssetUploadErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "PAYLOAD_TOO_LARGE"
  | "LENGTH_REQUIRED"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "UNPROCESSABLE_CONTENT";

const STATUS: Record<AssetUploadErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  LENGTH_REQUIRED: 411,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE_CONTENT: 422,
};

export class AssetUploadError extends Error {
  override name = "AssetUploadError";
  readonly code: AssetUploadErrorCode;

  constructor(code: AssetUploadErrorCode, message: string) {
    super(message);
    this.code = code;
  }

  get status(): number {
    return STATUS[this.code];
  }

  toResponse(): Response {
    return Response.json({ error: { code: this.code, message: this.message } }, { status: this.status });
  }
}

/** Runs a file route, answering an `AssetUploadError` with its JSON refusal; anything else is a bug and rethrown. */
export async function answeringUploadErrors(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AssetUploadError) return error.toResponse();
    throw error;
  }
}
