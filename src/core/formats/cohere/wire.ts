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

/**
 * Cohere v1 chat stream (`POST /v1/chat` with `stream: true`): NDJSON lines
 * (`application/stream+json`), each typed by `event_type` and carrying `is_finished`. The types
 * are the `StreamedChatResponse` union of the `cohere-ai` / cohere-python SDKs (v1 client).
 */
export const V1_EVENT_TYPES = [
  "stream-start",
  "search-queries-generation",
  "search-results",
  "text-generation",
  "citation-generation",
  "tool-calls-generation",
  "tool-calls-chunk",
  "stream-end",
  /** The request's prompt, when the request asked for it (`ChatDebugEvent`); nothing to merge. */
  "debug",
] as const;
export type V1EventType = (typeof V1_EVENT_TYPES)[number];

/** One v1 line. Which fields are set depends on `event_type`. */
export interface WireV1Event {
  event_type?: unknown;
  is_finished?: unknown;
  /** `stream-start`. */
  generation_id?: unknown;
  /** `text-generation` (answer text); `tool-calls-generation` / `tool-calls-chunk` (tool plan). */
  text?: unknown;
  search_queries?: unknown;
  search_results?: unknown;
  documents?: unknown;
  citations?: unknown;
  /** `tool-calls-generation`: whole calls `{name, parameters: {...}}`. */
  tool_calls?: unknown;
  /** `tool-calls-chunk`: `{index, name, parameters, text}`, `parameters` a piece of JSON text. */
  tool_call_delta?: unknown;
  /** `stream-end`: COMPLETE, ERROR_LIMIT, MAX_TOKENS, ERROR, ERROR_TOXIC, ... */
  finish_reason?: unknown;
  /** `stream-end`: the whole non-streamed response, with `meta.billed_units` / `meta.tokens`. */
  response?: unknown;
}
