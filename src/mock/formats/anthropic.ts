/**
 * Anthropic Messages (`POST /v1/messages`): named events whose `data.type`
 * matches the name; `message_start` → per block `content_block_start/delta/stop`
 * (thinking with a closing `signature_delta`, text, `tool_use` with
 * `input_json_delta`) → `message_delta` with cumulative usage → `message_stop`,
 * with a `ping` near the start.
 * Shapes: platform.claude.com/docs/build-with-claude/streaming.
 */
import { token } from "../random.js";
import type { MockReply } from "../reply.js";
import { fixedPieces, type Pieces } from "../text.js";
import { lastUserText, readTools, SSE_TYPE, sse, str } from "./common.js";
import type { ErrorResponse, MockFormat } from "./types.js";

const ERRORS: Record<number, [type: string, message: string]> = {
  400: ["invalid_request_error", "Invalid request."],
  401: ["authentication_error", "invalid x-api-key"],
  403: ["permission_error", "Your API key does not have permission to use the specified resource."],
  404: ["not_found_error", "The requested resource could not be found."],
  413: ["request_too_large", "Request exceeds the maximum allowed number of bytes."],
  429: ["rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit."],
  500: ["api_error", "Internal server error"],
  529: ["overloaded_error", "Overloaded"],
};

/** Anthropic's `{"type":"error","error":{type,message},"request_id"}` body with its headers. */
function anthropicError(status: number, message?: string): ErrorResponse {
  const [type, text] = ERRORS[status] ?? (status >= 500 ? ERRORS[500]! : ERRORS[400]!);
  const headers: Record<string, string> = { "request-id": "req_011mock" };
  if (status === 429) {
    headers["retry-after"] = "15";
    headers["anthropic-ratelimit-requests-remaining"] = "0";
  }
  return {
    status,
    headers,
    body: { type: "error", error: { type, message: message ?? text }, request_id: "req_011mock" },
  };
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function usage(reply: MockReply) {
  const u = reply.usage;
  return {
    input_tokens: u.input - u.cached,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: u.cached,
    output_tokens: u.output,
  };
}

/** The answer text: Claude usually says what it is about to do before a tool call. */
function answer(reply: MockReply): Pieces {
  const c = reply.choices[0]!;
  if (c.toolCalls.length === 0) return c.content;
  const names = [...new Set(c.toolCalls.map((t) => t.name))].join(" and ");
  return fixedPieces(`I'll use ${names} to answer that.`.split(/(?= )/));
}

/** The finished content blocks, in stream order. */
function blocks(reply: MockReply, signature: string): Record<string, unknown>[] {
  const c = reply.choices[0]!;
  const out: Record<string, unknown>[] = [];
  if (c.reasoning) out.push({ type: "thinking", thinking: c.reasoning.text(), signature });
  out.push({ type: "text", text: answer(reply).text() });
  for (const t of c.toolCalls) {
    out.push({
      type: "tool_use",
      id: `toolu_01${t.key.slice(0, 22)}`,
      name: t.name,
      input: JSON.parse(t.arguments),
    });
  }
  return out;
}

const stopReason = (reply: MockReply) => (reply.choices[0]!.toolCalls.length > 0 ? "tool_use" : "end_turn");

function message(reply: MockReply) {
  return {
    id: `msg_01${reply.key.slice(0, 22)}`,
    type: "message",
    role: "assistant",
    model: reply.model,
    content: [] as unknown[],
    stop_reason: null as string | null,
    stop_sequence: null,
    usage: { ...usage(reply), output_tokens: 1 } as Record<string, unknown>,
  };
}

function* events(reply: MockReply, signature: string): Generator<string> {
  const emit = (type: string, body: Record<string, unknown>) => sse({ type, ...body }, type);
  const c = reply.choices[0]!;
  yield emit("message_start", {
    message: { ...message(reply), usage: { ...message(reply).usage, service_tier: "standard" } },
  });
  yield emit("ping", {});
  const done = blocks(reply, signature);
  for (let index = 0; index < done.length; index++) {
    const block = done[index]!;
    if (block.type === "thinking") {
      yield emit("content_block_start", {
        index,
        content_block: { type: "thinking", thinking: "", signature: "" },
      });
      for (const thinking of c.reasoning!) {
        yield emit("content_block_delta", { index, delta: { type: "thinking_delta", thinking } });
      }
      yield emit("content_block_delta", { index, delta: { type: "signature_delta", signature } });
    } else if (block.type === "text") {
      yield emit("content_block_start", { index, content_block: { type: "text", text: "" } });
      for (const text of answer(reply))
        yield emit("content_block_delta", { index, delta: { type: "text_delta", text } });
    } else {
      const call = c.toolCalls.find((t) => block.id === `toolu_01${t.key.slice(0, 22)}`)!;
      yield emit("content_block_start", { index, content_block: { ...block, input: {} } });
      // The API opens every tool input with an empty fragment.
      yield emit("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: "" } });
      for (const partial_json of call.pieces) {
        yield emit("content_block_delta", { index, delta: { type: "input_json_delta", partial_json } });
      }
    }
    yield emit("content_block_stop", { index });
  }
  yield emit("message_delta", {
    delta: { stop_reason: stopReason(reply), stop_sequence: null },
    usage: usage(reply),
  });
  yield emit("message_stop", {});
}

export const anthropic: MockFormat = {
  name: "anthropic",
  method: "POST",
  match: (path) => (path.endsWith("/messages") ? "messages" : null),
  read(body) {
    const thinking = body.thinking as { type?: unknown } | undefined;
    return {
      model: str(body.model, "claude-sonnet-4-5"),
      lastUser: lastUserText(body.messages),
      stream: body.stream === true,
      reasoning: thinking?.type === "enabled" || thinking?.type === "adaptive",
      tools: readTools(body.tools),
      n: 1,
      includeUsage: true,
    };
  },
  contentType: () => SSE_TYPE,
  stream(reply) {
    const signature = token(reply.rng, 88, BASE64);
    const c = reply.choices[0]!;
    let estimate = 6 + c.content.count + (c.reasoning ? c.reasoning.count + 3 : 0);
    for (const t of c.toolCalls) estimate += 3 + t.pieces.count;
    return {
      events: { [Symbol.iterator]: () => events(reply, signature) },
      estimate,
      errorEvent: () =>
        sse({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }, "error"),
      comment: ": OPENROUTER PROCESSING\n\n",
    };
  },
  json(reply) {
    const signature = token(reply.rng, 88, BASE64);
    return {
      ...message(reply),
      content: blocks(reply, signature),
      stop_reason: stopReason(reply),
      usage: usage(reply),
    };
  },
  httpError: anthropicError,
};
