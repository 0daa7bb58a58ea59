/** Timing metrics derived from a capture. All times are ms since the request started; null when untimed or absent. */
export interface Metrics {
  /** Response headers received. */
  headersMs: number | null;
  firstByteMs: number | null;
  firstEventMs: number | null;
  firstReasoningMs: number | null;
  /** Time to the first answer token (content, refusal or tool call). Reasoning does not count. */
  ttftMs: number | null;
  /** Request start to the end of the exchange. */
  totalMs: number | null;
  events: number;
  comments: number;
  /** Network reads of the body. */
  chunks: number;
  bytes: number;
  /** Gaps between consecutive events. */
  gaps: { maxMs: number | null; p50Ms: number | null; p95Ms: number | null };
  stallThresholdMs: number;
  /** Gaps over the threshold: `after` is the index of the event that ended the silence. */
  stalls: { after: number; ms: number; at: number }[];
  /** Output tokens per second over the answer/reasoning phase, when usage gives output tokens. */
  outputTokensPerSec: number | null;
  /** Many events arriving in one network chunk after a silence: a proxy holding the stream back. */
  buffering: { suspected: boolean; bursts: { chunk: number; events: number; afterMs: number; at: number }[] };
  /** Provider-reported timings (e.g. Ollama durations, converted to ms). */
  provider?: Record<string, number>;
}
