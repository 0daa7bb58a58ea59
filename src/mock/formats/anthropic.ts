/**
 * Anthropic Messages (`POST /v1/messages`): named events whose `data.type`
 * matches the name; `message_start` → per block `content_block_start/delta/stop`
 * (thinking with a closing `signature_delta`, text, `tool_use` with
 * `input_json_delta`) → `message_delta` with cumulative usage → `message_stop`,
 * with a `ping` near the start.
 * Shapes: platform.claude.com/docs/build-with-claude/streaming.
 */
import { token } from "../random.js";
import type { MockReply, RequestView } from "../reply.js";
import { chop, fixedPieces, type Pieces, topicOf } from "../text.js";
import { lastUserText, maxTokens, readTools, SSE_TYPE, sse, str } from "./common.js";
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

function usage(reply: MockReply, rich: boolean) {
  const u = reply.usage;
  return {
    input_tokens: u.input - u.cached,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: u.cached,
    output_tokens: u.output,
    ...(rich ? { server_tool_use: { web_search_requests: 1 } } : {}),
  };
}

/** The answer text: Claude usually says what it is about to do before a tool call. */
function answer(reply: MockReply): Pieces {
  const c = reply.choices[0]!;
  if (c.toolCalls.length === 0) return c.content;
  const names = [...new Set(c.toolCalls.map((t) => t.name))].join(" and ");
  return fixedPieces(`I'll use ${names} to answer that.`.split(/(?= )/));
}

type Json = Record<string, unknown>;

/** One content block: how it starts, its deltas (lazily), and how it reads when finished. */
interface Block {
  start: Json;
  deltas: () => Iterable<Json>;
  done: Json;
}

const inputDeltas = (pieces: Iterable<string>) =>
  function* (): Generator<Json> {
    // The API opens every tool input with an empty fragment.
    yield { type: "input_json_delta", partial_json: "" };
    for (const partial_json of pieces) yield { type: "input_json_delta", partial_json };
  };

/**
 * The message's blocks in stream order. `rich` adds what a search-enabled Claude sends:
 * a `redacted_thinking` block, a `server_tool_use` web search with its result block, and a
 * citation on the answer.
 */
function plan(reply: MockReply, view: RequestView, rich: boolean): Block[] {
  const c = reply.choices[0]!;
  const rng = reply.rng;
  const out: Block[] = [];
  if (c.reasoning) {
    const reasoning = c.reasoning;
    const signature = token(rng, 88, BASE64);
    out.push({
      start: { type: "thinking", thinking: "", signature: "" },
      deltas: function* () {
        for (const thinking of reasoning) yield { type: "thinking_delta", thinking };
        yield { type: "signature_delta", signature };
      },
      done: { type: "thinking", thinking: reasoning.text(), signature },
    });
    if (rich) {
      const redacted = { type: "redacted_thinking", data: token(rng, 120, BASE64) };
      out.push({ start: redacted, deltas: () => [], done: redacted });
    }
  }
  let citation: Json | null = null;
  if (rich) {
    const id = `srvtoolu_01${token(rng, 22)}`;
    const query = topicOf(view.lastUser);
    const slug = query.replace(/[^a-z0-9]+/g, "-");
    const url = `https://docs.example.com/${slug}`;
    const title = `Notes on ${query}`;
    const input = JSON.stringify({ query });
    out.push({
      start: { type: "server_tool_use", id, name: "web_search", input: {} },
      deltas: inputDeltas(chop(rng, input)),
      done: { type: "server_tool_use", id, name: "web_search", input: { query } },
    });
    const result = {
      type: "web_search_tool_result",
      tool_use_id: id,
      content: [
        { type: "web_search_result", title, url, encrypted_content: token(rng, 48, BASE64), page_age: null },
      ],
    };
    out.push({ start: result, deltas: () => [], done: result });
    const cited = "Streams are read event by event.";
    citation = {
      type: "web_search_result_location",
      cited_text: cited,
      url,
      title,
      encrypted_index: token(rng, 16, BASE64),
    };
  }
  // A refusal sends no message of its own: the classifier stops the reply (see stopDetails).
  if (c.refused) return out;
  const text = answer(reply);
  const cite = citation;
  out.push({
    start: { type: "text", text: "" },
    deltas: function* () {
      if (cite) yield { type: "citations_delta", citation: cite };
      for (const piece of text) yield { type: "text_delta", text: piece };
    },
    done: { type: "text", text: text.text(), ...(cite ? { citations: [cite] } : {}) },
  });
  for (const t of c.toolCalls) {
    const id = `toolu_01${t.key.slice(0, 22)}`;
    out.push({
      start: { type: "tool_use", id, name: t.name, input: {} },
      deltas: inputDeltas(t.pieces),
      done: { type: "tool_use", id, name: t.name, input: JSON.parse(t.arguments) },
    });
  }
  return out;
}

