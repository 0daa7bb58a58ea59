import { describe, expect, it } from "vitest";
import { createReply } from "./reply.js";

describe("createReply", () => {
  it("keeps choices apart by index and sorts them", () => {
    const r = createReply("openai-chat");
    r.apply({ kind: "content", choice: 1, text: "b" });
    r.apply({ kind: "content", choice: 0, text: "a" });
    r.apply({ kind: "content", choice: 1, text: "B" });
    expect(r.snapshot().choices.map((c) => [c.index, c.content])).toEqual([
      [0, "a"],
      [1, "bB"],
    ]);
  });

  it("reports reasoning as null until some arrives, then keeps it apart from content", () => {
    const r = createReply("anthropic");
    r.apply({ kind: "content", choice: 0, text: "x" });
    expect(r.snapshot().choices[0]?.reasoning).toBeNull();
    r.apply({ kind: "reasoning", choice: 0, text: "hm" });
    expect(r.snapshot().choices[0]).toMatchObject({ content: "x", reasoning: "hm" });
  });

  it("names a tool call from its first fragment and concatenates arguments exactly", () => {
    const r = createReply("openai-chat");
    r.apply({ kind: "tool-start", choice: 0, key: "0", id: "call_1", name: "get", arguments: '{"a"' });
    r.apply({ kind: "tool-start", choice: 0, key: "0", id: "other", name: "renamed" });
    r.apply({ kind: "tool-args", choice: 0, key: "0", text: ": 1 }" });
    r.apply({ kind: "tool-args", choice: 0, key: "1", text: "{}" });
    expect(r.snapshot().choices[0]?.toolCalls).toEqual([
      { id: "call_1", name: "get", arguments: '{"a": 1 }' },
      { id: null, name: null, arguments: "{}" },
    ]);
  });

  it("stamps anomalies and errors with the event they came from", () => {
    const r = createReply("sse");
    r.apply({ kind: "anomaly", anomaly: { code: "non-json-data", message: "m" } }, 4);
    r.apply({ kind: "error", error: { code: "x", message: "boom" } }, 5);
    const s = r.snapshot();
    expect(s.anomalies[0]?.event).toBe(4);
    expect(s.errors[0]?.event).toBe(5);
  });

  it("replaces usage and marks the end with its note", () => {
    const r = createReply("openai-chat");
    const u = { input: 1, output: 2, reasoning: null, cached: null, total: 3 };
    r.apply({ kind: "usage", usage: u, provider: { a: 1 } });
    r.apply({ kind: "usage", usage: { ...u, output: 5 }, provider: { a: 2 } });
    r.apply({ kind: "end", note: "no [DONE]" });
    const s = r.snapshot();
    expect(s.usage).toEqual({ ...u, output: 5, provider: { a: 2 } });
    expect(s.ended).toBe(true);
    expect(s.notes).toEqual(["no [DONE]"]);
  });

  it("returns snapshots that later deltas do not change", () => {
    const r = createReply("openai-chat");
    r.apply({ kind: "tool-start", choice: 0, key: "k", id: "i", name: "n" });
    const before = r.snapshot();
    r.apply({ kind: "tool-args", choice: 0, key: "k", text: "{}" });
    expect(before.choices[0]?.toolCalls[0]?.arguments).toBe("");
  });
});
