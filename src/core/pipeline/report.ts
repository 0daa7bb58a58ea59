/**
 * Building the `Report` from what a session saw: the merged reply, the
 * anomalies, the metrics and how the exchange ended. `complete` is decided
 * here, in one place, from the three conditions the CLI and the UI document.
 */
import type { CaptureEnd } from "../capture/types.js";
import type { Detection, MergedReply, ReportError } from "../formats/types.js";
import type { Metrics } from "../metrics/types.js";
import type { Anomaly, Framing } from "../sse/types.js";
import { httpError } from "./http-error.js";
import type { Report } from "./types.js";

export interface ReportInput {
  status: number | null;
  end: CaptureEnd | null;
  detection: Detection;
  custom: boolean;
  framing: Framing;
  reply: MergedReply;
  /** Framing and payload anomalies, in the order they were found. */
  anomalies: readonly Anomaly[];
  notes: readonly string[];
  unterminated: boolean;
  metrics: Metrics;
  /** The start of the body as text (only read for HTTP errors). */
  body: () => string;
}

export function buildReport(input: ReportInput): Report {
  const { status, end, reply } = input;
  const httpFailed = status !== null && status >= 400;
  let errors: ReportError[] = [...reply.errors];
  if (end?.error) errors.push({ code: end.error.code, message: end.error.message });
  if (httpFailed) {
    const e = httpError(status, input.body());
    // A format that read the error body itself reported the same message without the status: keep one.
    errors = [e, ...errors.filter((x) => !e.message.endsWith(x.message))];
  }

  // Payload anomalies from the reply carry their event index; keep everything in stream order.
  let anomalies = [...input.anomalies, ...reply.anomalies];
  // An error body has no end signal by nature: the HTTP error, or in a saved body (no status)
  // the provider's error object, says it all. A stream is framed as events, never "raw".
  // Likewise without any response body (refused, timed out before headers): there was no stream.
  const noBody = status === null && input.metrics.bytes === 0;
  // A body that ended cleanly with no bytes at all (a 200 with nothing, an empty file) carried no stream.
  const empty = !httpFailed && end?.reason === "complete" && input.metrics.bytes === 0;
  if (empty)
    anomalies.push({ code: "not-event-stream", message: "The body is empty: no stream arrived", offset: 0 });
  const errorBody = httpFailed || noBody || empty || (input.framing === "raw" && reply.errors.length > 0);
  // Stopped by the user (Ctrl-C): `end: "aborted"` says why the end signal is missing.
  const aborted = end?.reason === "aborted";
  if (errorBody || aborted) anomalies = anomalies.filter((a) => a.code !== "missing-end-signal");
  anomalies.sort((a, b) => (a.event ?? Number.MAX_SAFE_INTEGER) - (b.event ?? Number.MAX_SAFE_INTEGER));
  const bodyEnded = end !== null && end.reason !== "error";
  const flagged = anomalies.some((a) => a.code === "missing-end-signal");
  if (bodyEnded && !reply.ended && !errorBody && !aborted && !flagged) {
    anomalies.push({
      code: "missing-end-signal",
      message: `The body ended without the end signal of ${input.custom ? "the custom format" : input.detection.format}; the reply may be cut short`,
      event: input.metrics.events,
    });
  }

  // A body that is neither SSE, NDJSON nor JSON (plain text, HTML) is not the stream that was asked for.
  const notStream =
    empty || (input.framing === "raw" && anomalies.some((a) => a.code === "not-event-stream"));
  const complete =
    end !== null &&
    end.reason === "complete" &&
    !input.unterminated &&
    reply.ended &&
    !httpFailed &&
    !notStream &&
    // A provider error ends some streams by design (Responses' response.failed, Cohere's
    // finish_reason ERROR): the end signal arrived, but the reply did not complete.
    reply.errors.length === 0;

  return {
    status,
    complete,
    end: end?.reason ?? null,
    format: reply.format,
    detection: input.detection,
    framing: input.framing,
    errors,
    anomalies,
    choices: reply.choices,
    usage: reply.usage,
    metrics: input.metrics,
    notes: [...input.notes, ...reply.notes],
    meta: reply.meta,
  };
}
