/**
 * JSONPath rules end to end over recorded streams: SSE framing (seeded random
 * chunk splits), the rule's fold, and the shared reducer.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createReply } from "../../src/core/formats/reply.js";
import type { Delta, MergedReply } from "../../src/core/formats/types.js";
import { compileRule, parseRule, type RuleSummary, ruleMark } from "../../src/core/rules/index.js";
import { replayEvents } from "../helpers/replay.js";

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, "fixtures", name), "utf8");

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/** Frame `sse` (split at `seed` when given), fold it through the rule, reduce the deltas. */
function run(spec: unknown, sse: string, seed?: number) {
  const compiled = compileRule(spec);
  if (!compiled.ok) throw new Error(`rule refused: ${JSON.stringify(compiled.errors)}`);
  const { format } = compiled.rule;
  const state = format.init({});
  const reply = createReply("custom");
  const perEvent: Delta[][] = [];
  for (const ev of replayEvents(sse, seed).events) {
    const deltas = format.step(state, { ...ev, json: parseJson(ev.data) });
    perEvent.push(deltas);
    for (const d of deltas) reply.apply(d, ev.index);
  }
  const final = format.finish(state);
  for (const d of final) reply.apply(d);
  return { reply: reply.snapshot() as MergedReply, perEvent, final };
}

const SEEDS = [1, 7, 42];

describe("the seed example", () => {
  it.each(SEEDS)("$.choices[0].message.content over 'H' and 'i' gives 'Hi' (split seed %i)", (seed) => {
    const { reply } = run({ content: "$.choices[0].message.content" }, fixture("seed.sse"), seed);
    expect(reply.choices[0]?.content).toBe("Hi");
    expect(reply.format).toBe("custom");
    // No [DONE] and no end condition: the body's end counts, and says so.
    expect(reply.ended).toBe(true);
    expect(reply.notes.join("\n")).toMatch(/no end condition/);
  });

  it("a `when` filter on the event itself decides which events apply", () => {
    const yes = run(
      { content: "$.choices[0].message.content", when: "?@.object == 'chat.completion.chunk'" },
      fixture("seed.sse"),
    );
    expect(yes.reply.choices[0]?.content).toBe("Hi");
    const no = run(
      { content: "$.choices[0].message.content", when: "?@.object == 'other'" },
      fixture("seed.sse"),
    );
    expect(no.reply.choices[0]?.content ?? "").toBe("");
    expect(no.perEvent.map((d) => ruleMark(d)?.reason)).toEqual(["filtered-when", "filtered-when"]);
  });

  it("a `when` query (not a filter) applies where it yields nodes", () => {
    const { reply } = run(
      { content: "$.choices[0].message.content", when: "$.choices[?@.index == 0]" },
      fixture("seed.sse"),
    );
    expect(reply.choices[0]?.content).toBe("Hi");
  });
});

describe("TGI native /generate_stream", () => {
  const spec = JSON.parse(fixture("tgi.rule.json"));

  it.each(SEEDS)("merges tokens, skips the special one, ends on generated_text (seed %i)", (seed) => {
    const { reply, perEvent } = run(spec, fixture("tgi-generate-stream.sse"), seed);
    expect(reply.choices[0]?.content).toBe("Hello, world!");
    expect(reply.choices[0]?.finishReason).toBe("eos_token");
    expect(reply.ended).toBe(true);
    expect(reply.anomalies).toEqual([]);
    // The last event yields the finish reason and the end, and no "</s>".
    expect(perEvent[4]).toContainEqual({ kind: "finish", choice: 0, reason: "eos_token" });
    expect(perEvent[4]).toContainEqual({ kind: "end" });
    expect(perEvent.map((d) => ruleMark(d))).toEqual([null, null, null, null, null]);
  });

  it("reports a missing end when the stream is cut before generated_text", () => {
    const cut = fixture("tgi-generate-stream.sse").split("\n\n").slice(0, 3).join("\n\n") + "\n\n";
    const { reply } = run(spec, cut);
    expect(reply.choices[0]?.content).toBe("Hello, world");
    expect(reply.ended).toBe(false);
    expect(reply.anomalies.map((a) => a.code)).toEqual(["missing-end-signal"]);
    expect(reply.anomalies[0]?.message).toMatch(/end condition .* never matched/);
  });
});

