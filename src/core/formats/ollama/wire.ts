/**
 * Ollama native streams, as they arrive on the wire (docs.ollama.com/api: `/api/chat`,
 * `/api/generate`; NDJSON, one JSON object per line, no `[DONE]`).
 *
 * Every field is optional and `unknown`: the fold validates each value where it uses it.
 */

export interface WireLine {
  model?: unknown;
  created_at?: unknown;
  /** `/api/chat`: the assistant message fragment. */
  message?: unknown;
  /** `/api/generate`: the text fragment. */
  response?: unknown;
  /** `/api/generate`: the reasoning fragment (`think` on). */
  thinking?: unknown;
  done?: unknown;
  done_reason?: unknown;
  total_duration?: unknown;
  load_duration?: unknown;
  prompt_eval_count?: unknown;
  prompt_eval_duration?: unknown;
  eval_count?: unknown;
  eval_duration?: unknown;
  /** An error line: `{"error": "..."}`. */
  error?: unknown;
}

export interface WireMessage {
  role?: unknown;
  content?: unknown;
  thinking?: unknown;
  tool_calls?: unknown;
}

export interface WireToolCall {
  id?: unknown;
  function?: unknown;
}

/** Duration fields of the final line (nanoseconds), and the name each gets in ms timings. */
export const DURATIONS = {
  total_duration: "totalMs",
  load_duration: "loadMs",
  prompt_eval_duration: "promptEvalMs",
  eval_duration: "evalMs",
} as const;

/** Fields of the final line kept as the provider's usage object. */
export const USAGE_FIELDS = [
  "prompt_eval_count",
  "eval_count",
  "total_duration",
  "load_duration",
  "prompt_eval_duration",
  "eval_duration",
] as const;
