import { describe, expect, it } from "vitest";
import {
  foldPayloads,
  type JsonEvent,
  type JsonVocabulary,
  jsonEvent,
  randomJson,
} from "../../../../test/helpers/fold.js";
import { mulberry32 } from "../../../../test/helpers/split.js";
import { openaiResponses } from "./index.js";

/** Each payload under the SSE `event:` name its `type` gives (as the API sends it). */
function event(index: number, json: unknown): JsonEvent {
  const type = (json as { type?: unknown } | null)?.type;
  return jsonEvent(index, json, typeof type === "string" ? type : "message");
}

const merge = (payloads: unknown[]) => foldPayloads(openaiResponses, payloads, { toEvent: event });

const added = (item: Record<string, unknown>, output_index = 0) => ({
  type: "response.output_item.added",
  output_index,
  item,
});
const completed = { type: "response.completed", response: { status: "completed", output: [] } };

describe("openai-responses merge", () => {
  it("fills text that a done event has but the deltas missed", () => {
    const { reply } = merge([
      added({ id: "m", type: "message" }),
      { type: "response.output_text.delta", item_id: "m", content_index: 0, delta: "Hel" },
      { type: "response.output_text.done", item_id: "m", content_index: 0, text: "Hello" },
      completed,
    ]);
    expect(reply.choices[0]?.content).toBe("Hello");
    expect(reply.anomalies).toEqual([]);
  });

  it("keeps the deltas and reports it when the done text disagrees with them", () => {
    const { reply } = merge([
      added({ id: "m", type: "message" }),
      { type: "response.output_text.delta", item_id: "m", delta: "abc" },
      { type: "response.output_text.done", item_id: "m", text: "xyz" },
      completed,
    ]);
    expect(reply.choices[0]?.content).toBe("abc");
    expect(reply.anomalies.map((a) => a.code)).toEqual(["out-of-order"]);
  });

  it("replaces streamed arguments that disagree with the done arguments", () => {
    const { reply } = merge([
      added({ id: "fc", type: "function_call", call_id: "c", name: "f", arguments: "" }),
      { type: "response.function_call_arguments.delta", item_id: "fc", delta: '{"a"' },
      { type: "response.function_call_arguments.done", item_id: "fc", arguments: '{"b":1}' },
      completed,
    ]);
    expect(reply.choices[0]?.toolCalls).toEqual([{ id: "c", name: "f", arguments: '{"b":1}' }]);
    expect(reply.anomalies.map((a) => a.code)).toEqual(["out-of-order"]);
  });

  it("takes a finished item's text when nothing was streamed for it, without doubling streamed text", () => {
    const { reply } = merge([
      added({ id: "m", type: "message" }),
      { type: "response.output_text.delta", item_id: "m", content_index: 0, delta: "one" },
      {
        type: "response.output_item.done",
        output_index: 0,
        item: {
          id: "m",
          type: "message",
          content: [
            { type: "output_text", text: "one" },
            { type: "output_text", text: " two" },
          ],
        },
      },
      completed,
    ]);
    expect(reply.choices[0]?.content).toBe("one two");
  });

  it("completes an item from the final response when its last deltas and done events are missing", () => {
    const item = { id: "m", type: "message", content: [{ type: "output_text", text: "Hello world" }] };
    const { reply } = merge([
      added({ id: "m", type: "message" }),
      { type: "response.output_text.delta", item_id: "m", content_index: 0, delta: "Hello" },
      { type: "response.completed", response: { status: "completed", output: [item] } },
    ]);
    expect(reply.choices[0]?.content).toBe("Hello world");
  });

  it("joins reasoning from separate items with a blank line", () => {
    const { reply } = merge([
      added({ id: "r1", type: "reasoning" }),
      { type: "response.reasoning_text.delta", item_id: "r1", content_index: 0, delta: "a" },
      added({ id: "r2", type: "reasoning" }, 1),
      { type: "response.reasoning_summary_text.delta", item_id: "r2", summary_index: 0, delta: "" },
      { type: "response.reasoning_summary_text.delta", item_id: "r2", summary_index: 0, delta: "b" },
      completed,
    ]);
    expect(reply.choices[0]?.reasoning).toBe("a\n\nb");
  });

  it("adopts an item added after its first delta, filling the call's id and name", () => {
    const { reply } = merge([
      { type: "response.function_call_arguments.delta", item_id: "fc", output_index: 0, delta: "{}" },
      added({ id: "fc", type: "function_call", call_id: "c", name: "f", arguments: "" }),
      completed,
    ]);
    expect(reply.choices[0]?.toolCalls).toEqual([{ id: "c", name: "f", arguments: "{}" }]);
    expect(reply.anomalies.map((a) => a.code)).toEqual(["delta-before-start"]);
  });

  it("reports a second whole Response and ignores it", () => {
    const whole = { object: "response", status: "completed", output: [] };
    const { reply } = merge([whole, whole]);
    expect(reply.ended).toBe(true);
    expect(reply.choices[0]?.finishReason).toBe("completed");
    expect(reply.anomalies.map((a) => a.code)).toEqual(["second-terminal-event"]);
  });
});

const TYPES = [
  "response.created",
  "response.output_item.added",
  "response.output_item.done",
  "response.output_text.delta",
  "response.output_text.done",
  "response.refusal.delta",
  "response.function_call_arguments.delta",
  "response.function_call_arguments.done",
  "response.reasoning_summary_text.delta",
  "response.reasoning_text.done",
  "response.output_text.annotation.added",
  "response.web_search_call.searching",
  "response.mcp_call_arguments.delta",
  "response.custom_tool_call_input.done",
  "response.completed",
  "response.incomplete",
  "response.failed",
  "error",
  "response.unknown",
];

/** The wire's field names and values: random JSON built from them must never make the fold throw. */
const VOCABULARY: JsonVocabulary = {
  keys: [
    "type",
    "item",
    "item_id",
    "output_index",
    "content_index",
    "summary_index",
    "delta",
    "text",
    "refusal",
    "arguments",
    "input",
    "code",
    "response",
    "output",
    "status",
    "usage",
    "error",
    "id",
    "content",
    "summary",
    "annotations",
    "encrypted_content",
    "call_id",
    "name",
    "incomplete_details",
    "reason",
    "message",
    "sequence_number",
  ],
  leaves: [
    null,
    true,
    0,
    1,
    -3,
    2.5,
    "",
    "m",
    "fc",
    "message",
    "function_call",
    "reasoning",
    "output_text",
    "web_search_call",
    ...TYPES,
  ],
  arrayBelow: 0.45,
  maxKeys: 6,
};

describe("openai-responses merge never throws", () => {
  for (const seed of [11, 12, 13, 14, 15]) {
    it(`on 300 random wire-shaped events (seed ${seed})`, () => {
      const rand = mulberry32(seed);
      const payloads = Array.from({ length: 300 }, () => {
        const j = randomJson(rand, 5, VOCABULARY);
        if (rand() < 0.7 && typeof j === "object" && j !== null && !Array.isArray(j))
          (j as Record<string, unknown>)["type"] = TYPES[Math.floor(rand() * TYPES.length)];
        return j;
      });
      const { reply, deltas } = merge(payloads);
      for (const d of deltas.flat()) if ("text" in d) expect(typeof d.text).toBe("string");
      expect(Array.isArray(reply.choices)).toBe(true);
    });
  }
});
