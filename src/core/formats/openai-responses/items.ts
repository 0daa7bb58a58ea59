/**
 * Output items of a Responses stream: what the fold keeps per item, and how a finished
 * (or non-stream) item contributes whatever its deltas did not already stream.
 */
import { anomaly } from "../deltas.js";
import type { Delta, Step } from "../types.js";
import { asArray, asRecord, asString, isJson } from "../values.js";
import type { WireItem, WirePart } from "./wire.js";

/** Item types merged as text or tool calls; every other type is a tool family shown as a step. */
const TEXT_TYPES = new Set(["message", "reasoning"]);
const CALL_TYPES = new Set(["function_call", "custom_tool_call"]);

export interface ItemState {
  /** `item.id`, or `#<output_index>` when the item has none. Also the tool-call key. */
  key: string;
  type: string;
  status: string | null;
  /** Accumulated text per part (`c<i>` content, `s<i>` summary, `r<i>` reasoning text, `args`). */
  parts: Map<string, string>;
  toolStarted: boolean;
  argsChecked: boolean;
  citations: number;
  /** Tool family: code / MCP arguments streamed so far, shown in the step. */
  streamed: string;
  redacted: boolean;
  done: boolean;
  /** The item as `output_item.added` announced it: a step's detail when it never finished. */
  added?: WireItem;
  /** Created for an event that came before the item was added. */
  placeholder?: boolean;
}

export function createItem(key: string, type: string): ItemState {
  return {
    key,
    type,
    status: null,
    parts: new Map(),
    toolStarted: false,
    argsChecked: false,
    citations: 0,
    streamed: "",
    redacted: false,
    done: false,
  };
}

export function isToolFamily(type: string): boolean {
  return !TEXT_TYPES.has(type) && !CALL_TYPES.has(type);
}

/** Reasoning parts are joined with a blank line; this counts them across items. */
export interface ReasoningJoin {
  parts: number;
}

/** Append text to a part, emitting the Delta; the first reasoning part after another gets "\n\n". */
export function appendText(
  item: ItemState,
  part: string,
  kind: "content" | "reasoning" | "refusal",
  text: string,
  join: ReasoningJoin,
  out: Delta[],
): void {
  const had = item.parts.get(part) ?? "";
  item.parts.set(part, had + text);
  if (text === "") return;
  let shown = text;
  if (kind === "reasoning" && had === "") {
    if (join.parts > 0) shown = `\n\n${text}`;
    join.parts++;
  }
  out.push({ kind, choice: 0, text: shown });
}

export function startTool(item: ItemState, wire: WireItem | undefined, out: Delta[]): void {
  if (item.toolStarted) return;
  item.toolStarted = true;
  const start: Extract<Delta, { kind: "tool-start" }> = {
    kind: "tool-start",
    choice: 0,
    key: item.key,
    id: asString(wire?.call_id) || null,
    name: asString(wire?.name) || null,
  };
  if (item.type === "custom_tool_call") start.type = "custom";
  out.push(start);
}

export function checkArgs(item: ItemState, event: number | undefined, out: Delta[]): void {
  if (item.argsChecked || !item.toolStarted) return;
  item.argsChecked = true;
  // Custom tools take free text, not JSON.
  if (item.type !== "function_call") return;
  const args = item.parts.get("args") ?? "";
  if (args === "" || isJson(args)) return;
  out.push(
    anomaly(
      "invalid-tool-arguments",
      `function call ${item.key} finished with arguments that are not valid JSON (${args.length} chars)`,
      event,
    ),
  );
}

/**
 * A finished text (a `*.done` event or a finished item's part): emit what the deltas missed;
 * when it disagrees with them, report it and keep the deltas (text cannot be taken back).
 */
