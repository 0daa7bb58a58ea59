/** Notes about an exchange that only the HTTP edge can see. */
import type { CaptureResponse } from "../../core/capture/types.js";
import { headerValue } from "../../core/capture/types.js";

/**
 * A note when an event stream came compressed: a compressing proxy or server
 * may hold events back until its buffer fills, so timings may show bursts.
 * Null when the body was not compressed or is not a stream.
 */
export function compressedStreamNote(response: CaptureResponse | null): string | null {
  if (!response?.encoding) return null;
  const type = headerValue(response.headers, "content-type")?.toLowerCase() ?? "";
  if (!type.includes("event-stream") && !type.includes("ndjson")) return null;
  return `the stream was ${response.encoding}-compressed: a compressing server or proxy may buffer events (buffering risk)`;
}

/**
 * A note when the server answered with a redirect: sselens does not follow it (a stream's
 * request body and credentials must not be resent somewhere else unasked), so say where it points.
 * Null when the status is not a 3xx redirect.
 */
export function redirectNote(response: CaptureResponse | null, requestUrl: string): string | null {
  if (response === null || response.status < 300 || response.status > 399 || response.status === 304)
    return null;
  const location = headerValue(response.headers, "location");
  if (!location) return `HTTP ${response.status} is a redirect without a Location header`;
  let target = location;
  try {
    target = new URL(location, requestUrl).href;
  } catch {
    // Keep the header as sent.
  }
  return `HTTP ${response.status} redirects to ${target}; sselens does not follow redirects, send the request there`;
}

/**
 * A note when the server says when to try again (`Retry-After` on a 429 or 503, as OpenAI and
 * Anthropic send with rate limits): seconds, or an HTTP date. Null without the header.
 */
export function retryAfterNote(response: CaptureResponse | null): string | null {
  if (response === null || (response.status !== 429 && response.status !== 503)) return null;
  const value = headerValue(response.headers, "retry-after")?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return `the server asks to retry after ${Number(value)} s (Retry-After: ${value})`;
  const when = Date.parse(value);
  return Number.isNaN(when)
    ? `the server sent Retry-After: ${value}`
    : `the server asks to retry after ${new Date(when).toISOString()} (Retry-After: ${value})`;
}
