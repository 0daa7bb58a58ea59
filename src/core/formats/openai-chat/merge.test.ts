import { describe, expect, it } from "vitest";
import {
  foldPayloads,
  type JsonEvent,
  type JsonVocabulary,
  jsonEvent,
  randomJson,
} from "../../../../test/helpers/fold.js";
import { mulberry32 } from "../../../../test/helpers/split.js";
import { openaiChat } from "./index.js";

/** `"[DONE]"` stands for the `data: [DONE]` sentinel; anything else is a JSON chunk. */
function event(index: number, payload: unknown): JsonEvent {
  if (payload !== "[DONE]") return jsonEvent(index, payload);
  return { ...jsonEvent(index, undefined), data: "[DONE]", raw: "[DONE]", json: undefined };
}

const merge = (payloads: unknown[]) => foldPayloads(openaiChat, payloads, { toEvent: event });

const chunk = (delta: unknown, extra: Record<string, unknown> = {}) => ({
  object: "chat.completion.chunk",
  model: "m",
  choices: [{ index: 0, delta, finish_reason: null }],
  ...extra,
});

describe("openai-chat merge", () => {
  it("keeps Gemini's extra_content thought signatures, and a signature-only tool entry starts no call", () => {
    const sig = (s: string) => ({ google: { thought_signature: s } });
    const { reply } = merge([
      chunk({ content: "Hi", extra_content: sig("s1") }),
      chunk({ tool_calls: [{ extra_content: sig("s2") }] }),
      chunk({
        tool_calls: [{ id: "c1", function: { name: "f", arguments: "{}" }, extra_content: sig("s3") }],
      }),
      "[DONE]",
    ]);
    expect(reply.choices[0]?.signatures).toEqual(["s1", "s2", "s3"]);
    expect(reply.choices[0]?.toolCalls).toEqual([{ id: "c1", name: "f", arguments: "{}" }]);
    expect(reply.anomalies).toEqual([]);
  });

  it("collects logprobs per choice in order and shows them once, at [DONE]", () => {
    const lp = (token: string) => ({ token, logprob: -0.5, bytes: [], top_logprobs: [] });
    const two = (index: number, delta: unknown, logprobs: unknown) => ({
      object: "chat.completion.chunk",
      model: "m",
      choices: [{ index, delta, logprobs, finish_reason: null }],
    });
    const { reply, deltas } = merge([
      two(0, { content: "a" }, { content: [lp("a")], refusal: null }),
      two(1, { refusal: "no" }, { content: null, refusal: [lp("no")] }),
      two(0, { content: "b" }, { content: [lp("b")], refusal: null }),
      two(1, { content: "" }, null),
      "[DONE]",
    ]);
    expect(
      deltas
        .slice(0, 4)
        .flat()
        .some((d) => d.kind === "meta" && d.key === "logprobs"),
    ).toBe(false);
    expect(reply.meta["logprobs"]).toEqual({
      "0": { content: [lp("a"), lp("b")], refusal: null },
      "1": { content: null, refusal: [lp("no")] },
    });
    expect(deltas[5]).toEqual([]); // finish() sends nothing new
  });

  it("counts reasoning once when a host sends the same text as reasoning and reasoning_content (vLLM rename)", () => {
    const { reply } = merge([
      chunk({ reasoning: "ab", reasoning_content: "ab" }),
      chunk({ content: "c" }),
      "[DONE]",
    ]);
    expect(reply.choices[0]).toMatchObject({ reasoning: "ab", content: "c" });
  });

  it("keeps OpenRouter reasoning_details text when the delta has no reasoning string", () => {
    const details = [
      { type: "reasoning.text", text: "x" },
      { type: "reasoning.summary", summary: "y" },
    ];
    const { reply } = merge([chunk({ reasoning: null, reasoning_details: details }), "[DONE]"]);
    expect(reply.choices[0]?.reasoning).toBe("xy");
  });

  it("starts a new call when a known tool index comes back with a different id", () => {
    const call = (id: string, args: string) => ({ index: 0, id, function: { name: "f", arguments: args } });
    const { reply } = merge([
      chunk({ tool_calls: [call("a", "{}")] }),
      chunk({ tool_calls: [call("b", "[]")] }),
      "[DONE]",
    ]);
    expect(reply.choices[0]?.toolCalls).toEqual([
      { id: "a", name: "f", arguments: "{}" },
      { id: "b", name: "f", arguments: "[]" },
    ]);
  });

  it("continues the newer call when later fragments carry only the reused index", () => {
    const first = { index: 0, id: "a", function: { name: "f", arguments: "{}" } };
    const second = { index: 0, id: "b", function: { name: "g", arguments: "[1" } };
    const more = { index: 0, function: { arguments: "]" } };
    const { reply } = merge([
      chunk({ tool_calls: [first] }),
      chunk({ tool_calls: [second] }),
      chunk({ tool_calls: [more] }),
      "[DONE]",
    ]);
    expect(reply.choices[0]?.toolCalls.map((t) => t.arguments)).toEqual(["{}", "[1]"]);
  });

  it("fills the id and name of a call whose first fragment lacked them", () => {
    const early = { index: 2, function: { arguments: "{" } };
    const late = { index: 2, id: "c", function: { name: "h", arguments: "}" } };
    const { reply } = merge([chunk({ tool_calls: [early] }), chunk({ tool_calls: [late] }), "[DONE]"]);
    expect(reply.choices[0]?.toolCalls).toEqual([{ id: "c", name: "h", arguments: "{}" }]);
    expect(reply.anomalies.map((a) => a.code)).toEqual(["unknown-block-index"]);
  });

  it("shows the answer live for ordinary models: content is not held back waiting for tags", () => {
    const { deltas } = merge([chunk({ content: "Hello" })]);
    expect(deltas[0]).toContainEqual({ kind: "content", choice: 0, text: "Hello" });
  });

  it("holds answer text of an R1 model until </think> decides it, then releases it as reasoning", () => {
    const r1 = { model: "deepseek-r1-distill-llama-8b" };
    const { deltas, reply } = merge([
      chunk({ content: "thinking" }, r1),
      chunk({ content: "</think>answer" }, r1),
      "[DONE]",
    ]);
    expect(deltas[0]?.filter((d) => d.kind === "content" || d.kind === "reasoning")).toEqual([]);
    expect(reply.choices[0]).toMatchObject({ reasoning: "thinking", content: "answer" });
  });

  it("stops holding R1 answer text as soon as the host sends a reasoning field", () => {
    const r1 = { model: "deepseek/deepseek-r1" };
    const { deltas } = merge([chunk({ reasoning: "r" }, r1), chunk({ content: "answer" }, r1)]);
    expect(deltas[1]).toContainEqual({ kind: "content", choice: 0, text: "answer" });
  });

  it("takes the usage of Groq's x_groq only when the chunk has no standard usage", () => {
    const usage = { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 };
    const other = { prompt_tokens: 9, completion_tokens: 9, total_tokens: 18 };
    const { reply } = merge([{ choices: [], usage, x_groq: { usage: other } }, "[DONE]"]);
    expect(reply.usage).toMatchObject({ input: 1, output: 2, total: 3 });
  });

  it("merges the deprecated function_call delta as a tool call", () => {
    const { reply } = merge([
      chunk({ function_call: { name: "f", arguments: "" } }),
      chunk({ function_call: { arguments: '{"x":' } }),
      chunk({ function_call: { arguments: "1}" } }),
      "[DONE]",
    ]);
    expect(reply.choices[0]?.toolCalls).toEqual([{ id: null, name: "f", arguments: '{"x":1}' }]);
  });

  it("reports vLLM's error object as an error", () => {
    const { reply } = merge([
      { object: "error", message: "bad request", type: "BadRequestError", code: 400 },
    ]);
    expect(reply.errors).toEqual([{ code: "400", message: "bad request", event: 0 }]);
    expect(reply.anomalies.map((a) => a.code)).toEqual(["missing-end-signal"]);
  });

  it("does not hold answer text for models that only sound like thinking models", () => {
    const { deltas } = merge([chunk({ content: "Hi" }, { model: "gemini-2.0-flash-thinking-exp" })]);
    expect(deltas[0]).toContainEqual({ kind: "content", choice: 0, text: "Hi" });
  });

  it("merges a non-stream reply with Mistral array content and ends it", () => {
    const whole = {
      object: "chat.completion",
      choices: [
        {
          index: 0,
          message: {
            content: [
              { type: "thinking", thinking: [{ type: "text", text: "t" }] },
              { type: "text", text: "a" },
            ],
          },
          finish_reason: "stop",
        },
      ],
    };
    const { reply } = merge([whole]);
    expect(reply.choices[0]).toMatchObject({ reasoning: "t", content: "a", finishReason: "stop" });
    expect(reply.ended).toBe(true);
  });
});

