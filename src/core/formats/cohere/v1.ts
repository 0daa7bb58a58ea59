/**
 * The Cohere v1 chat fold (`POST /v1/chat`, NDJSON lines typed by `event_type`):
 * `stream-start` → (`search-queries-generation` | `search-results` | `text-generation`* |
 * `citation-generation` | `tool-calls-chunk`* → `tool-calls-generation`)* → `stream-end`
 * (the end signal).
 *
 * As in v2, tool-plan text (`text` of `tool-calls-chunk` / `tool-calls-generation`) is merged as
 * reasoning and tool arguments are kept exactly as streamed. `tool-calls-generation` repeats the
 * calls whole once their chunks are done: it is used only when no chunk came before it (models
 * that do not stream tool calls), and otherwise closes the streamed calls (their JSON is checked).
 * A `stream-end` with `finish_reason` ERROR or ERROR_TOXIC is a provider error: v1 sends no
 * message with it, so the message says what the reason means. Pure: no I/O, never throws.
 */
import { anomaly } from "../deltas.js";
import type { Delta } from "../types.js";
import { asArray, asIndex, asRecord, asString, dig, isOneOf } from "../values.js";
import { validateArgs } from "./deltas.js";
import type { CohereState } from "./merge.js";
import { usageDelta } from "./usage.js";
import { V1_EVENT_TYPES, type V1EventType, type WireV1Event } from "./wire.js";

/** What each error finish reason means, in the SDK's own words (`ChatStreamEndEventFinishReason`). */
const ERROR_REASONS: Record<string, string> = {
  ERROR: "something went wrong when generating the reply",
  ERROR_TOXIC: "the model generated a reply that was deemed toxic",
};

/** v1 tool-call state, kept apart from v2's block-indexed calls. */
export interface CohereV1State {
  /** Streamed tool calls by `tool_call_delta.index`: arguments so far. */
  tools: Map<number, { args: string }>;
  /** A `tool-calls-generation` (or the end) has closed the streamed calls. */
  toolsClosed: boolean;
}

export function initV1(): CohereV1State {
  return { tools: new Map(), toolsClosed: false };
}

/** Fold one v1 line. `type` is its `event_type`. */
export function stepV1(state: CohereState, type: string, ev: WireV1Event): Delta[] {
  const out: Delta[] = [];
  if (state.ended && type !== "stream-end" && type !== "debug") {
    out.push(anomaly("data-after-terminal", `${type} event after stream-end`));
  }
  if (!isOneOf(V1_EVENT_TYPES, type)) {
    out.push(anomaly("unknown-event-type", `unknown event_type "${type}"; kept in the event list`));
    return out;
  }
  if (!state.started && type !== "stream-start" && type !== "debug") {
    out.push(anomaly("delta-before-start", `${type} before stream-start`));
  }
  out.push(...dispatchV1(state, type, ev));
  return out;
}

function dispatchV1(state: CohereState, type: V1EventType, ev: WireV1Event): Delta[] {
  switch (type) {
    case "stream-start": {
      const out: Delta[] = state.started ? [anomaly("out-of-order", "a second stream-start")] : [];
      state.started = true;
      const id = asString(ev.generation_id);
      if (id !== undefined) out.push({ kind: "meta", key: "generation_id", value: id });
      return out;
    }
    case "text-generation": {
      const text = asString(ev.text);
      return text ? [{ kind: "content", choice: 0, text }] : [];
    }
    case "search-queries-generation":
      return ev.search_queries === undefined
        ? []
        : [{ kind: "step", choice: 0, step: { kind: "search-queries", detail: ev.search_queries } }];
    case "search-results":
      return [
        {
          kind: "step",
          choice: 0,
          step: {
            kind: "search-results",
            detail: { search_results: ev.search_results, documents: ev.documents },
          },
        },
      ];
    case "citation-generation":
      return (asArray(ev.citations) ?? []).map((citation) => ({ kind: "citation", choice: 0, citation }));
    case "tool-calls-chunk":
      return onToolChunk(state.v1, ev);
    case "tool-calls-generation":
      return onToolGeneration(state.v1, ev);
    case "stream-end":
      return onStreamEnd(state, ev);
    case "debug":
      return [];
    default: {
      const never: never = type;
      return never;
    }
  }
}

