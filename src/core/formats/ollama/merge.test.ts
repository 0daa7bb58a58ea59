import { describe, expect, it } from "vitest";
import { foldPayloads, jsonEvent } from "../../../../test/helpers/fold.js";
import { ollama } from "./index.js";

const fold = (lines: unknown[], url?: string) =>
  foldPayloads(ollama, lines, url === undefined ? {} : { ctx: { url } }).reply;

describe("ollama fold", () => {
  it("names the endpoint from the URL, and merges by shape without one", () => {
    expect(fold([{ response: "a" }], "http://h:11434/api/generate?x=1").meta["endpoint"]).toBe(
      "/api/generate",
    );
    const noUrl = fold([
      { response: "a", done: false },
      { message: { content: "b" }, done: false },
    ]);
    expect(noUrl.meta["endpoint"]).toBeUndefined();
    expect(noUrl.choices[0]?.content).toBe("ab");
  });

  it("keeps string tool arguments as they came and compacts object ones", () => {
    const reply = fold([
      { message: { tool_calls: [{ function: { name: "a", arguments: '{"x": 1}' } }] } },
      { message: { tool_calls: [{ function: { name: "b", arguments: { y: [1, 2] } } }] } },
    ]);
    expect(reply.choices[0]?.toolCalls.map((t) => t.arguments)).toEqual(['{"x": 1}', '{"y":[1,2]}']);
  });

  it("ends on done:true even without done_reason or counts (older servers)", () => {
    const reply = fold([{ message: { content: "x" }, done: false }, { done: true }]);
    expect(reply.ended).toBe(true);
    expect(reply.choices[0]?.finishReason).toBeNull();
    expect(reply.usage).toBeNull();
  });

  it("never throws on arbitrary JSON shapes in every field", () => {
    const junk: unknown[] = [null, 0, 1.5, "x", true, [], {}, [null], { a: 1 }];
    const state = ollama.init({ url: "/api/chat" });
    for (const a of junk) {
      for (const b of junk) {
        const shapes = [
          a,
          { message: a, response: b, thinking: a, done: b, error: a },
          { message: { content: a, thinking: b, tool_calls: a } },
          { message: { tool_calls: [a, b, { function: a }, { function: { name: a, arguments: b } }] } },
          { done: true, done_reason: a, prompt_eval_count: b, eval_count: a, total_duration: b },
        ];
        for (const json of shapes) expect(() => ollama.step(state, jsonEvent(0, json))).not.toThrow();
      }
    }
  });
});

describe("ollama think tags in the answer text", () => {
  it("splits <think> out of content even when a tag straddles lines", () => {
    const reply = fold([
      { message: { content: "<think>a</thi" } },
      { message: { content: "nk>b" } },
      { done: true },
    ]);
    expect(reply.choices[0]).toMatchObject({ reasoning: "a", content: "b" });
  });

  it("flags a closing tag that comes after answer text was shown", () => {
    const reply = fold([{ response: "x" }, { response: "</think>y" }, { done: true }]);
    expect(reply.choices[0]?.content).toBe("xy");
    expect(reply.anomalies.map((a) => a.code)).toEqual(["out-of-order"]);
  });

  it("flushes a held partial tag when the body ends without done", () => {
    const reply = fold([{ response: "a <thi" }]);
    expect(reply.choices[0]?.content).toBe("a <thi");
    expect(reply.ended).toBe(false);
  });
});
