import { describe, expect, it } from "vitest";
import { mulberry32 as rng } from "../../../test/helpers/split.js";
import { createJsonReader, type JsonReader } from "./reader.js";

/** The reader must agree with JSON.parse on every text: same value (key order included) or a SyntaxError. */
function agree(reader: JsonReader, text: string): void {
  let expected: unknown;
  let threw = false;
  try {
    expected = JSON.parse(text);
  } catch {
    threw = true;
  }
  if (threw) {
    expect(() => reader.parse(text), text).toThrow(SyntaxError);
    return;
  }
  const actual = reader.parse(text);
  expect(actual, text).toStrictEqual(expected);
  expect(JSON.stringify(actual), text).toBe(JSON.stringify(expected));
}

const chunk = (content: string, extra = "") =>
  `{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1767225600,"choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}},"logprobs":null,"finish_reason":null}]${extra}}`;

describe("createJsonReader", () => {
  it("learns the envelope from two events and reads the next ones through it", () => {
    const reader = createJsonReader();
    for (const word of ["Hello", " world", ",", " how", " are", " you"]) agree(reader, chunk(word));
    expect(reader.stats).toEqual({ templated: 4, parsed: 2 });
  });

  it("copies the path to each changed value and shares nothing along it", () => {
    const reader = createJsonReader();
    reader.parse(chunk("a"));
    const b = reader.parse(chunk("b")) as { choices: { delta: { content: string } }[] };
    const c = reader.parse(chunk("c")) as { choices: { delta: { content: string } }[] };
    expect(reader.stats.templated).toBe(1);
    expect(c.choices).not.toBe(b.choices);
    expect(c.choices[0]).not.toBe(b.choices[0]);
    expect(c.choices[0]!.delta).not.toBe(b.choices[0]!.delta);
    expect(b.choices[0]!.delta.content).toBe("b");
    expect(c.choices[0]!.delta.content).toBe("c");
  });

  it("decodes escapes in a changed string exactly as JSON.parse does", () => {
    const reader = createJsonReader();
    agree(reader, chunk("a"));
    agree(reader, chunk("b"));
    for (const s of [
      "line\nbreak",
      'say "hi"',
      "back\\slash",
      "é ✓ 😀",
      "\u0000\u001f",
      "a".repeat(40),
      "",
    ]) {
      agree(reader, chunk(s));
    }
    agree(reader, chunk("x").replace('"x"', '"\\u00e9\\/"'));
    expect(reader.stats.templated).toBe(8);
  });

  it("refuses what JSON.parse refuses inside a changed value", () => {
    const reader = createJsonReader();
    agree(reader, chunk("a"));
    agree(reader, chunk("b"));
    const bad = [
      chunk("x").replace('"x"', '"\\x"'), // invalid escape
      chunk("x").replace('"x"', '"\t"'), // raw control character
      chunk("x").replace('"x"', '"a\\"'), // the escape eats the closing quote
      chunk("x").replace('"x"', '"a"b"'),
      chunk("x").slice(0, -1), // truncated
      `${chunk("x")},`, // trailing text
      chunk("x").replace('"x"', '"\\ud83d"'), // a lone surrogate escape is valid JSON
    ];
    for (const text of bad) agree(reader, text);
  });

  it("reads changing integers, and misses on anything that is not a plain JSON integer", () => {
    const reader = createJsonReader();
    const event = (n: string, delta: string) =>
      `{"type":"response.output_text.delta","sequence_number":${n},"output_index":0,"delta":${JSON.stringify(delta)}}`;
    agree(reader, event("1", "a"));
    agree(reader, event("2", "b"));
    for (const n of ["3", "-4", "-0", "0", "9007199254740993", "12345678901234567890"])
      agree(reader, event(n, "c"));
    expect(reader.stats.templated).toBe(6);
    for (const n of ["01", "-", "1.5", "1e3", "-01", "+1", "0x1"]) agree(reader, event(n, "c"));
    expect(
      Object.is((reader.parse(event("-0", "d")) as { sequence_number: number }).sequence_number, -0),
    ).toBe(true);
  });

  it("keeps its envelope across an odd event, and learns a new one when the shape changes", () => {
    const reader = createJsonReader();
    for (const w of ["a", "b", "c", "d"]) agree(reader, chunk(w));
    expect(reader.stats).toEqual({ templated: 2, parsed: 2 });
    agree(reader, chunk("e", ',"usage":{"prompt_tokens":5}')); // one odd event: parsed in full
    agree(reader, chunk("f"));
    agree(reader, chunk("g"));
    expect(reader.stats).toEqual({ templated: 4, parsed: 3 });
    for (let i = 0; i < 10; i++) agree(reader, chunk(`h${i}`, `,"usage":{"prompt_tokens":${i}}`));
    expect(reader.stats.templated).toBeGreaterThanOrEqual(4 + 7);
  });

  it("never lets a __proto__ key through a template as a prototype", () => {
    const reader = createJsonReader();
    const text = (v: string) => `{"__proto__":{"polluted":${JSON.stringify(v)}},"a":${JSON.stringify(v)}}`;
    for (const v of ["x", "y", "z"]) {
      const value = reader.parse(text(v)) as Record<string, unknown>;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.hasOwn(value, "__proto__")).toBe(true);
      agree(reader, text(v));
    }
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("agrees with JSON.parse on duplicated keys (the last one counts)", () => {
    const flat = createJsonReader();
    for (const a of ["x", "y", "z", "w"]) agree(flat, `{"a":${JSON.stringify(a)},"b":1,"a":"k"}`);
    const nested = createJsonReader();
    for (const a of ["x", "y", "z", "w"]) agree(nested, `{"o":{"a":${JSON.stringify(a)}},"o":{"a":"k"}}`);
    const replaced = createJsonReader();
    for (const a of ["x", "y", "z", "w"]) agree(replaced, `{"o":{"a":${JSON.stringify(a)}},"o":5}`);
    const escapedKey = createJsonReader();
    for (const a of ["x", "y", "z", "w"]) agree(escapedKey, `{"a":${JSON.stringify(a)},"\\u0061":"k"}`);
  });

  it("reads a bare string or number stream", () => {
    const reader = createJsonReader();
    for (const t of ['"a"', '"b"', '"c"', '"d\\n"', "1", "2", "3", "true", "null"]) agree(reader, t);
    expect(reader.stats.templated).toBeGreaterThan(0);
  });
});

const HOSTILE = [
  '"',
  "\\",
  "\n",
  "\u0001",
  "\t",
  "0",
  "1",
  "-",
  ".",
  "e",
  "}",
  "]",
  ",",
  ":",
  " ",
  "é",
  "😀",
  "\ud800",
  "u",
  "a",
];

/** A hand-written JSON text, for shapes JSON.stringify cannot produce. */
class Raw {
  constructor(readonly text: string) {}
}

describe("createJsonReader, seeded differential against JSON.parse", () => {
  const shapes: ((s: string, n: number) => unknown)[] = [
    // Repeated keys (JSON.stringify never writes them): the last one counts.
    (s, n) => new Raw(`{"a":${JSON.stringify(s)},"n":${n},"a":{"n":${n}},"n":"${n % 3}"}`),
    (s) => ({ id: "c1", choices: [{ index: 0, delta: { content: s }, finish_reason: null }] }),
    (s) => ({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: s } }),
    (s, n) => ({
      model: "m",
      created_at: `2026-11-24T16:00:${n}Z`,
      message: { role: "assistant", content: s },
      done: false,
    }),
    (s, n) => ({ type: "response.output_text.delta", sequence_number: n, delta: s, logprobs: [] }),
    (s, n) => ({
      candidates: [{ content: { parts: [{ text: s }, { text: s + s }] }, index: 0 }],
      usage: { total: n - 5 },
    }),
  ];
  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}`, () => {
      const rand = rng(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
      const reader = createJsonReader();
      const shape = pick(shapes);
      for (let i = 0; i < 300; i++) {
        let s = "";
        const len = Math.floor(rand() * (rand() < 0.1 ? 40 : 6));
        for (let k = 0; k < len; k++) s += rand() < 0.8 ? pick("abc xyz".split("")) : pick(HOSTILE);
        const value = shape(s, Math.floor(rand() * 2000) - 100);
        let text = value instanceof Raw ? value.text : JSON.stringify(value);
        if (rand() < 0.2) {
          // Damage the text: replace, insert or delete a character anywhere.
          const at = Math.floor(rand() * text.length);
          const op = rand();
          if (op < 0.4) text = text.slice(0, at) + pick(HOSTILE) + text.slice(at + 1);
          else if (op < 0.8) text = text.slice(0, at) + pick(HOSTILE) + text.slice(at);
          else text = text.slice(0, at) + text.slice(at + 1);
        }
        agree(reader, text);
      }
      // Repeated keys are never learnt; every other shape is, most of the time.
      if (shape === shapes[0]) expect(reader.stats.templated).toBe(0);
      else expect(reader.stats.templated).toBeGreaterThan(100);
    });
  }
});
