import { describe, expect, it } from "vitest";
import { foldPayloads, jsonEvent } from "../../../../test/helpers/fold.js";
import { gemini } from "./index.js";
import { applyPartialArgs, newPartialCall, parseJsonPath } from "./partial-args.js";

const fold = (chunks: unknown[]) => foldPayloads(gemini, chunks);

const cand = (parts: unknown[], extra: Record<string, unknown> = {}) => ({
  candidates: [{ content: { role: "model", parts }, index: 0, ...extra }],
});

describe("gemini fold", () => {
  it("keeps a thoughtSignature that sits on a part with no text", () => {
    const { reply } = fold([cand([{ thoughtSignature: "sig" }], { finishReason: "STOP" })]);
    expect(reply.choices[0]).toMatchObject({ content: "", signatures: ["sig"], finishReason: "STOP" });
    expect(reply.anomalies).toEqual([]);
  });

  it("joins text parts with nothing between them and keeps thoughts apart", () => {
    const { reply } = fold([cand([{ text: "a" }, { text: "t", thought: true }, { text: "b" }])]);
    expect(reply.choices[0]).toMatchObject({ content: "ab", reasoning: "t" });
  });

  it("ends only when every candidate seen has a finishReason", () => {
    const { deltas } = fold([
      {
        candidates: [
          { index: 0, content: { parts: [{ text: "x" }] } },
          { index: 1, content: { parts: [{ text: "y" }] } },
        ],
      },
      { candidates: [{ index: 0, finishReason: "STOP" }] },
      { candidates: [{ index: 1, finishReason: "STOP" }] },
    ]);
    expect(deltas[1]?.some((d) => d.kind === "end")).toBe(false);
    expect(deltas[2]?.filter((d) => d.kind === "end")).toHaveLength(1);
  });

  it("does not repeat unchanged meta from chunk to chunk", () => {
    const chunk = { ...cand([{ text: "x" }]), modelVersion: "m", responseId: "r" };
    const { deltas } = fold([chunk, chunk]);
    expect(deltas[0]?.filter((d) => d.kind === "meta")).toHaveLength(2);
    expect(deltas[1]?.filter((d) => d.kind === "meta")).toHaveLength(0);
  });

  it("flags a chunk that is not a GenerateContentResponse, and a usage-only chunk is not one", () => {
    const { reply } = fold([
      { type: "content-delta", index: 0 },
      cand([{ text: "a" }], { finishReason: "STOP" }),
      { usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 } },
    ]);
    expect(reply.anomalies.map((a) => [a.code, a.event])).toEqual([["unknown-event-type", 0]]);
    expect(reply.choices[0]?.content).toBe("a");
    expect(reply.usage?.total).toBe(2);
  });

  it("keeps a candidate's first finishReason: a repeat adds nothing, a different one is flagged", () => {
    const { reply } = fold([
      cand([{ text: "a" }], { finishReason: "STOP" }),
      cand([], { finishReason: "STOP" }),
      cand([], { finishReason: "MAX_TOKENS" }),
    ]);
    expect(reply.choices[0]?.finishReason).toBe("STOP");
    expect(reply.anomalies.map((a) => [a.code, a.event])).toEqual([["second-terminal-event", 2]]);
  });

  it("flags an unknown part kind and keeps it as a step", () => {
    const { reply } = fold([cand([{ hologram: { x: 1 } }])]);
    expect(reply.anomalies.map((a) => a.code)).toEqual(["unknown-block-type"]);
    expect(reply.choices[0]?.steps).toEqual([
      { kind: "hologram", status: "unknown", detail: { hologram: { x: 1 } } },
    ]);
  });

  it("flags partial arguments with a path it cannot use, and keeps the good ones", () => {
    const { reply } = fold([
      cand([{ functionCall: { name: "f", willContinue: true } }]),
      cand([
        {
          functionCall: {
            partialArgs: [
              { jsonPath: "a.b", stringValue: "x" },
              { jsonPath: "$.ok", numberValue: 1 },
            ],
          },
        },
      ]),
    ]);
    expect(reply.anomalies.map((a) => a.code)).toEqual(["invalid-tool-arguments"]);
    expect(reply.choices[0]?.toolCalls).toEqual([{ id: null, name: "f", arguments: '{"ok":1}' }]);
  });

  it("treats a named functionCall without willContinue as a whole call, even while one is open", () => {
    const { reply } = fold([
      cand([{ functionCall: { name: "a", willContinue: true } }]),
      cand([{ functionCall: { name: "b", args: { q: 1 } } }]),
    ]);
    expect(reply.choices[0]?.toolCalls.map((t) => [t.name, t.arguments])).toEqual([
      ["a", "{}"],
      ["b", '{"q":1}'],
    ]);
  });

  it("flags a closing empty functionCall when no streamed call is open, and starts no call", () => {
    const { reply } = fold([cand([{ functionCall: {} }])]);
    expect(reply.choices.flatMap((c) => c.toolCalls)).toEqual([]);
    expect(reply.anomalies.map((a) => a.code)).toEqual(["out-of-order"]);
  });

  it("never throws on arbitrary JSON shapes in every field", () => {
    const junk: unknown[] = [null, 0, -1, 1.5, "x", true, [], {}, [null], { a: 1 }];
    const state = gemini.init({});
    for (const a of junk) {
      for (const b of junk) {
        const shapes = [
          a,
          { candidates: a, usageMetadata: b, promptFeedback: a, error: b },
          { candidates: [a, b] },
          { candidates: [{ index: a, content: b, finishReason: a, citationMetadata: b, safetyRatings: a }] },
          cand([a, b, { text: a, thought: b, thoughtSignature: a }]),
          cand([
            {
              functionCall: {
                name: a,
                args: b,
                partialArgs: [a, { jsonPath: a, stringValue: b }],
                willContinue: true,
              },
            },
          ]),
          cand([
            { functionCall: { partialArgs: a, willContinue: b } },
            { executableCode: a, codeExecutionResult: b },
          ]),
        ];
        for (const json of shapes) expect(() => gemini.step(state, jsonEvent(0, json))).not.toThrow();
      }
    }
  });
});

