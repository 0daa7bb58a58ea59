/**
 * The linear-time I-Regexp matcher behind JSONPath `match()`/`search()`:
 * catastrophic patterns finish, and on ordinary patterns it agrees with
 * JavaScript's backtracking RegExp (a differential test over seeded inputs).
 */
import { describe, expect, it } from "vitest";
import {
  compileIRegexp,
  compilePath,
  compileRule,
  createPathEnvironment,
  MAX_INPUT,
} from "../../src/core/rules/index.js";
import { mulberry32 } from "../helpers/split.js";

function re(pattern: string) {
  const r = compileIRegexp(pattern);
  if (typeof r === "string") throw new Error(`refused ${pattern}: ${r}`);
  return r;
}

describe("catastrophic patterns do not hang", () => {
  // Each of these takes exponential time in a backtracking engine on these inputs.
  const evil = ["(a+)+$", "(a|a)*b", "(a*)*b", "(a|aa)+$", "([a-z]+)*[0-9]", "(.*a){20}b"];
  const input = "a".repeat(20_000) + "!";

  it.each(evil)("search(%s) on 20,001 characters answers", (pattern) => {
    expect(re(pattern).search(input)).toBe(false);
  });

  it("through a JSONPath filter, on a string that would take 2^30 backtracking steps", () => {
    const env = createPathEnvironment();
    const doc = [{ s: "a".repeat(30) + "!" }, { s: "aaa" }];
    expect(env.query("$[?match(@.s, '(a+)+')]", doc).values()).toEqual([{ s: "aaa" }]);
    expect(env.query("$[?search(@.s, '(a+)+$')]", doc).values()).toEqual([{ s: "aaa" }]);
  });

  it("an input over the length bound gives up and says so through the rule's notes", () => {
    const rule = compileRule({ content: "$.t", when: "?search(@.s, 'b')" });
    if (!rule.ok) throw new Error("refused");
    const f = rule.rule.format;
    const state = f.init({});
    const big = "a".repeat(MAX_INPUT + 1);
    const ev = { index: 0, type: "message", data: "", id: "", raw: "", start: 0, end: 0, t: null, chunk: 0 };
    f.step(state, { ...ev, json: { s: big, t: "x" } });
    const notes = f.finish(state).filter((d) => d.kind === "note");
    expect(notes.map((d) => (d.kind === "note" ? d.text : ""))).toContainEqual(
      expect.stringMatching(/search\(\) gave up on a 1000001-character string/),
    );
  });

  it("a pattern that would need too many states is invalid (match() is false), not slow", () => {
    expect(typeof compileIRegexp("(a{1000}){1000}")).toBe("string");
    const env = createPathEnvironment();
    expect(env.query("$[?match(@, '(a{1000}){1000}')]", ["a"]).values()).toEqual([]);
  });
});

describe("agrees with RegExp on ordinary patterns (seeded inputs)", () => {
  const patterns = [
    "a*b",
    "(a|b)*",
    "a{2,3}",
    "[^a]b?",
    "(ab|a)*b",
    ".+",
    "a{0,2}b{1,}",
    "[a-c]+",
    "\\p{L}+",
    "[\\-a]+",
    "a|",
    "(a|b)c?\\.",
    "^ab",
    "b$",
    "[a-c\\n]*",
    "x?",
  ];
  const alphabet = ["a", "b", "c", ".", "\n", "-", "x", "Ж", "𐄁"];

  it.each(patterns)("pattern %s, seed 1234", (pattern) => {
    const rand = mulberry32(1234);
    const ours = re(pattern);
    const full = new RegExp(`^(?:${pattern})$`, "u");
    const partial = new RegExp(pattern, "u");
    for (let k = 0; k < 300; k++) {
      let s = "";
      const len = Math.floor(rand() * 8);
      for (let j = 0; j < len; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
      // I-Regexp's `.` excludes only \n and \r, like the u-flag RegExp without `s`.
      expect(ours.full(s), `full ${JSON.stringify(s)}`).toBe(full.test(s));
      expect(ours.search(s), `search ${JSON.stringify(s)}`).toBe(partial.test(s));
    }
  });

  it("refuses what I-Regexp does not have", () => {
    for (const bad of ["(?:a)", "a(?=b)", "\\d", "\\1", "[]", "a{2,1}", "*a", "a)", "\\p{Xx}", "[b-a]"]) {
      expect(typeof compileIRegexp(bad), bad).toBe("string");
    }
  });

  it("compilePath still refuses a syntactically bad query around a good regex", () => {
    expect(compilePath("$[?match(@, 'a')").ok).toBe(false);
  });
});
