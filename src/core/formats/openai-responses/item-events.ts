/**
 * Events scoped to one output item: text, refusal, reasoning and argument deltas and their
 * `*.done` events, annotations, item lifecycle and the tool families' status events.
 */
import { anomaly } from "../deltas.js";
import type { Delta } from "../types.js";
import { asIndex, asRecord, asString } from "../values.js";
import {
  appendArgs,
  appendText,
  finishItem,
  type ItemState,
  reconcileArgs,
  reconcileText,
  startTool,
} from "./items.js";
import { addItem, type ResponsesState } from "./state.js";
import type { WireEvent, WireItem } from "./wire.js";

/** Tool families whose `response.<family>.<status>` events update a step's status. */
const FAMILIES = [
  "web_search_call",
  "file_search_call",
  "code_interpreter_call",
  "mcp_call",
  "mcp_list_tools",
  "image_generation_call",
];

/** The item an event refers to; a placeholder (and an anomaly) when it was never added. */
function itemFor(state: ResponsesState, ev: WireEvent, type: string, at: number, out: Delta[]): ItemState {
  const id = asString(ev.item_id);
  const index = asIndex(ev.output_index);
  const found =
    (id ? state.items.get(id) : undefined) ??
    (index !== undefined ? state.items.get(`#${index}`) : undefined);
  if (found !== undefined) return found;
  out.push(
    anomaly(
      "delta-before-start",
      `event for item ${id ?? `#${index ?? "?"}`} before its output_item.added; merged anyway`,
      at,
    ),
  );
  const wire: WireItem = { type };
  if (id) wire.id = id;
  const item = addItem(state, wire, index);
  item.placeholder = true;
  if (type === "function_call" || type === "custom_tool_call") startTool(item, undefined, out);
  return item;
}

/** Fold an item-scoped event; false when `type` is not one. */
export function foldItemEvent(
  state: ResponsesState,
  type: string,
  ev: WireEvent,
  at: number,
  out: Delta[],
): boolean {
  const ci = asIndex(ev.content_index) ?? 0;
  switch (type) {
    case "response.output_item.added": {
      const wire = (asRecord(ev.item) ?? {}) as WireItem;
      const id = asString(wire.id);
      const known = id ? state.items.get(id) : undefined;
      if (known !== undefined && known.placeholder !== true) {
        out.push(anomaly("out-of-order", `item ${id} added twice; the first is kept`, at));
        return true;
      }
      if (known !== undefined) {
        // Its deltas came first (already reported): adopt the announcement, fill the call's id and name.
        known.placeholder = false;
        known.added = wire;
        known.type = asString(wire.type) ?? known.type;
        known.toolStarted = false;
      }
      const item = known ?? addItem(state, wire, asIndex(ev.output_index));
      if (item.type === "function_call" || item.type === "custom_tool_call") {
        startTool(item, wire, out);
        if (known === undefined)
          appendArgs(item, asString(item.type === "function_call" ? wire.arguments : wire.input) ?? "", out);
      }
      return true;
    }
    case "response.output_item.done": {
      const wire = (asRecord(ev.item) ?? {}) as WireItem;
      const item = itemFor(state, { ...ev, item_id: wire.id }, asString(wire.type) ?? "unknown", at, out);
      finishItem(item, wire, state.join, at, out);
      return true;
    }
    case "response.content_part.added":
    case "response.content_part.done":
      itemFor(state, ev, "message", at, out);
      return true;
    case "response.reasoning_summary_part.added":
    case "response.reasoning_summary_part.done":
      itemFor(state, ev, "reasoning", at, out);
      return true;
    case "response.output_text.delta":
      appendText(
        itemFor(state, ev, "message", at, out),
        `c${ci}`,
        "content",
        asString(ev.delta) ?? "",
        state.join,
        out,
      );
      return true;
    case "response.output_text.done":
      reconcileText(
        itemFor(state, ev, "message", at, out),
        `c${ci}`,
        "content",
        ev.text,
        state.join,
        at,
        out,
      );
      return true;
    case "response.refusal.delta":
      appendText(
        itemFor(state, ev, "message", at, out),
        `c${ci}`,
        "refusal",
        asString(ev.delta) ?? "",
        state.join,
        out,
      );
      return true;
    case "response.refusal.done":
      reconcileText(
        itemFor(state, ev, "message", at, out),
        `c${ci}`,
        "refusal",
        ev.refusal,
        state.join,
        at,
        out,
      );
      return true;
    case "response.output_text.annotation.added": {
      const item = itemFor(state, ev, "message", at, out);
      item.citations++;
      if (ev.annotation !== undefined) out.push({ kind: "citation", choice: 0, citation: ev.annotation });
      return true;
    }
    case "response.reasoning_summary_text.delta":
    case "response.reasoning_summary_text.done": {
      const item = itemFor(state, ev, "reasoning", at, out);
      const part = `s${asIndex(ev.summary_index) ?? 0}`;
      if (type.endsWith("delta"))
        appendText(item, part, "reasoning", asString(ev.delta) ?? "", state.join, out);
      else reconcileText(item, part, "reasoning", ev.text, state.join, at, out);
      return true;
    }
    case "response.reasoning_text.delta":
    case "response.reasoning_text.done": {
      const item = itemFor(state, ev, "reasoning", at, out);
      if (type.endsWith("delta"))
        appendText(item, `r${ci}`, "reasoning", asString(ev.delta) ?? "", state.join, out);
      else reconcileText(item, `r${ci}`, "reasoning", ev.text, state.join, at, out);
      return true;
    }
    case "response.function_call_arguments.delta":
      appendArgs(itemFor(state, ev, "function_call", at, out), asString(ev.delta) ?? "", out);
      return true;
    case "response.function_call_arguments.done":
      reconcileArgs(itemFor(state, ev, "function_call", at, out), ev.arguments, at, out);
      return true;
    case "response.custom_tool_call_input.delta":
      appendArgs(itemFor(state, ev, "custom_tool_call", at, out), asString(ev.delta) ?? "", out);
      return true;
    case "response.custom_tool_call_input.done":
      reconcileArgs(itemFor(state, ev, "custom_tool_call", at, out), ev.input, at, out);
      return true;
    case "response.code_interpreter_call_code.delta":
    case "response.mcp_call_arguments.delta":
      itemFor(state, ev, type.includes("mcp") ? "mcp_call" : "code_interpreter_call", at, out).streamed +=
        asString(ev.delta) ?? "";
      return true;
    case "response.code_interpreter_call_code.done":
    case "response.mcp_call_arguments.done": {
      const item = itemFor(state, ev, type.includes("mcp") ? "mcp_call" : "code_interpreter_call", at, out);
      item.streamed = asString(type.includes("mcp") ? ev.arguments : ev.code) ?? item.streamed;
      return true;
    }
    default:
      break;
  }
  // Audio is not merged into the text reply; its events are known, not anomalies.
  if (type.startsWith("response.audio.")) return true;
  const m = /^response\.([a-z_]+)\.([a-z_]+)$/.exec(type);
  if (m !== null && FAMILIES.includes(m[1] ?? "")) {
    const item = itemFor(state, ev, m[1] ?? "", at, out);
    if (m[2] !== "partial_image") item.status = m[2] ?? item.status;
    return true;
  }
  return false;
}
