/**
 * Cohere v2 chat stream (`POST /v2/chat` with `stream: true`; docs.cohere.com/v2/docs/streaming,
 * the chat-stream API reference, and the `cohere-ai` SDK's `StreamedChatResponseV2` types).
 * Each SSE event names its type in `event:` and again in the data's `type`.
 *
 * Every field is optional and `unknown`: the fold validates each value where it uses it.
 */

export const KNOWN_EVENT_TYPES = [
  "message-start",
  "content-start",
  "content-delta",
  "content-end",
  "tool-plan-delta",
  "tool-call-start",
  "tool-call-delta",
  "tool-call-end",
  "citation-start",
  "citation-end",
  "message-end",
  "debug",
] as const;
export type KnownEventType = (typeof KNOWN_EVENT_TYPES)[number];

export interface WireEvent {
  type?: unknown;
  id?: unknown;
  index?: unknown;
  /** `{message: {...}}` for most events; `{finish_reason, usage, error}` on `message-end`. */
  delta?: unknown;
}

/** A whole (non-streamed) v2 chat response. */
export interface WireResponse {
  id?: unknown;
  finish_reason?: unknown;
  message?: unknown;
  usage?: unknown;
}

export interface WireAssistantMessage {
  role?: unknown;
  content?: unknown;
  tool_plan?: unknown;
  tool_calls?: unknown;
  citations?: unknown;
}

export interface WireToolCall {
  id?: unknown;
  type?: unknown;
  function?: unknown;
}
