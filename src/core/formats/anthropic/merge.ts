/**
 * The Anthropic Messages fold: `message_start` → (`content_block_start` → `content_block_delta`*
 * → `content_block_stop`)* → `message_delta`+ → `message_stop`.
 *
 * Pure: no I/O, never throws on any input. Out-of-order events are flagged and still merged
 * where their meaning is clear, so a broken stream shows as much of the reply as it carried.
 */
import type { StreamEvent } from "../../sse/types.js";
import { anomaly } from "../deltas.js";
import type { Delta, MergeContext } from "../types.js";
import { asIndex, asRecord, asString, eventType, isOneOf } from "../values.js";
import { applyBlockDelta, type BlockState, finalToolArgs, kindForDelta, startBlock } from "./blocks.js";
import { mergeUsage, usageDelta } from "./usage.js";
import { KNOWN_EVENT_TYPES, type KnownEventType, type WireBlock, type WireMessage } from "./wire.js";

export interface AnthropicState {
  /** `message_start` (or a whole Message) has been seen. */
  started: boolean;
  /** `message_stop` has been seen: the end signal. */
  stopped: boolean;
  blocks: Map<number, BlockState>;
  /** The provider's usage, merged across `message_start` and the cumulative `message_delta`s. */
  usage: Record<string, unknown> | null;
  /** `stop_reason: "refusal"` has been turned into the choice's refusal. */
  refused: boolean;
}

export function initAnthropic(_ctx: MergeContext): AnthropicState {
  return { started: false, stopped: false, blocks: new Map(), usage: null, refused: false };
}

function applyUsage(state: AnthropicState, usage: unknown): Delta[] {
  const u = asRecord(usage);
  if (!u) return [];
  state.usage = mergeUsage(state.usage, u);
  return [usageDelta(state.usage)];
}

/**
 * What a refusal adds: Anthropic's streaming classifiers end a reply with `stop_reason: "refusal"`
 * and send no refusal message (platform.claude.com/docs/en/test-and-evaluate/strengthen-guardrails/
 * handle-streaming-refusals); newer APIs add `stop_details {type, category, explanation}`. The
 * explanation becomes the choice's `refusal`, or a plain statement when there is none, so a
 * refused reply never reads as a normal, merely short, answer.
 */
function refusalDelta(stopDetails: unknown): Delta {
  const explanation = asString(asRecord(stopDetails)?.["explanation"]);
  const text =
    explanation !== undefined && explanation !== ""
      ? explanation
      : 'Refused (stop_reason "refusal"): Anthropic\'s safety classifiers stopped the reply and sent no message.';
  return { kind: "refusal", choice: 0, text };
}

function finishDelta(
  state: AnthropicState,
  stopReason: unknown,
  stopSequence: unknown,
  stopDetails: unknown,
): Delta[] {
  const reason = asString(stopReason);
  if (reason === undefined) return [];
  // Beside the reason: the stop sequence that matched, or the refusal's category.
  const detail = asString(stopSequence) ?? asString(asRecord(stopDetails)?.["category"]);
  const out: Delta[] = [];
  // Once: a repeated message_delta must not say the refusal twice.
  if (reason === "refusal" && !state.refused) {
    state.refused = true;
    out.push(refusalDelta(stopDetails));
  }
  out.push({ kind: "finish", choice: 0, reason, ...(detail === undefined ? {} : { detail }) });
  return out;
}

function messageMeta(message: WireMessage): Delta[] {
  const out: Delta[] = [];
  const id = asString(message.id);
  if (id !== undefined) out.push({ kind: "meta", key: "id", value: id });
  const model = asString(message.model);
  if (model !== undefined) out.push({ kind: "meta", key: "model", value: model });
  return out;
}

/** Blocks that arrive whole inside a Message object (a non-streamed body, or a non-empty `message_start`). */
function wholeBlocks(state: AnthropicState, content: unknown): Delta[] {
  if (!Array.isArray(content)) return [];
  const out: Delta[] = [];
  content.forEach((raw, index) => {
    const { state: block, deltas } = startBlock(index, (asRecord(raw) ?? {}) as WireBlock, true);
    state.blocks.set(index, block);
    out.push(...deltas);
  });
  return out;
}

function onMessageStart(state: AnthropicState, ev: Record<string, unknown>): Delta[] {
  const out: Delta[] = [];
  if (state.started) out.push(anomaly("out-of-order", "a second message_start in one stream"));
  state.started = true;
  const message = (asRecord(ev["message"]) ?? {}) as WireMessage;
  out.push(
    ...messageMeta(message),
    ...wholeBlocks(state, message.content),
    ...applyUsage(state, message.usage),
  );
  return out;
}

/** A whole Message body (`stream: false`): every block at once, and the body is its own end. */
function onWholeMessage(state: AnthropicState, ev: Record<string, unknown>): Delta[] {
  const message = ev as WireMessage;
  state.started = true;
  state.stopped = true;
  return [
    ...messageMeta(message),
    ...wholeBlocks(state, message.content),
    ...finishDelta(state, message.stop_reason, message.stop_sequence, message.stop_details),
    ...applyUsage(state, message.usage),
    { kind: "end" },
  ];
}

function onBlockStart(state: AnthropicState, ev: Record<string, unknown>): Delta[] {
  const index = asIndex(ev["index"]);
  if (index === undefined)
    return [anomaly("unknown-block-index", "content_block_start without a valid index")];
  const out: Delta[] = [];
  if (state.blocks.has(index)) out.push(anomaly("out-of-order", `content block ${index} started twice`));
  const { state: block, deltas } = startBlock(
    index,
    (asRecord(ev["content_block"]) ?? {}) as WireBlock,
    false,
  );
  state.blocks.set(index, block);
  out.push(...deltas);
  return out;
}

