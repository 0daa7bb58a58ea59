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
});
