/**
 * What went wrong, in one line, for stderr; and the report completed with
 * what only the edge knows (e.g. a compressed stream's buffering risk).
 * The session already puts the HTTP error message and the transport error in
 * `report.errors`; this only picks the line to show.
 */
import type { CaptureEnd } from "../core/capture/types.js";
import type { Report } from "../core/pipeline/types.js";

export interface Outcome {
  status: number | null;
  end: CaptureEnd;
  /** Extra notes for the report. */
  notes?: readonly string[];
}

/** Add the edge's notes to `report` (in place) and return the one-line problem, if any. */
export function completeReport(report: Report, outcome: Outcome): string | null {
  for (const note of outcome.notes ?? []) if (!report.notes.includes(note)) report.notes.push(note);
  const { status, end } = outcome;
  if (status !== null && status >= 400) {
    const prefix = `HTTP ${status}`;
    return (
      report.errors.find((e) => e.message.startsWith(prefix))?.message ?? report.errors[0]?.message ?? prefix
    );
  }
  if (end.reason === "aborted") return "interrupted: the report is partial";
  if (end.error) return end.error.message;
  const streamError = report.errors.find((e) => e.event !== undefined) ?? report.errors[0];
  if (streamError) return `the provider sent an error: ${streamError.message}`;
  const notStream =
    (report.framing === "raw" || report.metrics.bytes === 0) &&
    report.anomalies.find((a) => a.code === "not-event-stream");
  if (notStream) return notStream.message;
  if (!report.complete) {
    const missing = report.anomalies.find(
      (a) => a.code === "missing-end-signal" || a.code === "unterminated-event",
    );
    return missing ? `incomplete stream: ${missing.message}` : "incomplete stream";
  }
  return null;
}
