import { describe, expect, it } from "vitest";
import { foldPayloads, jsonEvent } from "../../../../test/helpers/fold.js";
import { anthropic } from "./index.js";

const fold = (events: unknown[]) => foldPayloads(anthropic, events);

const start = (usage: unknown = { input_tokens: 10, output_tokens: 1 }) => ({
  type: "message_start",
  message: { id: "msg_1", model: "m", content: [], usage },
});

describe("anthropic fold", () => {
  it("counts cumulative message_delta usage once: input from message_start, output replaced", () => {
    const { reply } = fold([
      start({ input_tokens: 100, output_tokens: 1, cache_read_input_tokens: 40 }),
      { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 5 } },
      { type: "message_delta", delta: {}, usage: { output_tokens: 9, input_tokens: null } },
      { type: "message_stop" },
    ]);
    expect(reply.usage).toMatchObject({ input: 100, output: 9, cached: 40, total: 109 });
    expect(reply.usage?.provider).toEqual({
      input_tokens: 100,
      output_tokens: 9,
      cache_read_input_tokens: 40,
    });
  });

  it("turns stop_reason refusal into the choice's refusal once, even when message_delta repeats it", () => {
    const refusal = { type: "message_delta", delta: { stop_reason: "refusal" }, usage: { output_tokens: 2 } };
    const { reply } = fold([start(), refusal, refusal, { type: "message_stop" }]);
    expect(reply.choices[0]?.finishReason).toBe("refusal");
    expect(reply.choices[0]?.refusal).toMatch(/^Refused \(stop_reason "refusal"\)/);
    expect(reply.choices[0]?.refusal?.match(/Refused/g)).toHaveLength(1);
  });

  it("keeps the start block's {} as the input of a tool block that got no input_json_delta", () => {
    const { reply } = fold([
      start(),
      {
        type: "content_block_start",
        index: 0,
        content_block: { type: "tool_use", id: "t", name: "n", input: {} },
      },
      { type: "content_block_stop", index: 0 },
    ]);
    expect(reply.choices[0]?.toolCalls).toEqual([{ id: "t", name: "n", arguments: "{}" }]);
  });

  it("streams raw input fragments live, then sets compact JSON at content_block_stop", () => {
    const { reply, deltas } = fold([
      start(),
      {
        type: "content_block_start",
        index: 2,
        content_block: { type: "tool_use", id: "t", name: "n", input: {} },
      },
      {
        type: "content_block_delta",
        index: 2,
        delta: { type: "input_json_delta", partial_json: '{ "a" : ' },
      },
      {
        type: "content_block_delta",
        index: 2,
        delta: { type: "input_json_delta", partial_json: "[1, 2] }" },
      },
      { type: "content_block_stop", index: 2 },
    ]);
    expect(deltas[2]).toEqual([{ kind: "tool-args", choice: 0, key: "2", text: '{ "a" : ' }]);
    expect(deltas[4]).toEqual([{ kind: "tool-args-set", choice: 0, key: "2", arguments: '{"a":[1,2]}' }]);
    expect(reply.choices[0]?.toolCalls[0]?.arguments).toBe('{"a":[1,2]}');
  });

  it("flags a delta that comes before message_start and still merges its text", () => {
    const { reply } = fold([
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "hi" } },
    ]);
    expect(reply.anomalies.map((a) => [a.code, a.event])).toEqual([
      ["delta-before-start", 0],
      ["delta-before-start", 1],
    ]);
    expect(reply.choices[0]?.content).toBe("hi");
  });

  it("flags a delta whose type does not match its block, and a delta after the block stopped", () => {
    const { reply } = fold([
      start(),
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "x" } },
      { type: "content_block_stop", index: 0 },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "late" } },
    ]);
    expect(reply.anomalies.map((a) => a.code)).toEqual(["out-of-order", "out-of-order"]);
  });

  it("uses the SSE event name when the data has no type, but never the default name 'message'", () => {
    const state = anthropic.init({});
    expect(anthropic.step(state, jsonEvent(0, { foo: 1 }, "message_stop"))).toContainEqual({ kind: "end" });
    const untyped = anthropic.step(anthropic.init({}), jsonEvent(0, { foo: 1 }));
    expect(untyped.map((d) => d.kind)).toEqual(["anomaly"]);
  });

  it("leaves non-JSON data to the pipeline (no delta), and flags JSON that is not an object", () => {
    const state = anthropic.init({});
    expect(anthropic.step(state, { ...jsonEvent(0, null), data: "oops", json: undefined })).toEqual([]);
    expect(anthropic.step(state, jsonEvent(1, [1, 2]))[0]).toMatchObject({ kind: "anomaly" });
  });

  it("never throws on arbitrary JSON shapes in every field", () => {
    const junk: unknown[] = [null, 0, -1, 1.5, "x", true, [], {}, [null], { type: 1 }, Number.NaN];
    const types = [
      "message_start",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
      "error",
      "message",
      "ping",
    ];
    const state = anthropic.init({});
    for (const type of types) {
      for (const a of junk) {
        for (const b of junk) {
          const shapes = [
            { type, message: a, usage: b },
            { type, index: a, content_block: b, delta: b },
            { type, index: 0, content_block: { type: a, input: b, text: b }, delta: { type: a, text: b } },
            { type, delta: { type: "input_json_delta", partial_json: a }, index: 0, error: b },
            { type, content: [a, b], usage: a, stop_reason: b },
          ];
          for (const json of shapes) expect(() => anthropic.step(state, jsonEvent(0, json))).not.toThrow();
        }
      }
    }
    expect(() => anthropic.finish(state)).not.toThrow();
  });
});
