/**
 * A whole capture through the pipeline: what the web app does to re-merge a
 * saved exchange without a server, and what history and tests use.
 */
import { type Capture, headerValue } from "../capture/types.js";
import { createSession } from "./session.js";
import type { Report, SessionOptions } from "./types.js";

/**
 * Recompute the report of a capture. Content type, URL and header time come from
 * the capture unless `opts` overrides them.
 *
 * @example
 * const report = analyzeCapture(deserializeCapture(json), { format: "anthropic" });
 * report.choices[0]?.content;
 */
export function analyzeCapture(capture: Capture, opts: SessionOptions = {}): Report {
  const contentType = capture.response ? headerValue(capture.response.headers, "content-type") : undefined;
  const session = createSession({
    ...(contentType !== undefined ? { contentType } : {}),
    url: capture.request.url,
    ...(capture.response
      ? { headersAt: capture.response.headersAt, encoding: capture.response.encoding }
      : {}),
    ...opts,
  });
  for (const chunk of capture.chunks) session.feed(chunk.bytes, chunk.t);
  session.end(capture.end);
  return session.report(capture.response?.status ?? null);
}
