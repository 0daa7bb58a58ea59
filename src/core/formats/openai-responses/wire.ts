/**
 * Partial wire types for the OpenAI Responses API stream
 * (platform.openai.com/docs/api-reference/responses-streaming) and the non-stream
 * `Response` object. Every field is optional and `unknown`: the merger validates each
 * field where it reads it.
 */

/** Every streamed event: `type` and `sequence_number`, plus the fields of its kind. */
export interface WireEvent {
  type?: unknown;
  sequence_number?: unknown;
  /** Lifecycle and terminal events carry the whole Response. */
  response?: unknown; // WireResponse
  /** `response.output_item.added/done`. */
  item?: unknown; // WireItem
  item_id?: unknown;
  output_index?: unknown;
  content_index?: unknown;
  summary_index?: unknown;
  /** Text, refusal, argument, code and input deltas. */
  delta?: unknown;
  /** `*.done` events: the whole text / refusal / arguments / code / input. */
  text?: unknown;
  refusal?: unknown;
  arguments?: unknown;
  code?: unknown;
  input?: unknown;
  name?: unknown;
  /** `response.output_text.annotation.added`. */
  annotation?: unknown;
  annotation_index?: unknown;
  /** `error` event: `code`, `message`, `param` at the top level. */
  message?: unknown;
  param?: unknown;
}

export interface WireResponse {
  id?: unknown;
  object?: unknown; // "response"
  model?: unknown;
  status?: unknown; // completed | incomplete | failed | in_progress | queued | cancelled
  incomplete_details?: unknown; // {reason}
  error?: unknown; // {code, message}
  output?: unknown; // WireItem[]
  usage?: unknown; // {input_tokens, output_tokens, total_tokens, *_details}
  service_tier?: unknown;
}

/** An output item: `message`, `reasoning`, `function_call`, `custom_tool_call`, or a tool family. */
export interface WireItem {
  id?: unknown;
  type?: unknown;
  status?: unknown;
  /** message: output_text / refusal parts; reasoning: reasoning_text parts. */
  content?: unknown; // WirePart[]
  /** reasoning: summary_text parts. */
  summary?: unknown; // WirePart[]
  encrypted_content?: unknown;
  call_id?: unknown;
  name?: unknown;
  arguments?: unknown;
  input?: unknown;
}

export interface WirePart {
  type?: unknown; // output_text | refusal | summary_text | reasoning_text
  text?: unknown;
  refusal?: unknown;
  annotations?: unknown;
}