export function reconcileText(
  item: ItemState,
  part: string,
  kind: "content" | "reasoning" | "refusal",
  full: unknown,
  join: ReasoningJoin,
  event: number | undefined,
  out: Delta[],
): void {
  if (typeof full !== "string") return;
  const had = item.parts.get(part) ?? "";
  if (full === had) return;
  if (full.startsWith(had)) appendText(item, part, kind, full.slice(had.length), join, out);
  else
    out.push(
      anomaly(
        "out-of-order",
        `${item.key} ${part}: the finished ${kind} differs from its deltas; deltas kept`,
        event,
      ),
    );
}

export function appendArgs(item: ItemState, text: string, out: Delta[]): void {
  item.parts.set("args", (item.parts.get("args") ?? "") + text);
  if (text !== "") out.push({ kind: "tool-args", choice: 0, key: item.key, text });
}

/** Finished arguments: fill what the deltas missed, or replace them when they disagree; then check them. */
export function reconcileArgs(item: ItemState, full: unknown, event: number | undefined, out: Delta[]): void {
  if (typeof full === "string") {
    const had = item.parts.get("args") ?? "";
    if (full.startsWith(had)) appendArgs(item, full.slice(had.length), out);
    else {
      out.push(
        anomaly(
          "out-of-order",
          `${item.key}: the finished arguments differ from their deltas; replaced`,
          event,
        ),
      );
      item.parts.set("args", full);
      out.push({ kind: "tool-args-set", choice: 0, key: item.key, arguments: full });
    }
  }
  checkArgs(item, event, out);
}

/** Keep a step's detail readable: a generated image's base64 `result` is summarised. */
function stepDetail(wire: WireItem | undefined, item: ItemState): unknown {
  const detail: Record<string, unknown> = { ...(wire ?? item.added ?? {}) };
  const result = detail["result"];
  if (typeof result === "string" && result.length > 4096) detail["result"] = `[${result.length} chars]`;
  if (wire === undefined && item.streamed !== "") detail["streamed"] = item.streamed;
  return detail;
}

export function emitStep(item: ItemState, wire: WireItem | undefined, out: Delta[]): void {
  const step: Step = { kind: item.type, detail: stepDetail(wire, item) };
  const status = asString(wire?.status) ?? item.status;
  if (status) step.status = status;
  out.push({ kind: "step", choice: 0, step });
}

function parts(v: unknown): WirePart[] {
  return (asArray(v) ?? []).map((p) => (asRecord(p) ?? {}) as WirePart);
}

/**
 * A finished item (`response.output_item.done`, a terminal response's `output`, or a
 * non-stream Response): contribute what its deltas did not stream, then close it.
 */
export function finishItem(
  item: ItemState,
  wire: WireItem,
  join: ReasoningJoin,
  event: number | undefined,
  out: Delta[],
): void {
  if (item.done) return;
  item.done = true;
  const status = asString(wire.status);
  if (status) item.status = status;
  if (item.type === "message") {
    const streamedCitations = item.citations > 0;
    for (const [i, p] of parts(wire.content).entries()) {
      const key = `c${i}`;
      if (p.type === "output_text") reconcileText(item, key, "content", p.text, join, event, out);
      else if (p.type === "refusal") reconcileText(item, key, "refusal", p.refusal, join, event, out);
      if (!streamedCitations)
        for (const citation of asArray(p.annotations) ?? [])
          out.push({ kind: "citation", choice: 0, citation });
    }
  } else if (item.type === "reasoning") {
    for (const [i, p] of parts(wire.summary).entries())
      reconcileText(item, `s${i}`, "reasoning", p.text, join, event, out);
    for (const [i, p] of parts(wire.content).entries())
      reconcileText(item, `r${i}`, "reasoning", p.text, join, event, out);
    const encrypted = asString(wire.encrypted_content);
    if (encrypted && !item.redacted) {
      item.redacted = true;
      out.push({ kind: "reasoning-redacted", choice: 0, data: encrypted });
    }
  } else if (CALL_TYPES.has(item.type)) {
    startTool(item, wire, out);
    reconcileArgs(item, item.type === "function_call" ? wire.arguments : wire.input, event, out);
  } else {
    emitStep(item, wire, out);
  }
}
