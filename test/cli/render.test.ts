import { describe, expect, it } from "vitest";
import { createBodyPrefix, prettyJson } from "../../src/cli/render/body.js";
import { createReplyWriter } from "../../src/cli/render/reply.js";
import { createStyle, sanitize } from "../../src/cli/render/style.js";
import type { Choice, Delta } from "../../src/core/formats/types.js";

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
