import { describe, expect, it } from "vitest";
import { createBodyPrefix, prettyJson } from "../../src/cli/render/body.js";
import { createReplyWriter } from "../../src/cli/render/reply.js";
import { createStyle, sanitize } from "../../src/cli/render/style.js";
import { summaryText } from "../../src/cli/render/summary.js";
import type { Choice, Delta } from "../../src/core/formats/types.js";
import type { Report } from "../../src/core/pipeline/types.js";

const plain = createStyle({ isTTY: false, env: {} });
const colour = createStyle({ isTTY: true, env: {} });

function render(deltas: Delta[][], choices: Choice[] = [], style = plain): string {
  let out = "";
  const writer = createReplyWriter((t) => {
    out += t;
  }, style);
  for (const d of deltas) writer.deltas(d);
  writer.finish(choices);
  return out;
}

const choice = (over: Partial<Choice>): Choice => ({
  index: 0,
  content: "",
  reasoning: null,
  toolCalls: [],
  finishReason: null,
  refusal: null,
  citations: [],
  steps: [],
  ...over,
});

describe("reply writer", () => {
  it("shows the thinking under its own heading, then the answer under another", () => {
    const text = render([
      [{ kind: "reasoning", choice: 0, text: "Let me " }],
      [{ kind: "reasoning", choice: 0, text: "think." }],
      [{ kind: "content", choice: 0, text: "Hello" }],
      [{ kind: "content", choice: 0, text: " world." }],
    ]);
    expect(text).toBe("thinking\nLet me think.\n\nanswer\nHello world.\n");
  });

  it("puts [redacted thinking] on its own line, not glued to the thinking before it", () => {
    const text = render([
      [{ kind: "reasoning", choice: 0, text: "Let me think." }],
      [{ kind: "reasoning-redacted", choice: 0 }],
      [{ kind: "reasoning", choice: 0, text: "More." }],
      [{ kind: "content", choice: 0, text: "Hi" }],
    ]);
    expect(text).toBe("thinking\nLet me think.\n[redacted thinking]\nMore.\n\nanswer\nHi\n");
  });

  it("writes a plain answer with no heading at all", () => {
    expect(render([[{ kind: "content", choice: 0, text: "Hi" }]])).toBe("Hi\n");
  });

  it("dims the thinking on a terminal, and only the thinking", () => {
    const text = render(
      [[{ kind: "reasoning", choice: 0, text: "hmm" }], [{ kind: "content", choice: 0, text: "ok" }]],
      [],
      colour,
    );
    expect(text).toContain("\x1b[2mhmm\x1b[22m");
    expect(text).toMatch(/ok\n$/);
    expect(text).not.toContain("\x1b[2mok");
  });

  it("streams tool calls with their name and id, arguments as they come", () => {
    const text = render([
      [{ kind: "content", choice: 0, text: "Checking." }],
      [{ kind: "tool-start", choice: 0, key: "0", id: "call_1", name: "get_weather" }],
      [{ kind: "tool-args", choice: 0, key: "0", text: '{"city":' }],
      [{ kind: "tool-args", choice: 0, key: "0", text: '"Paris"}' }],
    ]);
    expect(text).toBe('Checking.\n\ntool call get_weather (call_1)\n{"city":"Paris"}\n');
  });

  it("shows errors and refusals inline", () => {
    const text = render([
      [{ kind: "refusal", choice: 0, text: "I can't." }],
      [{ kind: "error", error: { code: "server_error", message: "boom" } }],
    ]);
    expect(text).toBe("refusal\nI can't.\nerror (server_error): boom\n");
  });

  it("streams one choice live and prints the others whole at the end", () => {
    const text = render(
      [
        [{ kind: "content", choice: 0, text: "A" }],
        [{ kind: "content", choice: 1, text: "B" }],
        [{ kind: "content", choice: 0, text: "A" }],
      ],
      [choice({ index: 0, content: "AA" }), choice({ index: 1, content: "BB" })],
    );
    expect(text).toBe("AA\n\nchoice 1\nBB\n");
  });

  it("labels the live choice when it is not choice 0 (n>1, another choice spoke first)", () => {
    const text = render(
      [[{ kind: "content", choice: 1, text: "B" }], [{ kind: "content", choice: 0, text: "A" }]],
      [choice({ index: 0, content: "A" }), choice({ index: 1, content: "B" })],
    );
    expect(text).toBe("choice 1\nB\n\nchoice 0\nA\n");
  });

  it("shows a generic event as its data, with its type unless `message`", () => {
    let out = "";
    const writer = createReplyWriter((t) => {
      out += t;
    }, plain);
    const event = { index: 0, id: "", raw: "", start: 0, end: 0, t: null, chunk: 0 };
    writer.event({ ...event, type: "message", data: "a" });
    writer.event({ ...event, type: "tick", data: '{"n":1}' });
    writer.finish([]);
    expect(out).toBe('a\ntick: {"n":1}\n');
  });

  it("strips terminal escapes from model text when piped too (plain text, no ANSI codes)", () => {
    const text = render([[{ kind: "content", choice: 0, text: "a\x1b[31mb\x1b[0m" }]], [], plain);
    expect(text).toBe("ab\n");
  });

  it("strips terminal escapes from model text on a terminal", () => {
    const text = render([[{ kind: "content", choice: 0, text: "a\x1b]0;pwned\x07\x1b[31mb" }]], [], colour);
    expect(text).not.toContain("\x1b[31m");
    expect(sanitize("x\x1b[2Jy\rz")).toBe("xyz");
  });
});

