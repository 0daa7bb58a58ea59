/**
 * The shared report shape and the contract every format merger follows.
 *
 * A merger is a fold over parsed events. To keep accumulation linear on
 * multi-megabyte streams, `step` may update the format's private state `S` in
 * place (the fold owns it); what an event contributed to the reply is returned
 * as a list of `Delta`s, which one generic reducer (`reply.ts`) applies to the
 * report. The timeline shows those same deltas, so a contribution is derived
 * once and never recorded twice.
 */
import type { Anomaly, StreamEvent } from "../sse/types.js";

export const FORMAT_NAMES = [
  "openai-chat",
  "openai-responses",
  "anthropic",
  "gemini",
  "ollama",
  "cohere",
  "sse",
] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export interface ToolCall {
  id: string | null;
  name: string | null;
  /** Exactly as streamed where the format streams a string; compact JSON where it delivers an object. */
  arguments: string;
  /** Provider type when not a plain function (e.g. `web_search`, `server_tool_use`, `code_execution`). */
  type?: string;
}

export interface Step {
  /** A non-text step the model took (web search, code execution, MCP call, ...). */
  kind: string;
  status?: string;
  detail?: unknown;
}

export interface Choice {
  index: number;
  content: string;
  /** Null when the stream had no reasoning. */
  reasoning: string | null;
  /** True when some reasoning was redacted/encrypted (shown as redacted). */
  reasoningRedacted?: boolean;
  toolCalls: ToolCall[];
  finishReason: string | null;
  /** Why it finished, beside the provider's reason (e.g. Responses `incomplete_details.reason`). */
  finishDetail?: string;
  refusal: string | null;
  citations: unknown[];
  steps: Step[];
  /** Opaque signatures kept (Anthropic thinking signature, Gemini thoughtSignature). */
  signatures?: string[];
}

/**
 * Token counts, normalised so they mean the same for every format.
 *
 * `output` is every token the model generated, reasoning included; `reasoning` is the part of
 * `output` that was reasoning (null when the provider does not say). Most providers already count
 * this way (OpenAI `completion_tokens` / `output_tokens` include `reasoning_tokens`; Anthropic's
 * `output_tokens` include thinking; Ollama's `eval_count` includes thinking). Gemini does not:
 * its `candidatesTokenCount` leaves out `thoughtsTokenCount`, so its fold sends their sum as
 * `output`. The answer alone is `output - reasoning`. Tokens/s (`metrics.outputTokensPerSec`)
 * divides `output` by the time from the first reasoning or answer token to the last one, so
 * thinking runs are counted whole.
 */
export interface Usage {
  input: number | null;
  /** All generated tokens, reasoning included. */
  output: number | null;
  /** The reasoning part of `output`. */
  reasoning: number | null;
  cached: number | null;
  total: number | null;
  /** The usage object exactly as the provider sent it (last one, or merged where cumulative). */
  provider: unknown;
}

export interface ReportError {
  /** Provider's code or type (e.g. `overloaded_error`, `rate_limit_exceeded`), or a transport code. */
  code: string | null;
  message: string;
  /** Event index where it appeared, when it came from the stream. */
  event?: number;
}

/** What one event added to the reply. */
export type Delta =
  | { kind: "content"; choice: number; text: string }
  | { kind: "reasoning"; choice: number; text: string }
  /** Reasoning that exists but is not readable (redacted/encrypted). */
  | { kind: "reasoning-redacted"; choice: number; data?: string }
  | { kind: "refusal"; choice: number; text: string }
  /** A tool call starts (or is delivered whole when `arguments` is set). `key` identifies it within the choice. */
  | {
      kind: "tool-start";
      choice: number;
      key: string;
      id: string | null;
      name: string | null;
      arguments?: string;
      type?: string;
    }
  | { kind: "tool-args"; choice: number; key: string; text: string }
  /** Replace a tool call's arguments (e.g. final parsed input). */
  | { kind: "tool-args-set"; choice: number; key: string; arguments: string }
  | { kind: "finish"; choice: number; reason: string; detail?: string }
  | { kind: "citation"; choice: number; citation: unknown }
  | { kind: "step"; choice: number; step: Step }
  | { kind: "signature"; choice: number; signature: string }
  /** Usage so far, normalised by the format (final or cumulative values: it replaces the previous one). */
  | { kind: "usage"; usage: Omit<Usage, "provider">; provider: unknown }
  | { kind: "error"; error: ReportError }
  /** The format's end signal arrived. `note` explains a lenient end (e.g. no [DONE]). */
  | { kind: "end"; note?: string }
  | { kind: "anomaly"; anomaly: Anomaly }
  /** A remark for the user (e.g. a hint), shown with the report. */
  | { kind: "note"; text: string }
  /** Stream-level metadata (model, response id, ...): shown, not merged into text. */
  | { kind: "meta"; key: string; value: unknown };

export interface MergeContext {
  /** Request URL, when known (some formats differ by path, e.g. Ollama /api/generate). */
  url?: string;
}

/** A format: how to recognise it and how to fold its events. */
export interface Format<S = unknown> {
  /** A built-in format name, or "custom" for user rules. */
  name: FormatName | "custom";
  /** Human label, e.g. "OpenAI Chat Completions". */
  label: string;
  init(ctx: MergeContext): S;
  /** Fold one event into the state; return what it added. Must not throw on any input. */
  step(state: S, event: StreamEvent & { json: unknown }): Delta[];
  /** The body ended: flush pending state (e.g. buffered `<think>` text, unfinished tool JSON). */
  finish(state: S): Delta[];
  /** Does the format expect JSON payloads (non-JSON data is then an anomaly)? */
  json: boolean;
}

export interface Detection {
  format: FormatName;
  /** What decided it: the user's override, the content type, the URL, or the events' shape. */
  by: "override" | "content-type" | "url" | "shape" | "default";
  evidence: string;
}

/** The merged reply: the same shape for every format. */
export interface MergedReply {
  format: FormatName | "custom";
  choices: Choice[];
  usage: Usage | null;
  errors: ReportError[];
  anomalies: Anomaly[];
  /** The format's end signal arrived. */
  ended: boolean;
  notes: string[];
  meta: Record<string, unknown>;
}
