/**
 * The Cohere chat fold. v1 lines (typed by `event_type`) go to `v1.ts`. v2: `message-start` → (`content-start` → `content-delta`* → `content-end`
 * | `tool-plan-delta`* | `tool-call-start` → `tool-call-delta`* → `tool-call-end` |
 * `citation-start` → `citation-end`)* → `message-end` (the end signal).
 *
 * `tool-plan-delta` text is merged as **reasoning**: Cohere describes the tool plan as "a
 * chain-of-thought style reflection and plan" the model writes before calling tools, so it
 * belongs with thinking, apart from the answer. Tool arguments are kept exactly as streamed.
 * Pure: no I/O, never throws.
 */
import type { StreamEvent } from "../../sse/types.js";
import { anomaly } from "../deltas.js";
import type { Delta, MergeContext } from "../types.js";
import { asIndex, asRecord, asString, dig, eventType, isOneOf } from "../values.js";
import { contentDeltas, validateArgs } from "./deltas.js";
import { usageDelta } from "./usage.js";
import { type CohereV1State, initV1, stepV1 } from "./v1.js";
import { wholeResponse } from "./whole.js";
import { KNOWN_EVENT_TYPES, type KnownEventType, type WireResponse, type WireToolCall } from "./wire.js";

export interface CohereState {
  started: boolean;
  /** `message-end` has been seen. */
  ended: boolean;
  /** Content blocks by index: their declared type. */
  contents: Map<number, "text" | "thinking">;
  /** Tool calls by index: arguments so far, and whether `tool-call-end` came. */
  tools: Map<number, { args: string; ended: boolean }>;
  /** v1 streams (`event_type` lines): their tool calls. `started`/`ended` are shared. */
  v1: CohereV1State;
  /** Which source the reasoning text came from last: the tool plan after thinking starts a new paragraph. */
  reasoningFrom: "thinking" | "plan" | null;
}

export function initCohere(_ctx: MergeContext): CohereState {
  return {
    started: false,
    ended: false,
    contents: new Map(),
    tools: new Map(),
    v1: initV1(),
    reasoningFrom: null,
  };
}

function onContentStart(state: CohereState, index: number | undefined, ev: Record<string, unknown>): Delta[] {
  if (index === undefined) return [anomaly("unknown-block-index", "content-start without a valid index")];
  const content = dig(ev, "delta", "message", "content");
  const kind = asString(dig(content, "type")) === "thinking" ? "thinking" : "text";
  const out: Delta[] = state.contents.has(index)
    ? [anomaly("out-of-order", `content ${index} started twice`)]
    : [];
  state.contents.set(index, kind);
  out.push(...contentDeltas(kind, content));
  return out;
}

function onContentDelta(state: CohereState, index: number | undefined, ev: Record<string, unknown>): Delta[] {
  const out: Delta[] = [];
  let kind = index === undefined ? undefined : state.contents.get(index);
  if (kind === undefined) {
    out.push(
      anomaly("unknown-block-index", `content-delta for content ${index ?? "?"}, which never started`),
    );
    kind = "text";
  }
  const deltas = contentDeltas(kind, dig(ev, "delta", "message", "content"));
  if (deltas.some((d) => d.kind === "reasoning")) state.reasoningFrom = "thinking";
  out.push(...deltas);
  return out;
}

function firstCall(raw: unknown): WireToolCall {
  // The stream sends `tool_calls` as one object; accept a one-element array too.
  const call = Array.isArray(raw) ? raw[0] : raw;
  return (asRecord(call) ?? {}) as WireToolCall;
}

function onToolStart(state: CohereState, index: number | undefined, ev: Record<string, unknown>): Delta[] {
  if (index === undefined) return [anomaly("unknown-block-index", "tool-call-start without a valid index")];
  const call = firstCall(dig(ev, "delta", "message", "tool_calls"));
  const args = asString(dig(call.function, "arguments")) ?? "";
  const out: Delta[] = state.tools.has(index)
    ? [anomaly("out-of-order", `tool call ${index} started twice`)]
    : [];
  state.tools.set(index, { args, ended: false });
  const type = asString(call.type);
  out.push({
    kind: "tool-start",
    choice: 0,
    key: String(index),
    id: asString(call.id) ?? null,
    name: asString(dig(call.function, "name")) ?? null,
    ...(type === undefined || type === "function" ? {} : { type }),
    ...(args === "" ? {} : { arguments: args }),
  });
  return out;
}

function onToolDelta(state: CohereState, index: number | undefined, ev: Record<string, unknown>): Delta[] {
  if (index === undefined) return [anomaly("unknown-block-index", "tool-call-delta without a valid index")];
  const out: Delta[] = [];
  let tool = state.tools.get(index);
  if (!tool) {
    out.push(
      anomaly("delta-before-start", `tool-call-delta for tool call ${index} before its tool-call-start`),
    );
    tool = { args: "", ended: false };
    state.tools.set(index, tool);
  } else if (tool.ended) {
    out.push(anomaly("out-of-order", `tool-call-delta for tool call ${index} after its tool-call-end`));
  }
  const text = asString(dig(firstCall(dig(ev, "delta", "message", "tool_calls")).function, "arguments"));
  if (text) {
    tool.args += text;
    out.push({ kind: "tool-args", choice: 0, key: String(index), text });
  }
  return out;
}

