/**
 * OpenAI Chat Completions (`POST /v1/chat/completions`), as OpenAI and the
 * compatible hosts stream it: `data:` chunks, DeepSeek-style
 * `reasoning_content`, tool calls by `index`, interleaved `n>1` choices, the
 * usage chunk with empty `choices`, and `data: [DONE]`.
 * Shapes: platform.openai.com/docs/api-reference/chat-streaming.
 */
import { type MockReply, modelWantsReasoning, type RequestView } from "../reply.js";
import { interleave, lastUserText, maxTokens, readTools, SSE_TYPE, sse, str } from "./common.js";
import {
  azurePrelude,
  choiceExtras,
  choiceSteps,
  finishOf,
  groqUsage,
  logprobsFor,
  type OpenAIHost,
} from "./openai-hosts.js";
import type { ErrorResponse, MockFormat } from "./types.js";

const ERRORS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: "invalid_request_error", code: null, message: "Invalid request." },
  401: {
    type: "invalid_request_error",
    code: "invalid_api_key",
    message:
      "Incorrect API key provided: sk-mock***. You can find your API key at https://platform.openai.com/account/api-keys.",
  },
  404: { type: "invalid_request_error", code: "model_not_found", message: "The model does not exist." },
  429: {
    type: "requests",
    code: "rate_limit_exceeded",
    message: "Rate limit reached for requests. Limit: 3 / min. Please try again in 20s.",
  },
  500: {
    type: "server_error",
    code: null,
    message: "The server had an error while processing your request. Sorry about that!",
  },
};

/** OpenAI's `{"error":{message,type,param,code}}` body with its usual headers. */
export function openaiError(status: number, message?: string): ErrorResponse {
  const e = ERRORS[status] ?? (status >= 500 ? ERRORS[500]! : ERRORS[400]!);
  const headers: Record<string, string> = { "x-request-id": "req_mock" };
  if (status === 429) {
    headers["retry-after"] = "20";
    headers["x-ratelimit-limit-requests"] = "3";
    headers["x-ratelimit-remaining-requests"] = "0";
    headers["x-ratelimit-reset-requests"] = "20s";
  }
  return {
    status,
    headers,
    body: { error: { message: message ?? e.message, type: e.type, param: null, code: e.code } },
  };
}

export function openaiUsage(reply: MockReply) {
  const u = reply.usage;
  return {
    prompt_tokens: u.input,
    completion_tokens: u.output,
    total_tokens: u.input + u.output,
    prompt_tokens_details: { cached_tokens: u.cached, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: u.reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** OpenRouter's mid-stream failure: a chunk with an `error` and `finish_reason: "error"`. */
function openrouterError(reply: MockReply) {
  return {
    id: `gen-${reply.key}`,
    object: "chat.completion.chunk",
    created: reply.created,
    model: reply.model,
    provider: "OpenAI",
    error: { code: 502, message: "Upstream provider error: connection reset" },
    choices: [{ index: 0, delta: { content: "" }, finish_reason: "error", native_finish_reason: "error" }],
  };
}

function* withIndex<T>(index: number, items: Iterable<T>): Generator<[number, T]> {
  for (const item of items) yield [index, item];
}

function* chunks(reply: MockReply, view: RequestView, host: OpenAIHost): Generator<string> {
  const head = {
    id: `chatcmpl-${reply.key}`,
    object: "chat.completion.chunk",
    created: reply.created,
    model: reply.model,
    service_tier: "default",
    system_fingerprint: "fp_mock",
    ...(host === "openrouter" ? { provider: "OpenAI" } : {}),
  };
  if (host === "azure") yield sse(azurePrelude);
  const u = reply.usage;
  let output = 0;
  let reasoning = 0;
  // One chunk is held back so the last can carry Groq's x_groq.
  let held: Record<string, unknown> | null = null;
  const sources = reply.choices.map((c) => withIndex(c.index, choiceSteps(c, host)));
  for (const [index, s] of interleave(reply.rng, sources)) {
    output += s.tokens;
    if (s.reasoning) reasoning += s.tokens;
    const logprobs = view.logprobs && s.text !== undefined ? logprobsFor(reply.rng, s.text) : null;
    const choice = { index, delta: s.delta, logprobs, finish_reason: s.finish, ...choiceExtras(host, s) };
    const chunk: Record<string, unknown> = { ...head, choices: [choice] };
    if (host === "xai") {
      // xAI repeats the usage so far on every chunk; a merger must count it once.
      const so = { ...openaiUsage(reply), completion_tokens: output, total_tokens: u.input + output };
      chunk.usage = {
        ...so,
        completion_tokens_details: { ...so.completion_tokens_details, reasoning_tokens: reasoning },
      };
    } else if (view.includeUsage) chunk.usage = null;
    if (held) yield sse(held);
    held = chunk;
  }
  if (held) {
    if (host === "groq") held.x_groq = groqUsage(reply.key, u.input, u.output, reply.rng);
    yield sse(held);
  }
  if (view.includeUsage) yield sse({ ...head, choices: [], usage: openaiUsage(reply) });
  yield "data: [DONE]\n\n";
}

export const openaiChat: MockFormat = {
  name: "openai-chat",
  method: "POST",
  match: (path) => (path.endsWith("/chat/completions") ? "chat" : null),
  read(body) {
    const model = str(body.model, "gpt-4o-mini");
    const options = body.stream_options as { include_usage?: unknown } | undefined;
    return {
      model,
      lastUser: lastUserText(body.messages),
      stream: body.stream === true,
      reasoning: modelWantsReasoning(model),
      tools: readTools(body.tools),
      n: typeof body.n === "number" && Number.isInteger(body.n) ? body.n : 1,
      includeUsage: options?.include_usage === true,
      logprobs: body.logprobs === true,
      ...maxTokens(body.max_completion_tokens ?? body.max_tokens),
    };
  },
  contentType: () => SSE_TYPE,
  stream(reply, view, ctx) {
    let estimate = 2;
    for (const c of reply.choices) {
      estimate += 2 + c.content.count + (c.reasoning?.count ?? 0);
      for (const t of c.toolCalls) estimate += 1 + t.pieces.count;
    }
    return {
      events: { [Symbol.iterator]: () => chunks(reply, view, (ctx.knobs.host ?? "openai") as OpenAIHost) },
      estimate,
      errorEvent: () =>
        ctx.knobs.host === "openrouter" ? sse(openrouterError(reply)) : sse(openaiError(500).body),
      comment: ": OPENROUTER PROCESSING\n\n",
    };
  },
  json(reply) {
    return {
      id: `chatcmpl-${reply.key}`,
      object: "chat.completion",
      created: reply.created,
      model: reply.model,
      choices: reply.choices.map((c) => {
        const text = c.content.text();
        const message: Record<string, unknown> = {
          role: "assistant",
          content: c.refused ? null : text || null,
        };
        if (c.reasoning) message.reasoning_content = c.reasoning.text();
        if (c.toolCalls.length > 0) {
          message.tool_calls = c.toolCalls.map((t) => ({
            id: `call_${t.key}`,
            type: "function",
            function: { name: t.name, arguments: t.arguments },
          }));
        }
        message.refusal = c.refused ? text : null;
        return { index: c.index, message, logprobs: null, finish_reason: finishOf(c) };
      }),
      usage: openaiUsage(reply),
      service_tier: "default",
      system_fingerprint: "fp_mock",
    };
  },
  httpError: openaiError,
};