describe("a custom event-typed JSON stream", () => {
  const spec = JSON.parse(fixture("agent.rule.json"));

  it.each(SEEDS)("merges reasoning, content, a tool call and the finish by event name (seed %i)", (seed) => {
    const { reply, perEvent, final } = run(spec, fixture("agent-events.sse"), seed);
    const choice = reply.choices[0]!;
    expect(choice.reasoning).toBe("The user greets me. I greet back.");
    expect(choice.content).toBe("Hello");
    expect(choice.toolCalls).toEqual([{ id: null, name: "lookup", arguments: '{"q":"weather"}' }]);
    expect(choice.finishReason).toBe("stop");
    expect(reply.ended).toBe(true);
    // status and ping are not in `events`: marked so the UI can highlight them.
    expect(ruleMark(perEvent[0]!)).toEqual({ event: 0, extracted: false, reason: "filtered-event" });
    expect(ruleMark(perEvent[4]!)).toEqual({ event: 4, extracted: false, reason: "filtered-event" });
    const summary = final.find((d) => d.kind === "meta")!;
    expect(summary.kind === "meta" && (summary.value as RuleSummary).unmatched).toEqual([0, 4]);
    expect((reply.meta.rule as RuleSummary).extracted).toBe(6);
  });

  it("flags data after the end condition", () => {
    const sse = fixture("agent-events.sse") + 'event: token\ndata: {"delta":{"text":"late"}}\n\n';
    const { reply, perEvent } = run(spec, sse);
    expect(reply.choices[0]?.content).toBe("Hello");
    expect(reply.anomalies.map((a) => a.code)).toEqual(["data-after-terminal"]);
    expect(ruleMark(perEvent.at(-1)!)?.reason).toBe("after-end");
  });
});

describe("what a rule reports", () => {
  it("a path that matches nothing in the whole stream gets a note with paths that do hold text", () => {
    const { reply, perEvent } = run({ content: "$.choices[0].delta.content" }, fixture("seed.sse"));
    expect(reply.choices[0]?.content ?? "").toBe("");
    const note = reply.notes.find((n) => n.includes("matched nothing"));
    expect(note).toContain("content path $.choices[0].delta.content matched nothing in 2 JSON events");
    expect(note).toContain("$.choices[0].message.content");
    expect(perEvent.map((d) => ruleMark(d)?.reason)).toEqual(["no-match", "no-match"]);
  });

  it("matched but empty values are marked `empty`, not `no-match`", () => {
    const sse = 'data: {"text":""}\n\ndata: {"text":null}\n\ndata: {"text":"x"}\n\n';
    const { reply, perEvent } = run({ content: "$.text" }, sse);
    expect(reply.choices[0]?.content).toBe("x");
    expect(perEvent.map((d) => ruleMark(d)?.reason ?? null)).toEqual(["empty", "empty", null]);
  });

  it("multiple matches are appended in order and arrays are joined", () => {
    const sse = 'data: {"parts":[{"t":"a"},{"t":"b"}]}\n\ndata: {"chunks":["c","d"],"n":1}\n\n';
    const r1 = run({ content: "$.parts[*].t" }, sse);
    expect(r1.reply.choices[0]?.content).toBe("ab");
    const r2 = run({ content: "$.chunks" }, sse);
    expect(r2.reply.choices[0]?.content).toBe("cd");
  });

  it("[DONE] ends the stream by default, and non-JSON events are marked", () => {
    const sse = 'data: {"t":"a"}\n\ndata: not json\n\ndata: [DONE]\n\n';
    const { reply, perEvent } = run({ content: "$.t" }, sse);
    expect(reply.ended).toBe(true);
    expect(reply.notes.join()).not.toMatch(/no end condition/);
    expect(ruleMark(perEvent[1]!)?.reason).toBe("not-json");
    expect(ruleMark(perEvent[2]!)).toBeNull();
  });

  it("a stream without JSON gets a note pointing to scripts", () => {
    const { reply } = run({ content: "$.t" }, "data: hello\n\ndata: world\n\n");
    expect(reply.notes.join("\n")).toMatch(/no event carried JSON data.*--script/);
  });
});

describe("compileRule refuses bad rules with field, reason and position", () => {
  it("an invalid content path", () => {
    const r = compileRule({ content: "$.choices[0" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([{ field: "content", message: "unclosed bracketed selection", position: 11 }]);
  });

  it("an invalid filter in `when` reports the position inside the user's text", () => {
    const r = compileRule({ content: "$.a", when: "?@.b ==" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.field).toBe("when");
    expect(r.errors[0]?.position).toBeLessThanOrEqual("?@.b ==".length);
  });

  it("every bad field at once, including shape errors", () => {
    const r = compileRule({
      name: "openai-chat",
      reasoning: 3,
      events: ["ok", 1],
      end: { at: 1 },
      extra: true,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field).sort()).toEqual(
      ["content", "end.at", "events[1]", "extra", "name", "reasoning"].sort(),
    );
  });

  it("an empty event filter is refused rather than silently matching nothing", () => {
    const r = compileRule({ content: "$.a", events: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.field).toBe("events");
  });

  it("a function with the wrong arguments is refused (not 'no match')", () => {
    const r = compileRule({ content: "$[?match(@.a)]" });
    expect(r.ok).toBe(false);
  });

  it("parseRule reports JSON syntax errors on `$`", () => {
    const r = parseRule("{ content: ");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.field).toBe("$");
  });

  it("a non-object rule", () => {
    expect(compileRule("$.a")).toEqual({
      ok: false,
      errors: [{ field: "$", message: "a rule must be a JSON object" }],
    });
  });
});
