/**
 * Anthropic Messages stream, as it arrives on the wire (platform.claude.com/docs/build-with-claude/streaming).
 *
 * Every field is optional and `unknown` where the provider could send anything: the fold
 * validates each value where it uses it, so a malformed event becomes an anomaly, never a crash.
 */

/** The event types the Messages stream documents. Anything else is kept and flagged. */
export const KNOWN_EVENT_TYPES = [
  "message_start",
  "content_block_start",
  "content_block_delta",
  "content_block_stop",
  "message_delta",
  "message_stop",
  "ping",
  "error",
  /** A whole (non-streamed) Message body: `{"type":"message", ...}`. */
  "message",
] as const;
export type KnownEventType = (typeof KNOWN_EVENT_TYPES)[number];

export interface WireUsage {
  input_tokens?: unknown;
  output_tokens?: unknown;
  cache_creation_input_tokens?: unknown;
  cache_read_input_tokens?: unknown;
  output_tokens_details?: unknown;
  server_tool_use?: unknown;
  [key: string]: unknown;
}

export interface WireMessage {
  id?: unknown;
  type?: unknown;
  role?: unknown;
  model?: unknown;
  content?: unknown;
  stop_reason?: unknown;
  stop_sequence?: unknown;
  /** With `stop_reason: "refusal"`: `{type: "refusal", category, explanation}`. */
  stop_details?: unknown;
  usage?: unknown;
}

export interface WireBlock {
  type?: unknown;
  text?: unknown;
  thinking?: unknown;
  signature?: unknown;
  /** `redacted_thinking`: the encrypted reasoning. */
  data?: unknown;
  id?: unknown;
  name?: unknown;
  input?: unknown;
  citations?: unknown;
  /** `*_tool_result` blocks: which `server_tool_use` they answer, and what came back. */
  tool_use_id?: unknown;
  content?: unknown;
}

export interface WireBlockDelta {
  type?: unknown;
  text?: unknown;
  thinking?: unknown;
  signature?: unknown;
  partial_json?: unknown;
  citation?: unknown;
}

export interface WireEvent {
  type?: unknown;
  message?: unknown;
  index?: unknown;
  content_block?: unknown;
  delta?: unknown;
  usage?: unknown;
  error?: unknown;
}