function onToolEnd(state: CohereState, index: number | undefined): Delta[] {
  const tool = index === undefined ? undefined : state.tools.get(index);
  if (index === undefined || !tool) {
    return [
      anomaly("unknown-block-index", `tool-call-end for tool call ${index ?? "?"}, which never started`),
    ];
  }
  if (tool.ended) return [anomaly("out-of-order", `tool call ${index} ended twice`)];
  tool.ended = true;
  return validateArgs(index, tool.args);
}

function onMessageEnd(state: CohereState, ev: Record<string, unknown>): Delta[] {
  if (state.ended) return [anomaly("second-terminal-event", "a second message-end")];
  state.ended = true;
  const out: Delta[] = [];
  const reason = asString(dig(ev, "delta", "finish_reason"));
  if (reason !== undefined) out.push({ kind: "finish", choice: 0, reason });
  const error = asString(dig(ev, "delta", "error"));
  if (error) out.push({ kind: "error", error: { code: reason ?? null, message: error } });
  out.push(...usageDelta(dig(ev, "delta", "usage")), { kind: "end" });
  return out;
}

function dispatch(state: CohereState, type: KnownEventType, ev: Record<string, unknown>): Delta[] {
  const index = asIndex(ev["index"]);
  switch (type) {
    case "message-start": {
      const out: Delta[] = state.started ? [anomaly("out-of-order", "a second message-start")] : [];
      state.started = true;
      const id = asString(ev["id"]);
      if (id !== undefined) out.push({ kind: "meta", key: "id", value: id });
      return out;
    }
    case "content-start":
      return onContentStart(state, index, ev);
    case "content-delta":
      return onContentDelta(state, index, ev);
    case "content-end":
      return index !== undefined && state.contents.has(index)
        ? []
        : [anomaly("unknown-block-index", `content-end for content ${index ?? "?"}, which never started`)];
    case "tool-plan-delta": {
      const text = asString(dig(ev, "delta", "message", "tool_plan"));
      if (!text) return [];
      // The plan follows the thinking as its own paragraph (as Responses joins reasoning parts).
      const shown = state.reasoningFrom === "thinking" ? `\n\n${text}` : text;
      state.reasoningFrom = "plan";
      return [{ kind: "reasoning", choice: 0, text: shown }];
    }
    case "tool-call-start":
      return onToolStart(state, index, ev);
    case "tool-call-delta":
      return onToolDelta(state, index, ev);
    case "tool-call-end":
      return onToolEnd(state, index);
    case "citation-start": {
      const citation = dig(ev, "delta", "message", "citations");
      return citation === undefined ? [] : [{ kind: "citation", choice: 0, citation }];
    }
    case "citation-end":
    case "debug":
      return [];
    case "message-end":
      return onMessageEnd(state, ev);
    default: {
      const never: never = type;
      return never;
    }
  }
}

/** Events that belong inside a message: before `message-start` they are out of order. */
const NEEDS_START: ReadonlySet<string> = new Set(
  KNOWN_EVENT_TYPES.filter((t) => t !== "message-start" && t !== "debug"),
);

export function stepCohere(state: CohereState, event: StreamEvent & { json: unknown }): Delta[] {
  // Non-JSON data is reported by the pipeline (the format declares `json: true`).
  if (event.json === undefined) return [];
  const ev = asRecord(event.json);
  if (!ev) return [anomaly("unknown-event-type", "event data is JSON but not an object")];
  // A v1 line names its type in `event_type`; v2 events in `type`.
  const v1Type = asString(ev["event_type"]);
  if (v1Type !== undefined && ev["type"] === undefined) return stepV1(state, v1Type, ev);
  const type = eventType(ev, event.type);
  const out: Delta[] = [];
  if (state.ended && type !== "message-end" && type !== "debug") {
    out.push(anomaly("data-after-terminal", `${type ?? "untyped"} event after message-end`));
  }
  if (type === undefined) {
    const whole = wholeResponse(ev as WireResponse);
    if (whole.complete) state.started = state.ended = true;
    out.push(...whole.deltas);
    return out;
  }
  if (!isOneOf(KNOWN_EVENT_TYPES, type)) {
    out.push(anomaly("unknown-event-type", `unknown event type "${type}"; kept in the event list`));
    return out;
  }
  if (!state.started && NEEDS_START.has(type))
    out.push(anomaly("delta-before-start", `${type} before message-start`));
  out.push(...dispatch(state, type, ev));
  return out;
}

/** The body ended: arguments stay as streamed. No `end` here: only `message-end` is. */
export function finishCohere(_state: CohereState): Delta[] {
  return [];
}
