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
