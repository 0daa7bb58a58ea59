/** A refusal a route answers with: the status, a stable code and a message that says what and where. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly status: 400 | 404 | 409 | 410 | 413 | 415 | 500,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function isHttpError(value: unknown): value is HttpError {
  return value instanceof HttpError;
}

export const badRequest = (message: string): HttpError => new HttpError(400, "bad-request", message);