describe("style", () => {
  it("is off when piped, with NO_COLOR, TERM=dumb or --no-color", () => {
    expect(createStyle({ isTTY: false, env: {} }).enabled).toBe(false);
    expect(createStyle({ isTTY: true, env: { NO_COLOR: "1" } }).enabled).toBe(false);
    expect(createStyle({ isTTY: true, env: { TERM: "dumb" } }).enabled).toBe(false);
    expect(createStyle({ isTTY: true, env: {}, noColor: true }).enabled).toBe(false);
    expect(createStyle({ isTTY: true, env: { NO_COLOR: "" } }).enabled).toBe(true);
  });
});

describe("bodies that are not streams", () => {
  it("pretty-prints JSON and refuses what is not", () => {
    expect(prettyJson('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyJson("data: x")).toBeNull();
  });

  it("keeps only the first bytes of a body", () => {
    const prefix = createBodyPrefix(4);
    prefix.add(new TextEncoder().encode("ab"));
    prefix.add(new TextEncoder().encode("cdef"));
    expect(prefix.text()).toBe("abcd");
    expect(prefix.truncated).toBe(true);
  });
});

describe("summary", () => {
  const report = (over: Partial<Report> = {}): Report => ({
    status: 200,
    complete: true,
    end: "complete",
    format: "openai-chat",
    detection: { format: "openai-chat", by: "url", evidence: "URL path ends with /chat/completions" },
    framing: "sse",
    errors: [],
    anomalies: [],
    choices: [choice({ content: "hi", finishReason: "stop" })],
    usage: { input: 9, output: 51, reasoning: 30, cached: 0, total: 60, provider: {} },
    metrics: {
      headersMs: 20,
      firstByteMs: 25,
      firstEventMs: 25,
      firstReasoningMs: 30,
      ttftMs: 312,
      totalMs: 1840,
      events: 57,
      comments: 2,
      chunks: 60,
      bytes: 12_600,
      gaps: { maxMs: 2600, p50Ms: 20, p95Ms: 80 },
      stallThresholdMs: 2000,
      stalls: [{ after: 30, ms: 2600, at: 1200 }],
      outputTokensPerSec: 33.3,
      buffering: { suspected: true, bursts: [{ chunk: 40, events: 12, afterMs: 2600, at: 1200 }] },
    },
    notes: ["a note"],
    meta: {},
    ...over,
  });

  it("lists status, finish, usage, timing, events, stalls, buffering, anomalies and notes", () => {
    const text = summaryText(report(), { style: plain, statusText: "OK" });
    expect(text.split("\n").slice(1)).toEqual([
      "status     200 OK · complete",
      "format     openai-chat (url: URL path ends with /chat/completions)",
      "finish     stop",
      "usage      input 9 · output 51 · reasoning 30 · cached 0 · total 60",
      "timing     TTFT 312 ms · first thinking 30 ms · total 1.84 s · headers 20 ms · 33.3 tokens/s",
      "events     57 events · 2 comments · 60 chunks · 12.3 KiB · gaps p50 20 ms, max 2.60 s",
      "stalls     1 stall over 2.00 s (longest 2.60 s)",
      "buffering  suspected: 12 events in one chunk after 2.60 s",
      "anomalies  none",
      "notes      a note",
      "",
    ]);
  });

  it("shows the finish detail beside the finish reason", () => {
    const one = summaryText(
      report({
        complete: false,
        choices: [choice({ finishReason: "incomplete", finishDetail: "max_output_tokens" })],
      }),
      { style: plain },
    );
    expect(one).toContain("finish     incomplete (max_output_tokens)\n");
    const two = summaryText(
      report({
        choices: [
          choice({ finishReason: "refusal", finishDetail: "cyber" }),
          choice({ index: 1, finishReason: "stop" }),
        ],
      }),
      { style: plain },
    );
    expect(two).toContain("finish     0: refusal (cyber) · 1: stop\n");
  });

  it("hints at buffering after a single burst, without calling it suspected", () => {
    const base = report();
    const one = report({
      metrics: {
        ...base.metrics,
        buffering: { suspected: false, bursts: [{ chunk: 5, events: 10, afterMs: 3003, at: 3290 }] },
      },
    });
    const text = summaryText(one, { style: plain, statusText: "OK" });
    expect(text).toContain("\nbuffering  possible: 10 events in one chunk after 3.00 s of silence\n");
    const none = report({ metrics: { ...base.metrics, buffering: { suspected: false, bursts: [] } } });
    expect(summaryText(none, { style: plain })).not.toContain("buffering");
  });

  it("says untimed for a file, and lists errors and a capped number of anomalies", () => {
    const untimed = report({
      status: null,
      complete: false,
      end: "complete",
      errors: [{ code: "server_error", message: "boom", event: 3 }],
      anomalies: Array.from({ length: 7 }, (_, i) => ({
        code: "non-json-data" as const,
        message: `m${i}`,
        event: i,
      })),
    });
    untimed.metrics = { ...untimed.metrics, ttftMs: null, totalMs: null, headersMs: null };
    const text = summaryText(untimed, { style: plain });
    expect(text).toContain("status     incomplete\n");
    expect(text).toContain("timing     untimed\n");
    expect(text).toContain("error      server_error: boom at event 3\n");
    expect(text).toContain("anomalies  non-json-data (event 0): m0\n");
    expect(text).toContain("           … and 2 more (see --json)\n");
  });
});
