import { describe, expect, it } from "vitest";
import { jsonProblem, prettyJson, tokenizeJson } from "./json-text.js";

describe("tokenizeJson", () => {
  it("gives back the text exactly and tells keys from strings", () => {
    const text = '{"model": "gpt", "n": 2, "stream": true, "x": null, "k": {{api_key}}}';
    const tokens = tokenizeJson(text);
    expect(tokens.map((t) => t.text).join("")).toBe(text);
    expect(tokens.filter((t) => t.kind === "key").map((t) => t.text)).toEqual([
      '"model"',
      '"n"',
      '"stream"',
      '"x"',
      '"k"',
    ]);
    expect(tokens.filter((t) => t.kind === "string").map((t) => t.text)).toEqual(['"gpt"']);
    expect(tokens.find((t) => t.kind === "var")?.text).toBe("{{api_key}}");
    expect(tokens.filter((t) => t.kind === "literal").map((t) => t.text)).toEqual(["true", "null"]);
  });
  it("survives broken input: unterminated strings and stray characters", () => {
    const text = '{"a": "b\n  @@ x';
    expect(
      tokenizeJson(text)
        .map((t) => t.text)
        .join(""),
    ).toBe(text);
  });
});

describe("jsonProblem", () => {
  it("accepts valid JSON, empty text and {{placeholders}} as values", () => {
    expect(jsonProblem('{"a": [1, 2]}')).toBeNull();
    expect(jsonProblem("  ")).toBeNull();
    expect(jsonProblem('{"max_tokens": {{max}}, "k": "{{key}}"}')).toBeNull();
  });
  it("says on which line and column the JSON breaks", () => {
    const p = jsonProblem('{\n  "a": 1,\n  "b" 2\n}');
    expect(p).not.toBeNull();
    expect(p?.line).toBe(3);
    expect(p?.column).toBeGreaterThan(1);
  });
});

describe("prettyJson", () => {
  it("indents valid JSON and answers null otherwise", () => {
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson("[DONE]")).toBeNull();
  });
});
