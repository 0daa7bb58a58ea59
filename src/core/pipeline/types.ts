import type { CaptureEnd, EndReason } from "../capture/types.js";
import type { Choice, Delta, Detection, Format, FormatName, ReportError, Usage } from "../formats/types.js";
import type { Metrics } from "../metrics/types.js";
import type { Anomaly, Framing, StreamComment, StreamEvent } from "../sse/types.js";

/** The report: the same shape in the CLI (`--json`), the web app and history. */
export interface Report {
  /** HTTP status; null without a response (connection failure) or for a file. */
  status: number | null;
  /** Transport ended cleanly, the body did not end inside an event, and the format's end signal arrived. */
  complete: boolean;
  end: EndReason | null;
  format: FormatName | "custom";
  detection: Detection;
  framing: Framing;
  errors: ReportError[];
  anomalies: Anomaly[];
  choices: Choice[];
  usage: Usage | null;
  metrics: Metrics;
  notes: string[];
  meta: Record<string, unknown>;
}

export interface SessionOptions {
  /** Override detection: a format name, or a custom format (JSONPath rule). */
  format?: FormatName | Format;
  /** Response Content-Type, used for framing and detection. */
  contentType?: string;
  /** Request URL, used for detection and by formats that differ by path. */
  url?: string;
  maxEventBytes?: number;
  keepRaw?: boolean;
  stallThresholdMs?: number;
  /** ms from request start to response headers (for `metrics.headersMs`). */
  headersAt?: number;
  /** Response Content-Encoding that was decoded (gzip, br, deflate): a compressed stream is a buffering risk. */
  encoding?: string | null;
}

export interface SessionCallbacks {
  /** Each event as it is dispatched, with what it added to the reply. */
  onEvent?: (event: StreamEvent, deltas: Delta[]) => void;
  onComment?: (comment: StreamComment) => void;
  onAnomaly?: (anomaly: Anomaly) => void;
  /** The format was decided; `framing` says how the body is cut into events ("raw": one whole body, not a stream). */
  onDetect?: (detection: Detection, framing: Framing) => void;
  /** What the format flushed when the body ended (e.g. buffered `<think>` text), not tied to an event. */
  onFinish?: (deltas: Delta[]) => void;
}

/** Incremental pipeline over one body: framing, detection, merge and metrics. */
export interface Session {
  /** Feed the next decoded body chunk with its arrival time. */
  feed(bytes: Uint8Array, t: number | null): void;
  /** The body ended (however it ended). */
  end(end?: CaptureEnd): void;
  /** A report of what has been seen so far; `status` is taken from the caller. */
  report(status?: number | null): Report;
  readonly detection: Detection | null;
}
