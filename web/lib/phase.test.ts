import { describe, expect, it } from "vitest";
import type { Delta } from "../../src/core/formats/types.js";
import { contributions, isAnswer, phaseOf } from "./phase.js";

describe("phaseOf", () => {
  it("tells thinking, answer, tool, usage and error events apart", () => {
    expect(phaseOf([{ kind: "reasoning", choice: 0, text: "hm" }])).toBe("reasoning");
    expect(phaseOf([{ kind: "content", choice: 0, text: "Hi" }])).toBe("answer");
    expect(phaseOf([{ kind: "tool-args", choice: 0, key: "0", text: "{" }])).toBe("tool");
    expect(
      phaseOf([
        {
          kind: "usage",
          usage: { input: 1, output: 2, reasoning: null, cached: null, total: 3 },
          provider: {},
        },
      ]),
    ).toBe("usage");
    expect(phaseOf([{ kind: "error", error: { code: "x", message: "boom" } }])).toBe("error");
    expect(phaseOf([])).toBe("other");
  });
  it("lets the answer win over thinking in an event that carries both", () => {
    const both: Delta[] = [
      { kind: "reasoning", choice: 0, text: "hm" },
      { kind: "content", choice: 0, text: "Hi" },
    ];
    expect(phaseOf(both)).toBe("answer");
  });
});

describe("isAnswer", () => {
  it("counts content, refusal and tool calls but not thinking (TTFT)", () => {
    expect(isAnswer([{ kind: "reasoning", choice: 0, text: "hm" }])).toBe(false);
    expect(isAnswer([{ kind: "refusal", choice: 0, text: "no" }])).toBe(true);
    expect(isAnswer([{ kind: "tool-start", choice: 0, key: "0", id: null, name: "f" }])).toBe(true);
  });
});

describe("contributions", () => {
  it("labels what each delta added, with the choice when not the first", () => {
    expect(
      contributions([
        { kind: "content", choice: 1, text: "B" },
        { kind: "tool-start", choice: 0, key: "0", id: "c1", name: "get_weather" },
        { kind: "finish", choice: 0, reason: "stop" },
        { kind: "usage", usage: { input: 3, output: 5, reasoning: 2, cached: null, total: 8 }, provider: {} },
      ]),
    ).toEqual([
      { part: "text", text: "[1] B" },
      { part: "tool", text: "get_weather(" },
      { part: "finish", text: "finish: stop" },
      { part: "usage", text: "usage in 3 · out 5 · reasoning 2" },
    ]);
  });
});