function onToolChunk(v1: CohereV1State, ev: WireV1Event): Delta[] {
  const out: Delta[] = [];
  const delta = asRecord(ev.tool_call_delta);
  // The plan arrives as top-level `text` on the wire; the SDK types also allow `tool_call_delta.text`.
  const plan = asString(ev.text) ?? asString(delta?.["text"]);
  if (plan) out.push({ kind: "reasoning", choice: 0, text: plan });
  if (!delta) return out;
  const name = asString(delta["name"]);
  const params = asString(delta["parameters"]);
  if (name === undefined && !params) return out;
  const index = asIndex(delta["index"]);
  if (index === undefined) {
    out.push(anomaly("unknown-block-index", "tool-calls-chunk with a tool call but no valid index"));
    return out;
  }
  if (v1.toolsClosed) {
    out.push(anomaly("out-of-order", `tool-calls-chunk for tool call ${index} after tool-calls-generation`));
  }
  let tool = v1.tools.get(index);
  if (!tool) {
    if (name === undefined) {
      out.push(anomaly("delta-before-start", `tool call ${index} parameters before its name`));
    }
    tool = { args: "" };
    v1.tools.set(index, tool);
    out.push({ kind: "tool-start", choice: 0, key: String(index), id: null, name: name ?? null });
  } else if (name !== undefined) {
    out.push(anomaly("out-of-order", `tool call ${index} named twice`));
  }
  if (params) {
    tool.args += params;
    out.push({ kind: "tool-args", choice: 0, key: String(index), text: params });
  }
  return out;
}

/** Check the JSON of the streamed calls once they are over. */
function closeTools(v1: CohereV1State): Delta[] {
  if (v1.toolsClosed) return [];
  v1.toolsClosed = true;
  return [...v1.tools].flatMap(([index, tool]) => validateArgs(index, tool.args));
}

function onToolGeneration(v1: CohereV1State, ev: WireV1Event): Delta[] {
  if (v1.tools.size > 0 || v1.toolsClosed) return closeTools(v1);
  v1.toolsClosed = true;
  const out: Delta[] = [];
  const plan = asString(ev.text);
  if (plan) out.push({ kind: "reasoning", choice: 0, text: plan });
  out.push(...wholeToolCalls(ev.tool_calls));
  return out;
}

/** Whole v1 tool calls `{name, parameters: {...}}`: their parameters as compact JSON. */
export function wholeToolCalls(list: unknown): Delta[] {
  return (asArray(list) ?? []).map((call, i) => {
    const params = dig(call, "parameters");
    return {
      kind: "tool-start",
      choice: 0,
      key: String(i),
      id: null,
      name: asString(dig(call, "name")) ?? null,
      arguments: params === undefined ? "" : JSON.stringify(params),
    };
  });
}

function onStreamEnd(state: CohereState, ev: WireV1Event): Delta[] {
  if (state.ended) return [anomaly("second-terminal-event", "a second stream-end")];
  state.ended = true;
  return [...closeTools(state.v1), ...endDeltas("stream-end", ev.finish_reason, ev.response)];
}

/**
 * The end of a v1 reply (`stream-end`, or a whole response): the finish reason, an error for
 * ERROR / ERROR_TOXIC, the response id, usage from `response.meta`, and the end signal.
 */
export function endDeltas(where: string, finishReason: unknown, response: unknown): Delta[] {
  const out: Delta[] = [];
  const reason = asString(finishReason);
  if (reason !== undefined) {
    out.push({ kind: "finish", choice: 0, reason });
    const meaning = ERROR_REASONS[reason];
    if (meaning !== undefined) {
      out.push({
        kind: "error",
        error: { code: reason, message: `${where} with finish_reason ${reason}: ${meaning}` },
      });
    }
  }
  const responseId = asString(dig(response, "response_id"));
  if (responseId !== undefined) out.push({ kind: "meta", key: "response_id", value: responseId });
  out.push(...usageDelta(dig(response, "meta")), { kind: "end" });
  return out;
}
