import { describe, expect, it } from "vitest";
import { foldPayloads, jsonEvent } from "../../../../test/helpers/fold.js";
import { cohere } from "./index.js";

const fold = (events: unknown[]) => foldPayloads(cohere, events).reply;

const start = { type: "message-start", id: "m" };

describe("cohere fold", () => {
  it("merges text of a content block declared as thinking as reasoning", () => {
    const reply = fold([
      start,
      { type: "content-start", index: 0, delta: { message: { content: { type: "thinking" } } } },
      { type: "content-delta", index: 0, delta: { message: { content: { text: "hmm" } } } },
    ]);
    expect(reply.choices[0]).toMatchObject({ content: "", reasoning: "hmm" });
  });

  it("starts the tool plan as its own paragraph after thinking", () => {
    const plan = (tool_plan: string) => ({ type: "tool-plan-delta", delta: { message: { tool_plan } } });
    const reply = fold([
      start,
      { type: "content-start", index: 0, delta: { message: { content: { type: "thinking" } } } },
      { type: "content-delta", index: 0, delta: { message: { content: { thinking: "Need the weather." } } } },
      { type: "content-end", index: 0 },
      plan("I will use"),
      plan(" get_weather."),
    ]);
    expect(reply.choices[0]?.reasoning).toBe("Need the weather.\n\nI will use get_weather.");
    expect(fold([start, plan("Just a plan.")]).choices[0]?.reasoning).toBe("Just a plan.");
  });

  it("keeps tool arguments exactly as streamed, whitespace included", () => {
    const reply = fold([
      start,
      {
        type: "tool-call-start",
        index: 0,
        delta: {
          message: { tool_calls: { id: "a", type: "function", function: { name: "f", arguments: "{ " } } },
        },
      },
      {
        type: "tool-call-delta",
        index: 0,
        delta: { message: { tool_calls: { function: { arguments: '"x" : 1 }' } } } },
      },
      { type: "tool-call-end", index: 0 },
    ]);
    expect(reply.choices[0]?.toolCalls).toEqual([{ id: "a", name: "f", arguments: '{ "x" : 1 }' }]);
    expect(reply.anomalies).toEqual([]);
  });

  it("uses the SSE event name when the data has no type", () => {
    const state = cohere.init({});
    const out = cohere.step(state, jsonEvent(0, { delta: { finish_reason: "COMPLETE" } }, "message-end"));
    expect(out).toContainEqual({ kind: "end" });
  });

  it("never throws on arbitrary JSON shapes in every field", () => {
    const junk: unknown[] = [null, 0, 1.5, "x", true, [], {}, [null], { a: 1 }];
    const types = [
      "message-start",
      "content-start",
      "content-delta",
      "content-end",
      "tool-plan-delta",
    ].concat(["tool-call-start", "tool-call-delta", "tool-call-end", "citation-start", "message-end"]);
    const state = cohere.init({});
    for (const a of junk) {
      for (const b of junk) {
        const shapes: unknown[] = [
          a,
          { message: a, finish_reason: b, usage: a, id: b },
          { message: { content: [a, b], tool_calls: [a, b, { function: a }], citations: b, tool_plan: a } },
        ];
        for (const type of types) {
          shapes.push({ type, index: a, delta: b });
          shapes.push({
            type,
            index: 0,
            delta: { message: { content: a, tool_calls: b, tool_plan: a, citations: b } },
          });
          shapes.push({ type, index: 0, delta: { finish_reason: a, usage: b, error: a } });
        }
        for (const json of shapes) expect(() => cohere.step(state, jsonEvent(0, json))).not.toThrow();
      }
    }
  });

  it("v1: ERROR and ERROR_TOXIC are provider errors; ERROR_LIMIT and MAX_TOKENS are truncations", () => {
    const v1 = (reason: string) =>
      fold([
        { event_type: "stream-start", generation_id: "g" },
        { event_type: "stream-end", finish_reason: reason, response: {} },
      ]);
    expect(v1("ERROR_TOXIC").errors).toMatchObject([{ code: "ERROR_TOXIC" }]);
    expect(v1("ERROR").errors).toMatchObject([{ code: "ERROR" }]);
    for (const reason of ["ERROR_LIMIT", "MAX_TOKENS", "COMPLETE"]) {
      const reply = v1(reason);
      expect(reply.errors).toEqual([]);
      expect(reply.choices[0]?.finishReason).toBe(reason);
      expect(reply.ended).toBe(true);
    }
  });

  it("v1: a debug event (the request's prompt) adds nothing and is never out of order", () => {
    const reply = fold([
      { event_type: "debug", prompt: "p" },
      { event_type: "stream-start", generation_id: "g" },
      { event_type: "stream-end", finish_reason: "COMPLETE", response: {} },
      { event_type: "debug", prompt: "p" },
    ]);
    expect(reply.anomalies).toEqual([]);
    expect(reply.choices[0]).toMatchObject({ content: "", finishReason: "COMPLETE" });
  });

  it("v1: a line with both `type` and `event_type` is read as v2", () => {
    const reply = fold([{ type: "message-start", event_type: "stream-start", id: "m" }]);
    expect(reply.meta).toEqual({ id: "m" });
  });

  it("v1: never throws on arbitrary JSON shapes in every field", () => {
    const junk: unknown[] = [null, 0, -1, 1.5, "x", true, [], {}, [null], { a: 1 }];
    const types = ["stream-start", "search-queries-generation", "search-results", "text-generation"].concat([
      "citation-generation",
      "tool-calls-generation",
      "tool-calls-chunk",
      "stream-end",
    ]);
    const state = cohere.init({});
    for (const a of junk) {
      for (const b of junk) {
        for (const event_type of types) {
          const shapes: unknown[] = [
            { event_type, text: a, tool_call_delta: b, tool_calls: a, citations: b },
            { event_type, tool_call_delta: { index: a, name: b, parameters: a, text: b } },
            { event_type, tool_calls: [a, b, { name: a, parameters: b }], generation_id: a },
            { event_type, finish_reason: a, response: b, search_queries: a, search_results: b },
            { event_type, response: { meta: a, response_id: b } },
          ];
          for (const json of shapes) expect(() => cohere.step(state, jsonEvent(0, json))).not.toThrow();
        }
      }
    }
  });
});