function onBlockDelta(state: AnthropicState, ev: Record<string, unknown>): Delta[] {
  const index = asIndex(ev["index"]);
  if (index === undefined)
    return [anomaly("unknown-block-index", "content_block_delta without a valid index")];
  const delta = asRecord(ev["delta"]) ?? {};
  const out: Delta[] = [];
  let block = state.blocks.get(index);
  if (!block) {
    // Merge it anyway by what the delta says it is, so its text is not lost.
    const deltaType = asString(delta["type"]) ?? "?";
    out.push(anomaly("unknown-block-index", `${deltaType} for content block ${index}, which never started`));
    block = { type: "?", kind: kindForDelta(deltaType), json: "", input: undefined, stopped: false };
    state.blocks.set(index, block);
    if (block.kind === "tool")
      out.push({ kind: "tool-start", choice: 0, key: String(index), id: null, name: null });
  }
  // applyBlockDelta returns a fresh array: hand it on as it is when there is nothing to prepend.
  const deltas = applyBlockDelta(index, block, delta);
  if (out.length === 0) return deltas;
  for (const d of deltas) out.push(d);
  return out;
}

function onBlockStop(state: AnthropicState, ev: Record<string, unknown>): Delta[] {
  const index = asIndex(ev["index"]);
  const block = index === undefined ? undefined : state.blocks.get(index);
  if (index === undefined || !block) {
    return [
      anomaly(
        "unknown-block-index",
        `content_block_stop for content block ${index ?? "?"}, which never started`,
      ),
    ];
  }
  if (block.stopped) return [anomaly("out-of-order", `content block ${index} stopped twice`)];
  block.stopped = true;
  return block.kind === "tool" ? finalToolArgs(index, block) : [];
}

function onMessageDelta(state: AnthropicState, ev: Record<string, unknown>): Delta[] {
  const delta = asRecord(ev["delta"]) ?? {};
  const out = finishDelta(state, delta["stop_reason"], delta["stop_sequence"], delta["stop_details"]);
  if (delta["container"] !== undefined && delta["container"] !== null) {
    out.push({ kind: "meta", key: "container", value: delta["container"] });
  }
  out.push(...applyUsage(state, ev["usage"]));
  return out;
}

function onError(ev: Record<string, unknown>, data: string): Delta[] {
  const error = asRecord(ev["error"]);
  const code = asString(error?.["type"]) ?? null;
  const message = asString(error?.["message"]) ?? data;
  return [{ kind: "error", error: { code, message } }];
}

function dispatch(
  state: AnthropicState,
  type: KnownEventType,
  ev: Record<string, unknown>,
  data: string,
): Delta[] {
  switch (type) {
    case "message_start":
      return onMessageStart(state, ev);
    case "content_block_start":
      return onBlockStart(state, ev);
    case "content_block_delta":
      return onBlockDelta(state, ev);
    case "content_block_stop":
      return onBlockStop(state, ev);
    case "message_delta":
      return onMessageDelta(state, ev);
    case "message_stop":
      if (state.stopped) return [anomaly("second-terminal-event", "a second message_stop")];
      state.stopped = true;
      return [{ kind: "end" }];
    case "ping":
      return [];
    case "error":
      return onError(ev, data);
    case "message":
      return onWholeMessage(state, ev);
    default: {
      const never: never = type;
      return never;
    }
  }
}

/** Events that belong inside a message: before `message_start` they are out of order. */
const NEEDS_START = new Set<string>([
  "content_block_start",
  "content_block_delta",
  "content_block_stop",
  "message_delta",
  "message_stop",
]);

export function stepAnthropic(state: AnthropicState, event: StreamEvent & { json: unknown }): Delta[] {
  const ev = asRecord(event.json);
  // Non-JSON data is reported by the pipeline (the format declares `json: true`).
  if (event.json === undefined) return [];
  if (!ev) return [anomaly("unknown-event-type", "event data is JSON but not an object")];
  // The SSE `event:` name mirrors `data.type`; the name alone is used only when data has no type.
  const type = eventType(ev, event.type);
  const out: Delta[] = [];
  if (state.stopped && type !== "message_stop") {
    out.push(anomaly("data-after-terminal", `${type ?? "untyped"} event after message_stop`));
  }
  if (type === undefined || !isOneOf(KNOWN_EVENT_TYPES, type)) {
    out.push(anomaly("unknown-event-type", `unknown event type "${type ?? ""}"; kept in the event list`));
    return out;
  }
  if (!state.started && NEEDS_START.has(type)) {
    out.push(anomaly("delta-before-start", `${type} before message_start`));
  }
  // Every handler returns a fresh array: hand it on as it is when there is nothing to prepend.
  const deltas = dispatch(state, type, ev, event.data);
  if (out.length === 0) return deltas;
  for (const d of deltas) out.push(d);
  return out;
}

/**
 * The body ended. A tool block that never stopped keeps its raw fragments; one that got none
 * keeps the start block's input. No `end` here: only `message_stop` is the end signal.
 */
export function finishAnthropic(state: AnthropicState): Delta[] {
  const out: Delta[] = [];
  for (const [index, block] of state.blocks) {
    if (block.kind === "tool" && !block.stopped && block.json === "")
      out.push(...finalToolArgs(index, block));
  }
  return out;
}
