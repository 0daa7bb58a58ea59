/**
 * Cohere v2 chat (`POST /v2/chat`): SSE events named by their `type`
 * (`message-start`, `content-start/delta/end`, `tool-plan-delta`,
 * `tool-call-start/delta/end`, `message-end` with `finish_reason` and usage);
 * thinking content blocks when the request enables `thinking`.
 * Shapes: docs.cohere.com/v2/docs/streaming.
 */
import { token } from "../random.js";
import type { MockReply } from "../reply.js";
import { lastUserText, maxTokens, readTools, SSE_TYPE, sse, str } from "./common.js";
import type { ErrorResponse, MockFormat } from "./types.js";

const MESSAGES: Record<number, string> = {
  400: "invalid request: message must not be empty",
  401: "invalid api token",
  404: "model 'unknown' not found, make sure the correct model ID was used",
  429: "You are using a Trial key, which is limited to 10 API calls / minute.",
  500: "internal server error, this has been reported to our developers",
};

const HEX = "0123456789abcdef";

export function cohereError(status: number, message?: string): ErrorResponse {
  const text = message ?? MESSAGES[status] ?? MESSAGES[status >= 500 ? 500 : 400]!;
  return { status, headers: {}, body: { id: "00000000-0000-4000-8000-000000000000", message: text } };
}

export function uuid(reply: MockReply): string {
  const h = token(reply.rng, 32, HEX);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
}

export function usage(reply: MockReply) {
  const { input, output } = reply.usage;
  return {
    billed_units: { input_tokens: input, output_tokens: output },
    tokens: { input_tokens: input + 200, output_tokens: output },
  };
}

const callId = (name: string, key: string) => `${name}_${key.slice(0, 12).toLowerCase()}`;
function finishOf(reply: MockReply): string {
  const c = reply.choices[0]!;
  return c.truncated ? "MAX_TOKENS" : c.toolCalls.length > 0 ? "TOOL_CALL" : "COMPLETE";
}

/** The plan a tool-calling Cohere model writes before its calls. */
export function toolPlan(reply: MockReply): string[] {
  const names = reply.choices[0]!.toolCalls.map((t) => t.name).join(" and ");
  return `I will use ${names} to find the answer.`.split(/(?= )/);
}

/** The `rich` knob's citation: the answer's opening words, grounded in one document. */
function citation(reply: MockReply) {
  const text = reply.choices[0]!.content.text();
  const end = Math.min(text.length, 32);
  const document = { id: "doc:0", snippet: "Streams are read event by event." };
  return {
    start: 0,
    end,
    text: text.slice(0, end),
    sources: [{ type: "document", id: "doc:0", document }],
    type: "TEXT_CONTENT",
  };
}

function* events(reply: MockReply, id: string, rich: boolean): Generator<string> {
  const emit = (type: string, body: Record<string, unknown>) => sse({ type, ...body }, type);
  const c = reply.choices[0]!;
  yield emit("message-start", {
    id,
    delta: { message: { role: "assistant", content: [], tool_plan: "", tool_calls: [], citations: [] } },
  });
  let index = 0;
  if (c.reasoning) {
    yield emit("content-start", {
      index,
      delta: { message: { content: { type: "thinking", thinking: "" } } },
    });
    for (const thinking of c.reasoning) {
      yield emit("content-delta", { index, delta: { message: { content: { thinking } } } });
    }
    yield emit("content-end", { index });
    index++;
  }
  if (c.toolCalls.length > 0) {
    for (const tool_plan of toolPlan(reply))
      yield emit("tool-plan-delta", { delta: { message: { tool_plan } } });
    for (let i = 0; i < c.toolCalls.length; i++) {
      const t = c.toolCalls[i]!;
      const start = {
        id: callId(t.name, t.key),
        type: "function",
        function: { name: t.name, arguments: "" },
      };
      yield emit("tool-call-start", { index: i, delta: { message: { tool_calls: start } } });
      for (const args of t.pieces) {
        yield emit("tool-call-delta", {
          index: i,
          delta: { message: { tool_calls: { function: { arguments: args } } } },
        });
      }
      yield emit("tool-call-end", { index: i });
    }
  } else {
    yield emit("content-start", { index, delta: { message: { content: { type: "text", text: "" } } } });
    for (const text of c.content)
      yield emit("content-delta", { index, delta: { message: { content: { text } } } });
    if (rich) {
      yield emit("citation-start", { index: 0, delta: { message: { citations: citation(reply) } } });
      yield emit("citation-end", { index: 0 });
    }
    yield emit("content-end", { index });
  }
  yield emit("message-end", { delta: { finish_reason: finishOf(reply), usage: usage(reply) } });
}

export const cohere: MockFormat = {
  name: "cohere",
  method: "POST",
  match: (path) => (path.endsWith("/v2/chat") ? "chat" : null),
  read(body) {
    const thinking = body.thinking as { type?: unknown } | undefined;
    return {
      model: str(body.model, "command-a-03-2025"),
      lastUser: lastUserText(body.messages),
      stream: body.stream === true,
      reasoning: thinking?.type === "enabled",
      tools: readTools(body.tools),
      n: 1,
      includeUsage: true,
      ...maxTokens(body.max_tokens),
    };
  },
  contentType: () => SSE_TYPE,
  stream(reply, _view, ctx) {
    const id = uuid(reply);
    const c = reply.choices[0]!;
    let estimate = 4 + c.content.count + (c.reasoning ? c.reasoning.count + 2 : 0);
    for (const t of c.toolCalls) estimate += 4 + t.pieces.count;
    return {
      events: { [Symbol.iterator]: () => events(reply, id, ctx.knobs.rich) },
      estimate,
      errorEvent: () =>
        sse(
          {
            type: "message-end",
            delta: {
              error: "internal server error, this has been reported to our developers",
              finish_reason: "ERROR",
            },
          },
          "message-end",
        ),
      comment: ": OPENROUTER PROCESSING\n\n",
    };
  },
  json(reply, _view, ctx) {
    const c = reply.choices[0]!;
    const content: Record<string, unknown>[] = [];
    if (c.reasoning) content.push({ type: "thinking", thinking: c.reasoning.text() });
    const message: Record<string, unknown> = { role: "assistant", content };
    if (c.toolCalls.length > 0) {
      message.tool_plan = toolPlan(reply).join("");
      message.tool_calls = c.toolCalls.map((t) => ({
        id: callId(t.name, t.key),
        type: "function",
        function: { name: t.name, arguments: t.arguments },
      }));
    } else {
      content.push({ type: "text", text: c.content.text() });
      if (ctx.knobs.rich) message.citations = [citation(reply)];
    }
    return { id: uuid(reply), message, finish_reason: finishOf(reply), usage: usage(reply) };
  },
  httpError: cohereError,
};
