import { describe, expect, it } from "vitest";
import { DEFAULT_KNOBS, isKnobError, knobs, readKnobs } from "./knobs.js";
import { createRng } from "./random.js";
import { chop, makePieces } from "./text.js";

const read = (query: string, headers: Record<string, string> = {}) =>
  readKnobs(new URLSearchParams(query), headers);

describe("readKnobs", () => {
  it("reads query parameters and x-mock-* headers; the query wins", () => {
    expect(read("delay=5", { "x-mock-delay": "9", "x-mock-seed": "abc" })).toMatchObject({
      delay: 5,
      seed: "abc",
    });
  });

  it("keeps a lively default pace, and delay=0 alone means no pause at all", () => {
    expect(read("")).toMatchObject({ delay: DEFAULT_KNOBS.delay, jitter: 12 });
    expect(read("delay=0")).toMatchObject({ delay: 0, jitter: 0, ttft: 0 });
    expect(read("")).toMatchObject({ ttft: 180 });
    expect(read("delay=50")).toMatchObject({ ttft: 50 });
    expect(read("delay=0&ttft=900")).toMatchObject({ ttft: 900 });
    expect(read("delay=0&jitter=4")).toMatchObject({ delay: 0, jitter: 4 });
  });

  it("reads positions, flags and counts", () => {
    expect(read("cut=mid&error=7&at=3&tools=1&reasoning=off&events=100000&comments=2")).toMatchObject({
      cut: "mid",
      error: 7,
      at: 3,
      tools: true,
      reasoning: false,
      events: 100000,
      comments: 2,
    });
    expect(read("cut")).toMatchObject({ cut: "mid" });
  });

  it("refuses bad values with a message naming the knob and what it expects", () => {
    for (const [q, message] of [
      ["fault=200", 'mock knob fault="200": expected an HTTP error status 400..599'],
      ["tools=maybe", 'mock knob tools="maybe": expected 0 or 1'],
      ["length=-1", 'mock knob length="-1": expected an integer 0..100000'],
    ] as const) {
      let error: unknown;
      try {
        read(q);
      } catch (e) {
        error = e;
      }
      expect(isKnobError(error), q).toBe(true);
      expect((error as Error).message).toBe(message);
    }
  });

  it("documents every knob it reads", () => {
    expect(knobs.map((k) => k.name).sort()).toEqual(Object.keys(DEFAULT_KNOBS).sort());
  });
});

describe("text generator", () => {
  it("is a function of its seed, and re-iterable", () => {
    const a = makePieces(42, "answer", "sse", { sentences: 4 });
    expect(a.text()).toBe(makePieces(42, "answer", "sse", { sentences: 4 }).text());
    expect(Array.from(a).join("")).toBe(a.text());
    expect(a.text()).not.toBe(makePieces(43, "answer", "sse", { sentences: 4 }).text());
  });

  it("yields exactly the requested number of pieces", () => {
    const p = makePieces(1, "answer", "x", { pieces: 1234 });
    expect(p.count).toBe(1234);
    expect(Array.from(p)).toHaveLength(1234);
  });

  it("counts sentences in pieces and ends the last one with a full stop", () => {
    const p = makePieces(7, "answer", "streams", { sentences: 3 });
    expect(p.count).toBe(Array.from(p).length);
    expect(p.text()).toMatch(/^Here is a short answer about streams\..*[.!?"]$/s);
  });

  it("never splits a surrogate pair when chopping tool arguments (seed 99)", () => {
    const text = '{"note":"☕🙂 naïve 𝄞"}';
    const parts = chop(createRng(99), text, 3);
    expect(parts.join("")).toBe(text);
    for (const p of parts) expect(p).not.toMatch(/[\uD800-\uDBFF]$|^[\uDC00-\uDFFF]/);
  });
});
