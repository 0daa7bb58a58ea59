/**
 * A capture is the record of one exchange. It is the single source of truth:
 * events, merged reply and metrics are all derived from it and can be recomputed.
 */

/** One network read of the (decoded) response body. */
export interface Chunk {
  /** Arrival time in ms since the request started (monotonic clock); null for untimed bodies (files). */
  t: number | null;
  bytes: Uint8Array;
}

export type EndReason =
  /** The transport ended cleanly (the server closed the body normally). */
  | "complete"
  /** The connection broke before the body ended (reset, socket closed mid-body). */
  | "cut"
  /** The user aborted (Ctrl-C, Cancel). */
  | "aborted"
  /** A timeout fired (no headers in time, or idle too long). */
  | "timeout"
  /** No response: DNS, refused connection, TLS failure, bad URL. */
  | "error";

export type Header = [name: string, value: string];

export interface CaptureRequest {
  method: string;
  url: string;
  /** Headers as sent, secrets redacted before the capture leaves memory for disk. */
  headers: Header[];
  body: string | null;
}

export interface CaptureResponse {
  status: number;
  statusText: string;
  headers: Header[];
  /** Value of Content-Encoding when the body was decoded (gzip, br, deflate), else null. */
  encoding: string | null;
  /** ms from request start to response headers. */
  headersAt: number;
}

export interface CaptureEnd {
  reason: EndReason;
  /** ms since request start when the exchange ended. */
  at: number | null;
  /** Transport error (what and where), when there was one. */
  error?: { code: string; message: string };
}

export interface Capture {
  version: 1;
  id: string;
  /** Wall clock at request start (ISO 8601). */
  startedAt: string;
  request: CaptureRequest;
  /** Null when no response arrived (connection failure, timeout before headers). */
  response: CaptureResponse | null;
  /** The decoded body exactly as received, in arrival order. */
  chunks: Chunk[];
  end: CaptureEnd;
}

/** Case-insensitive header lookup (first match). */
export function headerValue(headers: readonly Header[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of headers) if (k.toLowerCase() === lower) return v;
  return undefined;
}
