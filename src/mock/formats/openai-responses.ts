/**
 * OpenAI Responses API (`POST /v1/responses`): `event:` + `data:` pairs with a
 * `sequence_number`, output items (reasoning summary, message, function
 * calls) and no `[DONE]`; the stream ends with `response.completed`, or
 * `response.failed` for the error knob.
 * Shapes: platform.openai.com/docs/api-reference/responses-streaming.
 */
import { type MockReply, modelWantsReasoning, type RequestView } from "../reply.js";
import { topicOf } from "../text.js";
import { lastUserText, maxTokens, readTools, SSE_TYPE, sse, str } from "./common.js";
import { openaiError } from "./openai-chat.js";
import type { MockFormat } from "./types.js";

function usage(reply: MockReply) {
  const u = reply.usage;
  return {
    input_tokens: u.input,
    input_tokens_details: { cached_tokens: u.cached },
    output_tokens: u.output,
    output_tokens_details: { reasoning_tokens: u.reasoning },
    total_tokens: u.input + u.output,
  };
}

function base(reply: MockReply) {
  return {
    id: `resp_${reply.key}`,
    object: "response",
    created_at: reply.created,
    status: "in_progress",
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: reply.model,
    output: [] as unknown[],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: true,
    temperature: 1,
    text: { format: { type: "text" } },
    tool_choice: "auto",
    tools: [],
    top_p: 1,
    truncation: "disabled",
    usage: null as unknown,
    metadata: {},
  };
}

/**
 * Open-weight reasoning models (gpt-oss, served by vLLM or Ollama) stream their raw
 * chain of thought as `reasoning_text` content instead of a summary.
 */
const rawReasoning = (reply: MockReply) => /gpt-oss/i.test(reply.model);

/** The `rich` knob's web search: what was searched and where the answer cites it. */
interface Rich {
  query: string;
  url: string;
  title: string;
}

function citation(rich: Rich, text: string) {
  return {
    type: "url_citation",
    start_index: 0,
    end_index: Math.min(32, text.length),
    url: rich.url,
    title: rich.title,
  };
}

function richOf(view: RequestView, on: boolean): Rich | null {
  if (!on) return null;
  const query = topicOf(view.lastUser);
  return {
    query,
    url: `https://docs.example.com/${query.replace(/[^a-z0-9]+/g, "-")}`,
    title: `Notes on ${query}`,
  };
}

/** The finished output items, as `response.completed` and the JSON reply carry them. */
function outputItems(reply: MockReply, rich: Rich | null): Record<string, unknown>[] {
  const c = reply.choices[0]!;
  const items: Record<string, unknown>[] = [];
  if (c.reasoning) {
    const text = c.reasoning.text();
    items.push(
      rawReasoning(reply)
        ? {
            id: `rs_${reply.key}`,
            type: "reasoning",
            summary: [],
            content: [{ type: "reasoning_text", text }],
          }
        : { id: `rs_${reply.key}`, type: "reasoning", summary: [{ type: "summary_text", text }] },
    );
  }
  if (rich) {
    items.push({
      id: `ws_${reply.key}`,
      type: "web_search_call",
      status: "completed",
      action: { type: "search", query: rich.query },
    });
  }
  const text = c.content.text();
  if (text !== "" || c.toolCalls.length === 0) {
    const annotations = rich ? [citation(rich, text)] : [];
    const part = c.refused
      ? { type: "refusal", refusal: text }
      : { type: "output_text", annotations, logprobs: [], text };
    items.push({
      id: `msg_${reply.key}`,
      type: "message",
      status: c.truncated ? "incomplete" : "completed",
      content: [part],
      role: "assistant",
    });
  }
  for (const t of c.toolCalls) {
    items.push({
      id: `fc_${t.key}`,
      type: "function_call",
      status: "completed",
      arguments: t.arguments,
      call_id: `call_${t.key}`,
      name: t.name,
    });
  }
  return items;
}