function stopReason(reply: MockReply): string {
  const c = reply.choices[0]!;
  if (c.refused) return "refusal";
  return c.truncated ? "max_tokens" : c.toolCalls.length > 0 ? "tool_use" : "end_turn";
}

/**
 * A refusal as Anthropic's streaming classifiers send it: `stop_reason: "refusal"` with
 * `stop_details {type, category, explanation}` beside it, and no apology text
 * (platform.claude.com/docs/en/test-and-evaluate/strengthen-guardrails/handle-streaming-refusals).
 */
function stopDetails(reply: MockReply): Json {
  if (!reply.choices[0]!.refused) return {};
  return {
    stop_details: {
      type: "refusal",
      category: "cyber",
      explanation: "This request was declined because it could enable cyber harm.",
    },
  };
}

function message(reply: MockReply, rich: boolean) {
  return {
    id: `msg_01${reply.key.slice(0, 22)}`,
    type: "message",
    role: "assistant",
    model: reply.model,
    content: [] as unknown[],
    stop_reason: null as string | null,
    stop_sequence: null,
    usage: { ...usage(reply, rich), output_tokens: 1 } as Json,
  };
}

function* events(reply: MockReply, blocks: Block[], rich: boolean): Generator<string> {
  const emit = (type: string, body: Json) => sse({ type, ...body }, type);
  const start = message(reply, rich);
  yield emit("message_start", { message: { ...start, usage: { ...start.usage, service_tier: "standard" } } });
  yield emit("ping", {});
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!;
    yield emit("content_block_start", { index, content_block: block.start });
    for (const delta of block.deltas()) yield emit("content_block_delta", { index, delta });
    yield emit("content_block_stop", { index });
  }
  yield emit("message_delta", {
    delta: { stop_reason: stopReason(reply), stop_sequence: null, ...stopDetails(reply) },
    usage: usage(reply, rich),
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
      ...maxTokens(body.max_tokens),
    };
  },
  contentType: () => SSE_TYPE,
  stream(reply, view, ctx) {
    const rich = ctx.knobs.rich;
    const blocks = plan(reply, view, rich);
    const c = reply.choices[0]!;
    let estimate =
      6 + (c.refused ? -2 : c.content.count) + (c.reasoning ? c.reasoning.count + 3 : 0) + (rich ? 12 : 0);
    for (const t of c.toolCalls) estimate += 3 + t.pieces.count;
    return {
      events: { [Symbol.iterator]: () => events(reply, blocks, rich) },
      estimate,
      errorEvent: () =>
        sse({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }, "error"),
      comment: ": OPENROUTER PROCESSING\n\n",
    };
  },
  json(reply, view, ctx) {
    const rich = ctx.knobs.rich;
    return {
      ...message(reply, rich),
      content: plan(reply, view, rich).map((b) => b.done),
      stop_reason: stopReason(reply),
      ...stopDetails(reply),
      usage: usage(reply, rich),
    };
  },
  httpError: anthropicError,
};