describe("Vertex partialArgs", () => {
  it("parses dotted, indexed and quoted JSON paths", () => {
    expect(parseJsonPath("$.foo.bar[0].data")).toEqual(["foo", "bar", 0, "data"]);
    expect(parseJsonPath("$['a b'][\"c\"]")).toEqual(["a b", "c"]);
    expect(parseJsonPath("$")).toEqual([]);
    expect(parseJsonPath("foo")).toBeUndefined();
    expect(parseJsonPath("$.a[x]")).toBeUndefined();
  });

  it("continues a string only after a piece that said willContinue", () => {
    const call = newPartialCall(undefined);
    applyPartialArgs(call, [{ jsonPath: "$.s", stringValue: "ab", willContinue: true }]);
    applyPartialArgs(call, [{ jsonPath: "$.s", stringValue: "cd" }]);
    applyPartialArgs(call, [{ jsonPath: "$.s", stringValue: "new" }]);
    expect(call.args).toEqual({ s: "new" });
  });

  it("keeps __proto__ as a plain key instead of changing the prototype", () => {
    const call = newPartialCall({});
    applyPartialArgs(call, [{ jsonPath: "$['__proto__'].x", numberValue: 1 }]);
    expect(Object.getPrototypeOf(call.args)).toBe(Object.prototype);
    expect(JSON.stringify(call.args)).toBe('{"__proto__":{"x":1}}');
  });

  it("reports a path that runs through a scalar", () => {
    const call = newPartialCall({ a: 1 });
    expect(applyPartialArgs(call, [{ jsonPath: "$.a.b", boolValue: true }])).toHaveLength(1);
    expect(call.args).toEqual({ a: 1 });
  });

  it("counts thoughts in usage.output (Gemini leaves them out of candidatesTokenCount) and as usage.reasoning", () => {
    const usage = (u: Record<string, number>) => fold([{ usageMetadata: u }]).reply.usage;
    expect(
      usage({ promptTokenCount: 14, candidatesTokenCount: 9, thoughtsTokenCount: 137, totalTokenCount: 160 }),
    ).toMatchObject({ input: 14, output: 146, reasoning: 137, total: 160 });
    // Thoughts so far, no answer yet; and no thinking at all.
    expect(usage({ thoughtsTokenCount: 76 })).toMatchObject({ output: 76, reasoning: 76 });
    expect(usage({ candidatesTokenCount: 5 })).toMatchObject({ output: 5, reasoning: null });
    expect(usage({ promptTokenCount: 3 })).toMatchObject({ output: null, reasoning: null });
  });
});
