/**
 * Ollama native API (`POST /api/chat`, `POST /api/generate`): NDJSON, one
 * object per line; `message.thinking` / `thinking` when `think` is on,
 * `message.tool_calls` delivered whole, and a final `done:true` line with
 * `done_reason` and durations in nanoseconds. Ollama streams unless
 * `"stream": false`.
 * Shapes: docs.ollama.com/api/streaming and the thinking capability page.
 */
import { int } from "../random.js";
import { type MockReply, modelWantsReasoning, type RequestView } from "../reply.js";
import { lastUserText, maxTokens, NDJSON_TYPE, ndjson, readTools, str } from "./common.js";
import type { ErrorResponse, MockFormat, RouteContext } from "./types.js";

const MESSAGES: Record<number, string> = {
  400: "invalid request",
  401: "unauthorized",
  403: "forbidden",
  404: 'model "unknown" not found, try pulling it first',
  429: "too many requests, please try again later",
  500: "an error was encountered while running the model: unexpected EOF",
};

function ollamaError(status: number, message?: string): ErrorResponse {
  return {
    status,
    headers: {},
    body: { error: message ?? MESSAGES[status] ?? MESSAGES[status >= 500 ? 500 : 400] },
  };
}

/** Nanosecond durations, consistent with each other and with the token counts. */
function durations(reply: MockReply) {
  const rng = reply.rng;
  const load = int(rng, 8, 60) * 1_000_000;
  const promptEval = reply.usage.input * int(rng, 200_000, 900_000);
  const evalDuration = reply.usage.output * int(rng, 12_000_000, 30_000_000);
  return {
    total_duration: load + promptEval + evalDuration + int(rng, 1, 9) * 1_000_000,
    load_duration: load,
    prompt_eval_count: reply.usage.input,
    prompt_eval_duration: promptEval,
    eval_count: reply.usage.output,
    eval_duration: evalDuration,
  };
}

/** Ollama's `created_at`: deterministic, a few ms apart per line. */
const stamp = (reply: MockReply, i: number) => new Date(reply.created * 1000 + i * 23).toISOString();

function toolCalls(reply: MockReply) {
  return reply.choices[0]!.toolCalls.map((t, index) => ({
    id: `call_${t.key.slice(0, 8).toLowerCase()}`,
    function: { index, name: t.name, arguments: JSON.parse(t.arguments) },
  }));
}

function* lines(reply: MockReply, chat: boolean): Generator<string> {
  const c = reply.choices[0]!;
  const model = reply.model;
  let i = 0;
  const line = (fields: { content?: string; thinking?: string; tool_calls?: unknown[] }) => {
    const created_at = stamp(reply, i++);
    if (chat)
      return ndjson({
        model,
        created_at,
        message: { role: "assistant", content: "", ...fields },
        done: false,
      });
    const { content, thinking } = fields;
    return ndjson({
      model,
      created_at,
      response: content ?? "",
      ...(thinking === undefined ? {} : { thinking }),
      done: false,
    });
  };
  if (c.reasoning) for (const thinking of c.reasoning) yield line({ thinking });
  for (const content of c.content) yield line({ content });
  if (chat && c.toolCalls.length > 0) yield line({ tool_calls: toolCalls(reply) });
  const end = {
    done: true,
    done_reason: reply.choices[0]!.truncated ? "length" : "stop",
    ...durations(reply),
  };
  const created_at = stamp(reply, i);
  yield chat
    ? ndjson({ model, created_at, message: { role: "assistant", content: "" }, ...end })
    : ndjson({ model, created_at, response: "", ...end });
}

function viewOf(body: Record<string, unknown>, ctx: RouteContext): RequestView {
  const model = str(body.model, "llama3.2");
  const think = body.think;
  return {
    model,
    lastUser:
      ctx.endpoint === "chat"
        ? lastUserText(body.messages)
        : typeof body.prompt === "string"
          ? body.prompt
          : "",
    stream: body.stream !== false,
    reasoning: think === undefined || think === null ? modelWantsReasoning(model) : think !== false,
    tools: ctx.endpoint === "chat" ? readTools(body.tools) : [],
    n: 1,
    includeUsage: true,
    ...maxTokens((body.options as { num_predict?: unknown } | undefined)?.num_predict),
  };
}

export const ollama: MockFormat = {
  name: "ollama",
  method: "POST",
  match: (path) => (path.endsWith("/api/chat") ? "chat" : path.endsWith("/api/generate") ? "generate" : null),
  read: viewOf,
  contentType: () => NDJSON_TYPE,
  stream(reply, _view, ctx) {
    const c = reply.choices[0]!;
    return {
      events: { [Symbol.iterator]: () => lines(reply, ctx.endpoint === "chat") },
      estimate: 2 + c.content.count + (c.reasoning?.count ?? 0),
      errorEvent: () => ndjson(ollamaError(500).body),
      comment: null,
    };
  },
  json(reply, _view, ctx) {
    const c = reply.choices[0]!;
    const end = {
      done: true,
      done_reason: reply.choices[0]!.truncated ? "length" : "stop",
      ...durations(reply),
    };
    const thinking = c.reasoning ? { thinking: c.reasoning.text() } : {};
    const created_at = stamp(reply, 0);
    if (ctx.endpoint !== "chat") {
      return { model: reply.model, created_at, response: c.content.text(), ...thinking, ...end };
    }
    const message: Record<string, unknown> = { role: "assistant", content: c.content.text(), ...thinking };
    if (c.toolCalls.length > 0) message.tool_calls = toolCalls(reply);
    return { model: reply.model, created_at, message, ...end };
  },
  httpError: ollamaError,
};
