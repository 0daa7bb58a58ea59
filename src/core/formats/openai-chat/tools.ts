import { anomaly } from "../deltas.js";
import type { Delta } from "../types.js";
import { asIndex, asRecord, asString, dig, isJson } from "../values.js";
import type { WireFunction, WireToolCall } from "./wire.js";

/** One tool call being assembled within a choice. */
export interface ToolState {
  /** Identifies the call within its choice in the Deltas (`tool-start.key`). */
  key: string;
  index: number | undefined;
  id: string | null;
  name: string | null;
  args: string;
  /** Its finished argument string was checked for JSON validity. */
  checked: boolean;
}

export interface ToolTable {
  calls: ToolState[];
  byKey: Map<string, ToolState>;
}

export function createToolTable(): ToolTable {
  return { calls: [], byKey: new Map() };
}

/**
 * Fold one `tool_calls[]` fragment (or a whole call when `whole`) into the choice's table.
 *
 * Calls are keyed by `index` as streamed, so an index that starts at 1 or skips is kept as
 * is. Mistral omits `index` and sends each call whole with an `id`: then the id keys it, and
 * a fragment with neither index nor id continues the latest call. A fragment whose index is
 * known but carries a *different* id starts a new call (some gateways reuse index 0).
 */
export function foldToolCall(
  table: ToolTable,
  choice: number,
  raw: unknown,
  whole: boolean,
  event: number,
  out: Delta[],
): void {
  const call = asRecord(raw) as WireToolCall | undefined;
  if (call === undefined) return;
  const fn = (asRecord(call.function) ?? {}) as WireFunction;
  const index = asIndex(call.index);
  const id = asString(call.id) || null;
  const name = asString(fn.name) || null;
  const args = asString(fn.arguments) ?? (asRecord(fn.arguments) ? JSON.stringify(fn.arguments) : "");
  const type = asString(call.type);
  const signature = asString(dig(call.extra_content, "google", "thought_signature"));
  if (signature) out.push({ kind: "signature", choice, signature });
  // A signature-only entry (Gemini sends one apart from the call): no call to start or continue.
  if (signature && index === undefined && id === null && name === null && args === "") return;

  let key: string;
  if (whole) key = id !== null ? `id:${id}` : `pos:${table.calls.length}`;
  else if (index !== undefined) key = String(index);
  else if (id !== null) key = `id:${id}`;
  else key = table.calls[table.calls.length - 1]?.key ?? "pos:0";

  const slot = key;
  let tool = table.byKey.get(slot);
  if (tool !== undefined && id !== null && tool.id !== null && tool.id !== id) {
    // The slot now belongs to the new call: later fragments with this index continue it.
    key = `${slot}#${table.calls.length}`;
    tool = undefined;
  }
  if (tool === undefined) {
    if (id === null && name === null && !whole) {
      out.push(
        anomaly(
          "unknown-block-index",
          `choice ${choice}: tool-call fragment for ${index === undefined ? "an unstarted call" : `index ${index}`} that never started (no id or name); kept with neither`,
          event,
        ),
      );
    }
    tool = { key, index, id, name, args: "", checked: false };
    table.calls.push(tool);
    table.byKey.set(slot, tool);
    const start: Extract<Delta, { kind: "tool-start" }> = { kind: "tool-start", choice, key, id, name };
    if (type !== undefined && type !== "function") start.type = type;
    out.push(start);
  } else if ((tool.id === null && id !== null) || (tool.name === null && name !== null)) {
    // A call that started without its id or name gets them late: the reducer fills what was null.
    tool.id ??= id;
    tool.name ??= name;
    out.push({ kind: "tool-start", choice, key: tool.key, id: tool.id, name: tool.name });
  }
  if (args !== "") {
    tool.args += args;
    out.push({ kind: "tool-args", choice, key: tool.key, text: args });
  }
}

/** The choice finished: report every call whose argument string is not valid JSON. */
export function checkToolArguments(
  table: ToolTable,
  choice: number,
  event: number | undefined,
  out: Delta[],
): void {
  for (const tool of table.calls) {
    if (tool.checked) continue;
    tool.checked = true;
    // An empty string is how some hosts send a call without parameters: not an error.
    if (tool.args === "" || isJson(tool.args)) continue;
    out.push(
      anomaly(
        "invalid-tool-arguments",
        `choice ${choice}: tool call ${tool.id ?? tool.key} finished with arguments that are not valid JSON (${tool.args.length} chars)`,
        event,
      ),
    );
  }
}
