/**
 * The Ollama native fold. Each NDJSON line is a self-contained fragment: `/api/chat` lines carry
 * `message.{content, thinking, tool_calls}`, `/api/generate` lines carry `response` and
 * `thinking`. The last line has `done: true`, `done_reason`, the token counts and the
 * durations in nanoseconds; it is the end signal. `{"error": "..."}` is an error line.
 *
 * Both line shapes are merged whatever the URL says: the URL only names the endpoint in `meta`,
 * so a capture without its request still merges. Pure: no I/O, never throws.
 */
import type { StreamEvent } from "../../sse/types.js";
import { anomaly, segmentDeltas, tokenTotal } from "../deltas.js";
import { createThinkTagSplitter, type ThinkTagSplitter } from "../think-tags.js";
import type { Delta, MergeContext } from "../types.js";
import { asNumber, asRecord, asString, compactJson } from "../values.js";
import { DURATIONS, USAGE_FIELDS, type WireLine, type WireMessage, type WireToolCall } from "./wire.js";

export interface OllamaState {
  /** From the request URL, when known. */
  endpoint: "chat" | "generate" | null;
  /** The `done: true` line has been seen. */
  done: boolean;
  /** Tool calls so far (keys `t0`, `t1`, ...). */
  calls: number;
  /** `meta` already sent (model, created_at come on every line). */
  sentModel: boolean;
  /**
   * Splits `<think>…</think>` out of the answer text: servers or models that do not separate
   * thinking (no `think` option, older Ollama) leave the tags inside `content`/`response`.
   */
  splitter: ThinkTagSplitter;
}

export function initOllama(ctx: MergeContext): OllamaState {
  const path = ctx.url ?? "";
  const endpoint = /\/api\/generate\b/.test(path) ? "generate" : /\/api\/chat\b/.test(path) ? "chat" : null;
  return { endpoint, done: false, calls: 0, sentModel: false, splitter: createThinkTagSplitter() };
}

function toolCalls(state: OllamaState, raw: unknown): Delta[] {
  if (!Array.isArray(raw)) return [];
  const out: Delta[] = [];
  for (const item of raw) {
    const call = (asRecord(item) ?? {}) as WireToolCall;
    const fn = asRecord(call.function) ?? {};
    // Ollama delivers each call whole, with `arguments` as an object: shown as compact JSON.
    const args = fn["arguments"];
    out.push({
      kind: "tool-start",
      choice: 0,
      key: `t${state.calls++}`,
      id: asString(call.id) ?? null,
      name: asString(fn["name"]) ?? null,
      arguments: typeof args === "string" ? args : compactJson(args),
    });
  }
  return out;
}

function fragments(state: OllamaState, line: WireLine): Delta[] {
  const out: Delta[] = [];
  const message = asRecord(line.message) as WireMessage | undefined;
  const thinking = asString(message?.thinking) ?? asString(line.thinking);
  if (thinking) out.push({ kind: "reasoning", choice: 0, text: thinking });
  const content = asString(message?.content) ?? asString(line.response);
  if (content) out.push(...segmentDeltas(state.splitter.push(content), 0));
  out.push(...toolCalls(state, message?.tool_calls));
  return out;
}

/** The final line: finish reason, usage, and the durations converted to ms for the metrics. */
function final(line: WireLine): Delta[] {
  const out: Delta[] = [];
  const reason = asString(line.done_reason);
  if (reason !== undefined) out.push({ kind: "finish", choice: 0, reason });
  const record = line as Record<string, unknown>;
  const provider: Record<string, unknown> = {};
  for (const k of USAGE_FIELDS) if (record[k] !== undefined) provider[k] = record[k];
  const input = asNumber(line.prompt_eval_count) ?? null;
  const output = asNumber(line.eval_count) ?? null;
  const total = tokenTotal(input, output);
  if (total !== null)
    out.push({ kind: "usage", usage: { input, output, reasoning: null, cached: null, total }, provider });
  const timings: Record<string, number> = {};
  for (const [field, name] of Object.entries(DURATIONS)) {
    const ns = asNumber(record[field]);
    if (ns !== undefined) timings[name] = ns / 1e6;
  }
  if (Object.keys(timings).length > 0) out.push({ kind: "meta", key: "timings", value: timings });
  out.push({ kind: "end" });
  return out;
}

export function stepOllama(state: OllamaState, event: StreamEvent & { json: unknown }): Delta[] {
  // Non-JSON lines are reported by the pipeline (the format declares `json: true`).
  if (event.json === undefined) return [];
  const line = asRecord(event.json) as WireLine | undefined;
  if (!line) return [anomaly("unknown-event-type", "an NDJSON line that is not a JSON object")];
  const out: Delta[] = [];
  const isDone = line.done === true;
  if (state.done) {
    out.push(
      isDone
        ? anomaly("second-terminal-event", "a second done:true line")
        : anomaly("data-after-terminal", "a line after the done:true line"),
    );
  }
  if (!state.sentModel) {
    state.sentModel = true;
    if (state.endpoint !== null) out.push({ kind: "meta", key: "endpoint", value: `/api/${state.endpoint}` });
    const model = asString(line.model);
    if (model !== undefined) out.push({ kind: "meta", key: "model", value: model });
  }
  if (line.error !== undefined) {
    const message = asString(line.error) ?? JSON.stringify(line.error) ?? "error";
    out.push({ kind: "error", error: { code: null, message } });
    return out;
  }
  const known = line.message !== undefined || line.response !== undefined || line.thinking !== undefined;
  if (!known && line.done === undefined) {
    out.push(anomaly("unknown-event-type", "a line with none of message, response, thinking, done or error"));
    return out;
  }
  out.push(...fragments(state, line));
  if (isDone && !state.done) {
    state.done = true;
    out.push(...segmentDeltas(state.splitter.finish(), 0), ...final(line));
  }
  return out;
}

/** The body ended: flush text the think-tag splitter still holds. No `end`: only `done: true` is. */
export function finishOllama(state: OllamaState): Delta[] {
  return state.done ? [] : segmentDeltas(state.splitter.finish(), 0);
}
