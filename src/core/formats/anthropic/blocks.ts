/**
 * Content blocks of one Anthropic message: what a block's start, deltas and stop add to the reply.
 *
 * A block is keyed by its `index`; tool calls use that index (as a string) as their key, so a
 * tool call's fragments can never be attached to another block.
 */
import { anomaly } from "../deltas.js";
import type { Delta, Step } from "../types.js";
import { asRecord, asString, compactJson } from "../values.js";
import type { WireBlock, WireBlockDelta } from "./wire.js";

/** How a block's deltas are merged. */
export type BlockKind = "text" | "thinking" | "redacted" | "tool" | "result" | "unknown";

export interface BlockState {
  /** The provider's block type (`text`, `tool_use`, ...), `"?"` when the start never came. */
  type: string;
  kind: BlockKind;
  /** `input_json_delta` fragments so far (tool blocks). */
  json: string;
  /** The start block's `input` (tool blocks): what stays when no fragment arrives. */
  input: unknown;
  stopped: boolean;
}

/** Tool-like blocks whose input streams as `input_json_delta` (the SDK's `tracksToolInput`, plus MCP). */
const TOOL_BLOCKS = new Set(["tool_use", "server_tool_use", "mcp_tool_use"]);

export function blockKind(type: string): BlockKind {
  if (type === "text") return "text";
  if (type === "thinking") return "thinking";
  if (type === "redacted_thinking") return "redacted";
  if (TOOL_BLOCKS.has(type)) return "tool";
  // web_search_tool_result, web_fetch_tool_result, code_execution_tool_result, mcp_tool_result, ...
  if (type.endsWith("_tool_result") || type === "container_upload") return "result";
  return "unknown";
}

/** A result block's outcome: an `*_error` content object means the server tool failed. */
function resultStep(type: string, block: WireBlock): Step {
  const content = asRecord(block.content);
  const failed = content !== undefined && (asString(content["type"]) ?? "").endsWith("_error");
  return {
    kind: type,
    status: failed ? "error" : "completed",
    detail: { tool_use_id: block.tool_use_id ?? null, content: block.content ?? null },
  };
}

/**
 * A block starts. `whole` is set for a non-streamed Message, where a tool block's `input`
 * is final and is delivered as its arguments at once.
 */
export function startBlock(
  index: number,
  block: WireBlock,
  whole: boolean,
): { state: BlockState; deltas: Delta[] } {
  const type = asString(block.type) ?? "?";
  const kind = blockKind(type);
  const state: BlockState = { type, kind, json: "", input: block.input, stopped: whole };
  const out: Delta[] = [];
  switch (kind) {
    case "text": {
      const text = asString(block.text);
      if (text) out.push({ kind: "content", choice: 0, text });
      if (Array.isArray(block.citations)) {
        for (const citation of block.citations) out.push({ kind: "citation", choice: 0, citation });
      }
      break;
    }
    case "thinking": {
      const thinking = asString(block.thinking);
      if (thinking) out.push({ kind: "reasoning", choice: 0, text: thinking });
      const signature = asString(block.signature);
      if (signature) out.push({ kind: "signature", choice: 0, signature });
      break;
    }
    case "redacted": {
      const data = asString(block.data);
      out.push(
        data === undefined
          ? { kind: "reasoning-redacted", choice: 0 }
          : { kind: "reasoning-redacted", choice: 0, data },
      );
      break;
    }
    case "tool":
      out.push({
        kind: "tool-start",
        choice: 0,
        key: String(index),
        id: asString(block.id) ?? null,
        name: asString(block.name) ?? null,
        ...(type === "tool_use" ? {} : { type }),
        ...(whole ? { arguments: compactJson(block.input) } : {}),
      });
      break;
    case "result":
      out.push({ kind: "step", choice: 0, step: resultStep(type, block) });
      break;
    case "unknown":
      // Kept as a step so the user still sees it, and flagged: the API may add block types.
      out.push(
        anomaly("unknown-block-type", `content block ${index} has unknown type "${type}"; kept as a step`),
      );
      out.push({ kind: "step", choice: 0, step: { kind: type, status: "unknown", detail: block } });
      break;
    default: {
      const never: never = kind;
      return never;
    }
  }
  return { state, deltas: out };
}

/** What a delta's type implies about its block, for a block whose start never arrived. */
export function kindForDelta(deltaType: string): BlockKind {
  if (deltaType === "text_delta" || deltaType === "citations_delta") return "text";
  if (deltaType === "thinking_delta" || deltaType === "signature_delta") return "thinking";
  if (deltaType === "input_json_delta") return "tool";
  return "unknown";
}

const EXPECTED: Record<string, BlockKind> = {
  text_delta: "text",
  citations_delta: "text",
  thinking_delta: "thinking",
  signature_delta: "thinking",
  input_json_delta: "tool",
};

/** One `content_block_delta` on a known block. */
export function applyBlockDelta(index: number, block: BlockState, delta: WireBlockDelta): Delta[] {
  const type = asString(delta.type) ?? "?";
  const out: Delta[] = [];
  const expected = EXPECTED[type];
  if (expected !== undefined && expected !== block.kind) {
    out.push(anomaly("out-of-order", `${type} on content block ${index} of type "${block.type}"`));
  }
  if (block.stopped) {
    out.push(anomaly("out-of-order", `${type} on content block ${index} after its content_block_stop`));
  }
  switch (type) {
    case "text_delta": {
      const text = asString(delta.text);
      if (text) out.push({ kind: "content", choice: 0, text });
      break;
    }
    case "thinking_delta": {
      const text = asString(delta.thinking);
      if (text) out.push({ kind: "reasoning", choice: 0, text });
      break;
    }
    case "signature_delta": {
      const signature = asString(delta.signature);
      if (signature) out.push({ kind: "signature", choice: 0, signature });
      break;
    }
    case "citations_delta":
      if (delta.citation !== undefined) out.push({ kind: "citation", choice: 0, citation: delta.citation });
      break;
    case "input_json_delta": {
      const part = asString(delta.partial_json);
      if (block.kind !== "tool") break; // flagged above; there is no tool call to attach it to
      if (part) {
        block.json += part;
        out.push({ kind: "tool-args", choice: 0, key: String(index), text: part });
      }
      break;
    }
    default:
      out.push(anomaly("unknown-event-type", `content block ${index} got a delta of unknown type "${type}"`));
  }
  return out;
}

/**
 * The final arguments of a tool block: the parsed input as compact JSON, or the start block's
 * input when no fragment came. Invalid JSON keeps the raw string and is flagged.
 */
export function finalToolArgs(index: number, block: BlockState): Delta[] {
  const key = String(index);
  if (block.json === "")
    return [{ kind: "tool-args-set", choice: 0, key, arguments: compactJson(block.input) }];
  try {
    return [{ kind: "tool-args-set", choice: 0, key, arguments: compactJson(JSON.parse(block.json)) }];
  } catch (e) {
    return [
      anomaly(
        "invalid-tool-arguments",
        `tool input of content block ${index} is not valid JSON (${(e as Error).message}); kept as streamed`,
      ),
    ];
  }
}
