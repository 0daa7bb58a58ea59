/**
 * Cohere v1 chat (`POST /v1/chat`, `"stream": true`): NDJSON under `application/stream+json`,
 * one object per line with `event_type` and `is_finished`: `stream-start`, `text-generation`,
 * `tool-calls-chunk` (the plan as `text`, then `tool_call_delta` pieces), `tool-calls-generation`
 * (the calls whole), and `stream-end` with `finish_reason` and the whole `response` (usage in
 * `meta`). Shapes: the v1 `StreamedChatResponse` types of the cohere SDKs, as the fixtures in
 * test/fixtures/cohere/v1-* (see their README).
 */
import type { MockReply } from "../reply.js";
import { cohereError, toolPlan, usage, uuid } from "./cohere.js";
import { maxTokens, ndjson, readTools, str } from "./common.js";
import type { MockFormat } from "./types.js";

const STREAM_JSON = "application/stream+json";

interface V1Call {
  name: string;
  parameters: unknown;
}

/** v1 ends a tool-calling turn with COMPLETE too (TOOL_CALL is v2's). */
function finishOf(reply: MockReply): string {
  return reply.choices[0]!.truncated ? "MAX_TOKENS" : "COMPLETE";
}

function calls(reply: MockReply): V1Call[] {
  return reply.choices[0]!.toolCalls.map((t) => ({
    name: t.name,
    parameters: JSON.parse(t.arguments) as unknown,
  }));
}

/** The whole reply, as `stream-end.response` and as the non-streamed answer. */
function response(reply: MockReply, generationId: string, responseId: string) {
  const c = reply.choices[0]!;
  const tools = c.toolCalls.length > 0;
  const text = tools ? toolPlan(reply).join("") : c.content.text();
  return {
    response_id: responseId,
    text,
    generation_id: generationId,
    ...(tools ? { tool_calls: calls(reply) } : {}),
    finish_reason: finishOf(reply),
    meta: { api_version: { version: "1" }, ...usage(reply) },
  };
}

function* events(reply: MockReply, generationId: string, responseId: string): Generator<string> {
  const line = (event_type: string, body: Record<string, unknown> = {}) =>
    ndjson({ is_finished: false, event_type, ...body });
  const c = reply.choices[0]!;
  yield line("stream-start", { generation_id: generationId });
  if (c.toolCalls.length > 0) {
    for (const text of toolPlan(reply)) yield line("tool-calls-chunk", { text });
    for (let index = 0; index < c.toolCalls.length; index++) {
      const t = c.toolCalls[index]!;
      yield line("tool-calls-chunk", { tool_call_delta: { index, name: t.name } });
      for (const parameters of t.pieces)
        yield line("tool-calls-chunk", { tool_call_delta: { index, parameters } });
    }
    yield line("tool-calls-generation", { text: toolPlan(reply).join(""), tool_calls: calls(reply) });
  } else {
    for (const text of c.content) yield line("text-generation", { text });
  }
  const whole = response(reply, generationId, responseId);
  yield ndjson({
    is_finished: true,
    event_type: "stream-end",
    response: whole,
    finish_reason: whole.finish_reason,
  });
}

export const cohereV1: MockFormat = {
  name: "cohere-v1",
  method: "POST",
  match: (path) => (path.endsWith("/v1/chat") ? "chat" : null),
  read(body) {
    return {
      model: str(body.model, "command-r-plus"),
      lastUser: typeof body.message === "string" ? body.message : "",
      stream: body.stream === true,
      reasoning: false,
      tools: readTools(body.tools),
      n: 1,
      includeUsage: true,
      ...maxTokens(body.max_tokens),
    };
  },
  contentType: () => STREAM_JSON,
  stream(reply) {
    const generationId = uuid(reply);
    const responseId = uuid(reply);
    const c = reply.choices[0]!;
    let estimate = 2 + c.content.count;
    for (const t of c.toolCalls) estimate += 1 + t.pieces.count;
    return {
      events: { [Symbol.iterator]: () => events(reply, generationId, responseId) },
      estimate,
      // v1 reports a failure as the end of the stream, with no message of its own.
      errorEvent: () =>
        ndjson({
          is_finished: true,
          event_type: "stream-end",
          response: {
            response_id: responseId,
            text: "",
            generation_id: generationId,
            finish_reason: "ERROR",
          },
          finish_reason: "ERROR",
        }),
      comment: null,
    };
  },
  json(reply) {
    return response(reply, uuid(reply), uuid(reply));
  },
  httpError: cohereError,
};
