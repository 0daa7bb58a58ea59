import type { ApiErrorBody } from "../../src/server/protocol.js";

/** A refusal or failure answered by the local server (or by the recorded client). */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    /** HTTP status (0 when the server could not be reached). */
    readonly status: number,
    /** Machine-readable code from the server (`not-found`, `bad-request`, `unreachable`, ...). */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Turns a non-2xx answer into an ApiError that says what and where. */
export async function errorFromResponse(response: Response, what: string): Promise<ApiError> {
  let code = `http-${response.status}`;
  let message = `${what} failed with status ${response.status}`;
  try {
    const body = (await response.json()) as Partial<ApiErrorBody>;
    if (body.error && typeof body.error.message === "string") {
      code = body.error.code ?? code;
      message = `${what}: ${body.error.message}`;
    }
  } catch {
    // Not JSON (e.g. a plain-text 401 page): the status says enough.
  }
  return new ApiError(response.status, code, message);
}