function* events(reply: MockReply, counter: { seq: number }, rich: Rich | null): Generator<string> {
  const emit = (type: string, body: Record<string, unknown>) =>
    sse({ type, sequence_number: counter.seq++, ...body }, type);
  const c = reply.choices[0]!;
  const finished = outputItems(reply, rich);
  yield emit("response.created", { response: base(reply) });
  yield emit("response.in_progress", { response: base(reply) });
  for (let output_index = 0; output_index < finished.length; output_index++) {
    const item = finished[output_index]!;
    const item_id = item.id as string;
    const at = { item_id, output_index };
    if (item.type === "web_search_call") {
      yield emit("response.output_item.added", {
        output_index,
        item: { id: item_id, type: item.type, status: "in_progress" },
      });
      yield emit("response.web_search_call.in_progress", at);
      yield emit("response.web_search_call.searching", at);
      yield emit("response.web_search_call.completed", at);
    } else if (item.type === "reasoning" && rawReasoning(reply)) {
      yield emit("response.output_item.added", { output_index, item: { ...item, content: [] } });
      const part = { type: "reasoning_text", text: "" };
      yield emit("response.content_part.added", { ...at, content_index: 0, part });
      for (const delta of c.reasoning!) {
        yield emit("response.reasoning_text.delta", { ...at, content_index: 0, delta });
      }
      const text = c.reasoning!.text();
      yield emit("response.reasoning_text.done", { ...at, content_index: 0, text });
      yield emit("response.content_part.done", { ...at, content_index: 0, part: { ...part, text } });
    } else if (item.type === "reasoning") {
      yield emit("response.output_item.added", { output_index, item: { ...item, summary: [] } });
      yield emit("response.reasoning_summary_part.added", {
        ...at,
        summary_index: 0,
        part: { type: "summary_text", text: "" },
      });
      for (const delta of c.reasoning!) {
        yield emit("response.reasoning_summary_text.delta", { ...at, summary_index: 0, delta });
      }
      const text = c.reasoning!.text();
      yield emit("response.reasoning_summary_text.done", { ...at, summary_index: 0, text });
      yield emit("response.reasoning_summary_part.done", {
        ...at,
        summary_index: 0,
        part: { type: "summary_text", text },
      });
    } else if (item.type === "message" && c.refused) {
      yield emit("response.output_item.added", {
        output_index,
        item: { ...item, status: "in_progress", content: [] },
      });
      const part = { type: "refusal", refusal: "" };
      yield emit("response.content_part.added", { ...at, content_index: 0, part });
      for (const delta of c.content) yield emit("response.refusal.delta", { ...at, content_index: 0, delta });
      const refusal = c.content.text();
      yield emit("response.refusal.done", { ...at, content_index: 0, refusal });
      yield emit("response.content_part.done", { ...at, content_index: 0, part: { ...part, refusal } });
    } else if (item.type === "message") {
      yield emit("response.output_item.added", {
        output_index,
        item: { ...item, status: "in_progress", content: [] },
      });
      const part = { type: "output_text", annotations: [], logprobs: [], text: "" };
      yield emit("response.content_part.added", { ...at, content_index: 0, part });
      for (const delta of c.content) {
        yield emit("response.output_text.delta", { ...at, content_index: 0, delta, logprobs: [] });
      }
      const text = c.content.text();
      const annotations = rich ? [citation(rich, text)] : [];
      for (const [annotation_index, annotation] of annotations.entries()) {
        yield emit("response.output_text.annotation.added", {
          ...at,
          content_index: 0,
          annotation_index,
          annotation,
        });
      }
      yield emit("response.output_text.done", { ...at, content_index: 0, text, logprobs: [] });
      yield emit("response.content_part.done", {
        ...at,
        content_index: 0,
        part: { ...part, annotations, text },
      });
    } else {
      const call = c.toolCalls.find((t) => `fc_${t.key}` === item_id)!;
      yield emit("response.output_item.added", {
        output_index,
        item: { ...item, status: "in_progress", arguments: "" },
      });
      for (const delta of call.pieces) yield emit("response.function_call_arguments.delta", { ...at, delta });
      yield emit("response.function_call_arguments.done", {
        ...at,
        name: call.name,
        arguments: call.arguments,
      });
    }
    yield emit("response.output_item.done", { output_index, item });
  }
  const end = ending(reply);
  yield emit(`response.${end.status}`, {
    response: { ...base(reply), ...end, output: finished, usage: usage(reply) },
  });
}

/** How the response ends: `completed`, or `incomplete` when the output-token limit cut it. */
function ending(reply: MockReply) {
  return reply.choices[0]!.truncated
    ? { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } }
    : { status: "completed" };
}

export const openaiResponses: MockFormat = {
  name: "openai-responses",
  method: "POST",
  match: (path) => (path.endsWith("/responses") ? "responses" : null),
  read(body) {
    const model = str(body.model, "gpt-4.1-mini");
    const input = body.input;
    return {
      model,
      lastUser: typeof input === "string" ? input : lastUserText(input),
      stream: body.stream === true,
      reasoning:
        (body.reasoning !== undefined && body.reasoning !== null) ||
        modelWantsReasoning(model) ||
        /gpt-oss/i.test(model),
      tools: readTools(body.tools),
      n: 1,
      includeUsage: true,
      ...maxTokens(body.max_output_tokens),
    };
  },
  contentType: () => SSE_TYPE,
  stream(reply, view, ctx) {
    const counter = { seq: 0 };
    const rich = richOf(view, ctx.knobs.rich);
    const c = reply.choices[0]!;
    let estimate = 8 + c.content.count + (c.reasoning ? c.reasoning.count + 6 : 0);
    for (const t of c.toolCalls) estimate += 3 + t.pieces.count;
    return {
      events: { [Symbol.iterator]: () => events(reply, counter, rich) },
      estimate,
      errorEvent: () => {
        const error = {
          code: "server_error",
          message: "The server had an error while processing your request.",
        };
        const response = { ...base(reply), status: "failed", error };
        return sse({ type: "response.failed", sequence_number: counter.seq++, response }, "response.failed");
      },
      comment: ": OPENROUTER PROCESSING\n\n",
    };
  },
  json(reply, view, ctx) {
    const output = outputItems(reply, richOf(view, ctx.knobs.rich));
    return { ...base(reply), ...ending(reply), output, usage: usage(reply) };
  },
  httpError: openaiError,
};