/** The wire's field names and values: random JSON built from them must never make the fold throw. */
const VOCABULARY: JsonVocabulary = {
  keys: [
    "choices",
    "delta",
    "message",
    "index",
    "content",
    "reasoning",
    "reasoning_content",
    "reasoning_details",
    "tool_calls",
    "function",
    "name",
    "arguments",
    "id",
    "type",
    "text",
    "thinking",
    "finish_reason",
    "usage",
    "x_groq",
    "error",
    "refusal",
    "object",
    "model",
    "prompt_tokens",
    "completion_tokens",
    "summary",
    "data",
    "function_call",
    "content_filter_results",
    "filtered",
    "prompt_filter_results",
    "signature",
  ],
  leaves: [
    null,
    true,
    0,
    -1,
    2,
    1.5,
    "",
    "x",
    "<think>",
    "</think>",
    "[DONE]",
    "reasoning.text",
    "reasoning.encrypted",
    "thinking",
    "text",
    "chat.completion",
    "stop",
  ],
  arrayBelow: 0.5,
  maxKeys: 5,
};

describe("openai-chat merge never throws", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`on 300 random wire-shaped payloads (seed ${seed})`, () => {
      const rand = mulberry32(seed);
      const payloads = Array.from({ length: 300 }, () =>
        rand() < 0.05 ? "[DONE]" : randomJson(rand, 6, VOCABULARY),
      );
      const { reply, deltas } = merge(payloads);
      for (const d of deltas.flat()) {
        if ("text" in d) expect(typeof d.text).toBe("string");
        if ("choice" in d) expect(Number.isInteger(d.choice)).toBe(true);
      }
      expect(Array.isArray(reply.choices)).toBe(true);
    });
  }
});
