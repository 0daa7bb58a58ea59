import { describe, expect, it } from "vitest";
import { createThinkTagSplitter, type ThinkSegment, type ThinkTagOptions } from "./think-tags.js";

interface Split {
  content: string;
  reasoning: string;
  stray: number;
}

function collect(segments: ThinkSegment[], into: Split): void {
  for (const s of segments) {
    if (s.kind === "stray-close") into.stray++;
    else into[s.kind] += s.text;
  }
}

function run(pieces: string[], options: ThinkTagOptions = {}): Split {
  const splitter = createThinkTagSplitter(options);
  const out: Split = { content: "", reasoning: "", stray: 0 };
  for (const p of pieces) collect(splitter.push(p), out);
  collect(splitter.finish(), out);
  return out;
}

interface Case {
  name: string;
  text: string;
  options?: ThinkTagOptions;
  want: Split;
}

const cases: Case[] = [
  { name: "plain answer", text: "Hello world", want: { content: "Hello world", reasoning: "", stray: 0 } },
  {
    name: "opener at start",
    text: "<think>Let me see.</think>\n\nIt is 4.",
    want: { content: "\n\nIt is 4.", reasoning: "Let me see.", stray: 0 },
  },
  {
    name: "whitespace before opener stays answer",
    text: "\n<think>hm</think>ok",
    want: { content: "\nok", reasoning: "hm", stray: 0 },
  },
  {
    name: "kimi tags",
    text: "◁think▷Kimi thinks◁/think▷Answer",
    want: { content: "Answer", reasoning: "Kimi thinks", stray: 0 },
  },
  {
    name: "missing opener with hold enabled",
    text: "Okay, 2+2.\n</think>\n\nFour.",
    options: { openerMayBeMissing: true },
    want: { content: "\n\nFour.", reasoning: "Okay, 2+2.\n", stray: 0 },
  },
  {
    name: "missing opener without hold: stray closer reported, text stays answer",
    text: "Okay.</think>Four.",
    want: { content: "Okay.Four.", reasoning: "", stray: 1 },
  },
  {
    name: "hold enabled but no tags at all: answer at finish",
    text: "Just an answer, no tags.",
    options: { openerMayBeMissing: true },
    want: { content: "Just an answer, no tags.", reasoning: "", stray: 0 },
  },
  {
    name: "hold enabled and an opener later: held text is answer",
    text: "Intro <think>x</think> outro",
    options: { openerMayBeMissing: true },
    want: { content: "Intro  outro", reasoning: "x", stray: 0 },
  },
  {
    name: "unterminated reasoning stays reasoning",
    text: "<think>cut off mid tho",
    want: { content: "", reasoning: "cut off mid tho", stray: 0 },
  },
  {
    name: "a lookalike tag is answer text",
    text: "<thinker> and <thin",
    want: { content: "<thinker> and <thin", reasoning: "", stray: 0 },
  },
  {
    name: "opener later in the answer",
    text: "A<think>B</think>C<think>D</think>E",
    want: { content: "ACE", reasoning: "BD", stray: 0 },
  },
  {
    name: "less-than signs near tags",
    text: "<<think><</think>><",
    want: { content: "<><", reasoning: "<", stray: 0 },
  },
];

describe("think-tag splitter", () => {
  for (const c of cases) {
    it(`${c.name}: whole`, () => {
      expect(run([c.text], c.options)).toEqual(c.want);
    });

    it(`${c.name}: same result at every split position and for every pair of split positions`, () => {
      const chars = Array.from(c.text); // split between code points, as text deltas are strings
      for (let i = 0; i <= chars.length; i++) {
        const a = chars.slice(0, i).join("");
        expect(run([a, chars.slice(i).join("")], c.options), `split at ${i}`).toEqual(c.want);
        for (let j = i; j <= chars.length; j++) {
          const pieces = [a, chars.slice(i, j).join(""), chars.slice(j).join("")];
          expect(run(pieces, c.options), `split at ${i},${j}`).toEqual(c.want);
        }
      }
    });

    it(`${c.name}: one character at a time`, () => {
      expect(run(Array.from(c.text), c.options)).toEqual(c.want);
    });
  }

  it("holds a partial tag back until the next push decides it", () => {
    const s = createThinkTagSplitter();
    expect(s.push("Hi <")).toEqual([{ kind: "content", text: "Hi " }]);
    expect(s.push("b>")).toEqual([{ kind: "content", text: "<b>" }]);
  });

  it("releases held text as answer when told the host already split reasoning", () => {
    const s = createThinkTagSplitter({ openerMayBeMissing: true });
    expect(s.push("Answer so far")).toEqual([]);
    expect(s.release()).toEqual([{ kind: "content", text: "Answer so far" }]);
    expect(s.push(" more")).toEqual([{ kind: "content", text: " more" }]);
  });

  it("streams reasoning as it arrives once the opener is seen", () => {
    const s = createThinkTagSplitter({ openerMayBeMissing: true });
    expect(s.push("<think>a")).toEqual([{ kind: "reasoning", text: "a" }]);
    expect(s.push("b</thi")).toEqual([{ kind: "reasoning", text: "b" }]);
    expect(s.push("nk>c")).toEqual([{ kind: "content", text: "c" }]);
    expect(s.sawTags).toBe(true);
  });

  it("decides a long hold when the closing tag finally arrives", () => {
    const s = createThinkTagSplitter({ openerMayBeMissing: true });
    for (let i = 0; i < 20_000; i++) s.push("word ");
    const out = s.push("</think>done");
    expect(out).toEqual([
      { kind: "reasoning", text: "word ".repeat(20_000) },
      { kind: "content", text: "done" },
    ]);
  });
});
