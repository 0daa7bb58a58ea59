/**
 * The OpenAI Responses API fold. Events are typed by `type` (and the SSE `event:` name);
 * there is no `[DONE]`: `response.completed`, `response.incomplete` or `response.failed`
 * ends the stream. The whole reply is `choices[0]`.
 *
 * Pure: no I/O, never throws on any input. A wrong shape is skipped or reported.
 */
import type { StreamEvent } from "../../sse/types.js";
import { anomaly, valueChanged } from "../deltas.js";
import { errorDelta } from "../openai-chat/error.js";
import { normaliseUsage } from "../openai-chat/usage.js";
import type { Delta } from "../types.js";
import { asArray, asCode, asIndex, asRecord, asString, eventType } from "../values.js";
import { foldItemEvent } from "./item-events.js";
import { checkArgs, emitStep, finishItem, isToolFamily } from "./items.js";
import { addItem, type ResponsesState } from "./state.js";
import type { WireEvent, WireItem, WireResponse } from "./wire.js";

function meta(state: ResponsesState, key: string, value: unknown, out: Delta[]): void {
  if (value === undefined || value === null || value === "") return;
  if (valueChanged(state.meta, key, value)) out.push({ kind: "meta", key, value });
}

function responseMeta(state: ResponsesState, r: WireResponse | undefined, out: Delta[]): void {
  meta(state, "id", asString(r?.id), out);
  meta(state, "model", asString(r?.model), out);
  meta(state, "service_tier", asString(r?.service_tier), out);
}

/** The final Response: close every item from its `output`, then finish, usage, error, end. */
function terminal(
  state: ResponsesState,
  r: WireResponse,
  fallback: string,
  event: number,
  out: Delta[],
): void {
  state.terminal = true;
  responseMeta(state, r, out);
  for (const [i, raw] of (asArray(r.output) ?? []).entries()) {
    const wire = (asRecord(raw) ?? {}) as WireItem;
    const item = state.items.get(asString(wire.id) || `#${i}`) ?? addItem(state, wire, i);
    finishItem(item, wire, state.join, event, out);
  }
  closeOpenItems(state, event, out);
  const reason = asString(r.status) ?? fallback;
  const detail = asString(asRecord(r.incomplete_details)?.["reason"]);
  out.push(detail ? { kind: "finish", choice: 0, reason, detail } : { kind: "finish", choice: 0, reason });
  const usage = normaliseUsage(r.usage);
  if (usage !== undefined) out.push({ kind: "usage", usage, provider: r.usage });
  const error = asRecord(r.error);
  if (error !== undefined) {
    const message = asString(error["message"]) ?? JSON.stringify(error);
    out.push({ kind: "error", error: { code: asCode(error["code"]), message, event } });
  }
  out.push({ kind: "end" });
}

/** Items that never got their `output_item.done`: show tool steps as they stood, check arguments. */
function closeOpenItems(state: ResponsesState, event: number | undefined, out: Delta[]): void {
  for (const item of state.order) {
    if (item.done) continue;
    item.done = true;
    if (isToolFamily(item.type)) emitStep(item, undefined, out);
    // Only a finished call's arguments must be JSON: a cut stream's last call is just unfinished.
    else if (state.terminal) checkArgs(item, event, out);
  }
}

function sequence(state: ResponsesState, ev: WireEvent, event: number, out: Delta[]): void {
  const seq = asIndex(ev.sequence_number);
  if (seq === undefined) return;
  const last = state.lastSeq;
  if (last !== null && seq !== last + 1) {
    const what = seq === last ? "repeated" : seq < last ? "went back" : `skipped ${seq - last - 1}`;
    out.push(anomaly("sequence-gap", `sequence_number ${what}: ${last} then ${seq}`, event));
  }
  state.lastSeq = seq;
}

/** Fold one event. */
export function stepResponses(state: ResponsesState, event: StreamEvent & { json: unknown }): Delta[] {
  const out: Delta[] = [];
  const at = event.index;
  // The pipeline reports data that is not JSON.
  if (event.json === undefined || event.json === null) return out;
  const ev = asRecord(event.json) as WireEvent | undefined;
  if (ev === undefined) {
    out.push(anomaly("unknown-event-type", `expected an event object, got ${typeof event.json}`, at));
    return out;
  }
  const type = eventType(ev, event.type);

  // A non-stream reply: the whole Response object as the only event.
  if (type === undefined && asRecord(event.json)?.["object"] === "response") {
    if (state.terminal) out.push(anomaly("second-terminal-event", "a second whole Response", at));
    else terminal(state, ev as WireResponse, "completed", at, out);
    return out;
  }

  sequence(state, ev, at, out);
  const isTerminal =
    type === "response.completed" || type === "response.incomplete" || type === "response.failed";
  if (state.terminal) {
    out.push(
      isTerminal
        ? anomaly("second-terminal-event", `${type} after the stream had ended; ignored`, at)
        : anomaly("data-after-terminal", `${type ?? "an event"} after the terminal event; merged anyway`, at),
    );
    if (isTerminal) return out;
  }

  switch (type) {
    case "response.created":
    case "response.in_progress":
    case "response.queued":
      responseMeta(state, asRecord(ev.response) as WireResponse | undefined, out);
      return out;
    case "response.completed":
    case "response.incomplete":
    case "response.failed":
      terminal(state, (asRecord(ev.response) ?? {}) as WireResponse, type.slice("response.".length), at, out);
      return out;
    case "error": {
      state.errorSeen = true;
      const message = asString(ev.message) ?? "error event without a message";
      out.push({ kind: "error", error: { code: asCode(ev.code), message, event: at } });
      return out;
    }
    case undefined: {
      // An error body (`{"error":{code,message}}`, HTTP 4xx/5xx) rather than an event.
      const error = asRecord((ev as { error?: unknown }).error);
      if (error !== undefined) out.push(errorDelta(error, at));
      else out.push(anomaly("unknown-event-type", "event without a type; kept", at));
      return out;
    }
    default:
      if (!foldItemEvent(state, type, ev, at, out)) {
        out.push(anomaly("unknown-event-type", `unknown event type ${type}; kept, not merged`, at));
      }
      return out;
  }
}

/** The body ended: close open items and report a missing end. */
export function finishResponses(state: ResponsesState): Delta[] {
  const out: Delta[] = [];
  if (state.finished) return out;
  state.finished = true;
  closeOpenItems(state, undefined, out);
  if (state.terminal) return out;
  if (state.errorSeen) {
    out.push({ kind: "end", note: "the stream ended after an error event, without response.failed" });
    return out;
  }
  out.push(
    anomaly(
      "missing-end-signal",
      "the body ended without response.completed, response.incomplete or response.failed",
    ),
  );
  return out;
}
