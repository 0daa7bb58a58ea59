/**
 * Records produced by the stream engine. Every record keeps where it came from:
 * its raw text, its byte range in the (decoded) response body and the arrival
 * time of its last byte, so every view can be traced back to the wire.
 */

/** One dispatched event (SSE, or one NDJSON line / JSON-array element). */
export interface StreamEvent {
  /** 0-based index among dispatched events of this body. */
  index: number;
  /** Event type: the SSE `event` field, `"message"` when none was given. */
  type: string;
  /** The event data (SSE data lines joined with LF, final LF removed). */
  data: string;
  /** The last event ID string as the spec defines it (persists across events). */
  id: string;
  /** Raw text of the block, exactly as decoded, including field lines and comments. */
  raw: string;
  /** Byte offset of the first byte of the block in the body. */
  start: number;
  /** Byte offset just past the block's terminating blank line. */
  end: number;
  /** Arrival time (ms since request start) of the chunk that completed the event; null when untimed. */
  t: number | null;
  /** Index of the network chunk that completed the event. */
  chunk: number;
}

/** An SSE comment line (`: keep-alive`). */
export interface StreamComment {
  /** Comment text after the colon, one leading space removed. */
  text: string;
  start: number;
  end: number;
  t: number | null;
  chunk: number;
  /** Number of events dispatched before this comment. */
  beforeEvent: number;
}

export type AnomalyCode =
  // framing (parser)
  | "unterminated-event"
  | "event-without-data"
  | "invalid-retry"
  | "bom-mid-stream"
  | "near-miss-field"
  | "unknown-field"
  | "invalid-utf8"
  | "line-too-long"
  | "event-too-large"
  | "id-with-nul"
  | "not-event-stream"
  | "content-type-mismatch"
  // payload / merge
  | "non-json-data"
  | "unknown-event-type"
  | "unknown-block-type"
  | "delta-before-start"
  | "unknown-block-index"
  | "invalid-tool-arguments"
  | "sequence-gap"
  | "second-terminal-event"
  | "data-after-terminal"
  | "missing-end-signal"
  | "out-of-order"
  | "transport";

/** A recoverable problem: reported, never thrown; processing goes on. */
export interface Anomaly {
  code: AnomalyCode;
  message: string;
  /** Index of the event it concerns (the next event to be dispatched for framing issues). */
  event?: number;
  /** Byte offset in the body where it was found. */
  offset?: number;
}

/** Callbacks of a framer (SSE parser, NDJSON splitter, JSON-array splitter). */
export interface FramerCallbacks {
  onEvent?: (event: StreamEvent) => void;
  onComment?: (comment: StreamComment) => void;
  onAnomaly?: (anomaly: Anomaly) => void;
  /** Called whenever a valid `retry` field changes the stream's reconnection time. */
  onRetry?: (ms: number) => void;
}

export interface FramerOptions extends FramerCallbacks {
  /** Cap for one line and one event, in bytes (default 8 MiB). Over it, the rest is dropped and reported. */
  maxEventBytes?: number;
  /** Keep the `raw` text of each event (default true). `inspect` on huge files may turn it off. */
  keepRaw?: boolean;
}

/** An incremental framer: feed bytes as they arrive, then end. Never throws on bad input. */
export interface Framer {
  /** Feed the next chunk of the body; `t` is its arrival time in ms since request start. */
  feed(bytes: Uint8Array, t?: number | null): void;
  /** The body ended. An unterminated last event is reported (not dispatched, for SSE). */
  end(): void;
  /** Stream state after the input so far. */
  readonly state: { lastEventId: string; retry: number | null; bytes: number };
}

export type Framing = "sse" | "ndjson" | "json-array" | "raw";
