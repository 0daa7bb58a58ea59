/**
 * Partial wire types for OpenAI Chat Completions and the hosts that copy it
 * (platform.openai.com/docs/api-reference/chat-streaming; DeepSeek, xAI, vLLM, SGLang,
 * OpenRouter, Groq, Mistral, Azure). Every field is optional and `unknown`: these types
 * name what may be there; the merger validates each field where it reads it.
 */

/** One streamed `chat.completion.chunk`, or a whole non-stream `chat.completion`. */
export interface WireChunk {
  id?: unknown;
  object?: unknown; // "chat.completion.chunk" | "chat.completion"
  created?: unknown;
  model?: unknown;
  system_fingerprint?: unknown;
  service_tier?: unknown;
  /** OpenRouter: which upstream served it. */
  provider?: unknown;
  choices?: unknown; // WireChoice[]; empty on the usage chunk and Azure's filter chunk
  /** Null on every chunk but the last with `include_usage`; cumulative on every chunk for xAI. */
  usage?: unknown; // WireUsage | null
  /** Groq: `{id, usage}` on the final chunk. */
  x_groq?: unknown;
  /** Azure: content-safety verdicts on the prompt, on a chunk with empty `choices`. */
  prompt_filter_results?: unknown;
  /** A mid-stream error (`{"error":{message,type,code}}`; OpenRouter adds it to a chunk). */
  error?: unknown; // WireError
  /** Perplexity: source URLs, repeated on every chunk. */
  citations?: unknown;
  /** Padding some hosts add to defeat length side channels; ignored. */
  obfuscation?: unknown;
}

export interface WireChoice {
  index?: unknown; // number
  delta?: unknown; // WireDelta (stream)
  message?: unknown; // WireDelta (non-stream)
  finish_reason?: unknown; // string | null
  logprobs?: unknown;
  content_filter_results?: unknown;
  /** OpenRouter: the upstream's own finish reason. */
  native_finish_reason?: unknown;
}

export interface WireDelta {
  role?: unknown;
  /** A string; Mistral/Magistral: an array of WireContentPart. */
  content?: unknown;
  refusal?: unknown;
  /** DeepSeek, xAI, older vLLM. */
  reasoning_content?: unknown;
  /** vLLM (new name), OpenRouter, Groq `reasoning_format: parsed`. */
  reasoning?: unknown;
  /** OpenRouter: WireReasoningDetail[]. */
  reasoning_details?: unknown;
  tool_calls?: unknown; // WireToolCall[]
  /** OpenAI search models and OpenRouter web search: `url_citation` annotations. */
  annotations?: unknown;
  /** Deprecated single function call. */
  function_call?: unknown; // {name?, arguments?}
  /** Gemini's OpenAI endpoint: `{google: {thought_signature}}` (Gemini 3 wants it echoed back). */
  extra_content?: unknown;
}

/** Mistral content parts: `{type:"text",text}` and `{type:"thinking",thinking:[{type:"text",text}]}`. */
export interface WireContentPart {
  type?: unknown;
  text?: unknown;
  thinking?: unknown;
}

export interface WireReasoningDetail {
  type?: unknown; // "reasoning.text" | "reasoning.summary" | "reasoning.encrypted"
  text?: unknown;
  summary?: unknown;
  data?: unknown;
  signature?: unknown;
  index?: unknown;
}

export interface WireToolCall {
  /** Missing on Mistral; starts at 1 on some hosts. */
  index?: unknown;
  id?: unknown;
  type?: unknown;
  function?: unknown; // {name?, arguments?}
  /** Gemini's OpenAI endpoint: `{google: {thought_signature}}` on a function call. */
  extra_content?: unknown;
}

export interface WireFunction {
  name?: unknown;
  arguments?: unknown;
}

export interface WireError {
  message?: unknown;
  type?: unknown;
  code?: unknown;
  param?: unknown;
  metadata?: unknown;
}
