/**
 * The parser's records (raw text, byte ranges, arrival time, chunk index) and
 * its typed anomalies. Each test is fed whole and in seeded random splits: a
 * split must never change what is reported.
 */
import { describe, expect, it } from "vitest";
import { replayChunks, replayEvents } from "../../../test/helpers/replay.js";
import { createSseParser } from "./parser.js";
import type { StreamEvent } from "./types.js";

const enc = new TextEncoder();
const SEEDS = [7, 99, 2024];

/** Run the check fed whole and fed in seeded splits of 1..5 bytes. */
function everySplit(input: string | Uint8Array, check: (r: ReturnType<typeof replayEvents>) => void) {
  check(replayEvents(input));
  for (const seed of SEEDS) check(replayEvents(input, seed, { maxChunk: 5 }));
}

describe("event records", () => {
  it("keep raw text and the byte range [start, end) of their block", () => {
    const body = ": hi\ndata: é\r\n\r\nevent: x\ndata: 2\n\n";
    const bytes = enc.encode(body);
    everySplit(bytes, (r) => {
      const [a, b] = r.events;
      expect(a?.raw).toBe(": hi\ndata: é\r\n\r\n");
      expect(a?.start).toBe(0);
      expect(a?.end).toBe(enc.encode(": hi\ndata: é\r\n\r\n").length);
      expect(b?.raw).toBe("event: x\ndata: 2\n\n");
      expect(b?.start).toBe(a?.end);
      expect(b?.end).toBe(bytes.length);
      expect(r.comments).toEqual([
        { text: "hi", start: 0, end: 5, t: expect.any(Number), chunk: expect.any(Number), beforeEvent: 0 },
      ]);
    });
  });

  it("carry t and chunk of the chunk that completed them", () => {
    const r = replayChunks([enc.encode("data: a\n"), enc.encode("\ndata: b"), enc.encode("\n\n")]);
    expect(r.events.map((e) => [e.t, e.chunk])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it("count byte offsets from body offset 0, BOM included", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode("data: x\n\n")]);
    everySplit(bytes, (r) => {
      expect(r.events[0]).toMatchObject({ data: "x", start: 3, end: 12, raw: "data: x\n\n" });
    });
  });

  it("are null-timed when fed without t", () => {
    const events: StreamEvent[] = [];
    const p = createSseParser({ onEvent: (e) => events.push(e) });
    p.feed(enc.encode("data: x\n\n"));
    p.end();
    expect(events[0]?.t).toBeNull();
  });

  it("leave raw empty with keepRaw: false", () => {
    expect(replayEvents("data: x\n\n", undefined, { keepRaw: false }).events[0]?.raw).toBe("");
  });
});

describe("anomalies", () => {
  const codes = (r: ReturnType<typeof replayEvents>) => r.anomalies.map((a) => a.code);

  it("unterminated last event: not dispatched, reported with its raw text and offset", () => {
    everySplit("data: a\n\ndata: partial\nid: 9", (r) => {
      expect(r.events.map((e) => e.data)).toEqual(["a"]);
      expect(codes(r)).toEqual(["unterminated-event"]);
      expect(r.anomalies[0]).toMatchObject({ event: 1, offset: 9 });
      expect(r.anomalies[0]?.message).toContain("data: partial\\nid: 9");
    });
  });

  it("a block with event but no data is reported and not dispatched", () => {
    everySplit("event: ping\n\ndata: x\n\n", (r) => {
      expect(r.events.map((e) => e.data)).toEqual(["x"]);
      expect(r.anomalies).toMatchObject([{ code: "event-without-data", event: 0, offset: 0 }]);
    });
  });

  it("retry with anything but ASCII digits is reported; an empty retry is ignored silently", () => {
    everySplit("retry: 10x\nretry:\nretry: 500\ndata: x\n\n", (r) => {
      expect(r.retry).toBe(500);
      expect(r.anomalies).toMatchObject([{ code: "invalid-retry", offset: 0 }]);
    });
  });

  it("a BOM after offset 0 is reported (a second BOM, concatenated streams)", () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      0xef,
      0xbb,
      0xbf,
      ...enc.encode("data: x\n\ndata: y\n\n"),
    ]);
    everySplit(bytes, (r) => {
      expect(r.events.map((e) => e.data)).toEqual(["y"]);
      expect(r.anomalies).toMatchObject([{ code: "bom-mid-stream", offset: 3 }]);
    });
  });

  it("near-miss field names are reported once per name", () => {
    everySplit("Data: a\ndata : b\nevent : c\nData: d\ndata: ok\n\n", (r) => {
      expect(r.events.map((e) => e.data)).toEqual(["ok"]);
      expect(codes(r)).toEqual(["near-miss-field", "near-miss-field", "near-miss-field"]);
      expect(r.anomalies[1]?.message).toContain('"data "');
    });
  });

  it("unknown fields are reported", () => {
    everySplit("foo: 1\ndata: x\n\n", (r) => {
      expect(r.anomalies).toMatchObject([{ code: "unknown-field", offset: 0, event: 0 }]);
    });
  });

  it("an id containing NUL is ignored and reported", () => {
    everySplit("id: 1\ndata: a\n\nid: x\0y\ndata: b\n\n", (r) => {
      expect(r.events.map((e) => e.id)).toEqual(["1", "1"]);
      expect(r.anomalies).toMatchObject([{ code: "id-with-nul", event: 1, offset: 15 }]);
    });
  });

  it("invalid UTF-8 becomes U+FFFD and is reported at the offending byte", () => {
    const bytes = new Uint8Array([...enc.encode("data: a\n\ndata: b"), 0xff, 0xc3, ...enc.encode("!\n\n")]);
    everySplit(bytes, (r) => {
      expect(r.events.map((e) => e.data)).toEqual(["a", "b\uFFFD\uFFFD!"]);
      expect(r.anomalies).toMatchObject([{ code: "invalid-utf8", event: 1, offset: 16 }]);
    });
  });

  it("a genuine U+FFFD in the text is not invalid UTF-8", () => {
    everySplit("data: \uFFFD\n\n", (r) => {
      expect(r.events[0]?.data).toBe("\uFFFD");
      expect(r.anomalies).toEqual([]);
    });
  });

  it("a UTF-8 sequence split across chunks decodes whole", () => {
    const bytes = enc.encode("data: 日本語😀\n\n");
    for (let cut = 1; cut < bytes.length; cut++) {
      const r = replayChunks([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(r.events[0]?.data).toBe("日本語😀");
      expect(r.anomalies).toEqual([]);
    }
  });

  it("a line over the cap is truncated, reported once, and parsing goes on", () => {
    const long = "x".repeat(100);
    for (const seed of [undefined, ...SEEDS]) {
      const r = replayEvents(`data: ${long}\n\ndata: after\n\n`, seed, { maxEventBytes: 64, maxChunk: 5 });
      expect(r.events.map((e) => e.data.length)).toEqual([expect.any(Number), 5]);
      expect(r.events[0]!.data.length).toBeLessThanOrEqual(64);
      expect(codes(r)).toEqual(["line-too-long"]);
    }
  });

  it("an event over the cap drops further data lines, reported once", () => {
    const body = `${"data: 0123456789\n".repeat(20)}\ndata: next\n\n`;
    for (const seed of [undefined, ...SEEDS]) {
      const r = replayEvents(body, seed, { maxEventBytes: 64, maxChunk: 5 });
      expect(r.events).toHaveLength(2);
      expect(r.events[0]!.data.length).toBeLessThanOrEqual(64);
      expect(r.events[1]!.data).toBe("next");
      expect(codes(r)).toEqual(["event-too-large"]);
    }
  });
});

describe("misuse", () => {
  it("feed after end throws with a hint", () => {
    const p = createSseParser();
    p.end();
    expect(() => p.feed(new Uint8Array([1]))).toThrow(/after end\(\)/);
  });
});

describe("a 50 MB event (issue #3, bad input)", () => {
  it("is capped at maxEventBytes, reported once, and the stream goes on", () => {
    const events: StreamEvent[] = [];
    const codes: string[] = [];
    const p = createSseParser({ onEvent: (e) => events.push(e), onAnomaly: (a) => codes.push(a.code) });
    const x = new Uint8Array(64 * 1024).fill(0x78);
    p.feed(enc.encode("data: "), 0);
    // 800 x 64 KiB = 50 MiB of one data line, fed as a network would deliver it.
    for (let i = 0; i < 800; i++) p.feed(x, i);
    p.feed(enc.encode("\n\ndata: next\n\n"), 801);
    p.end();
    expect(codes).toEqual(["line-too-long"]);
    expect(events.map((e) => e.data.length)).toEqual([8 * 1024 * 1024 - 6, 4]);
    expect(events[0]?.end).toBe(6 + 50 * 1024 * 1024 + 2);
  });
});

describe("byte ranges of multi-byte text", () => {
  it("match the raw text of every event, LF-only and with CRLF, whole and split", () => {
    const words = ["é", "日本語", "😀👍🏽", "x", "données", " "];
    for (const eol of ["\n", "\r\n"]) {
      let body = ": hello 世界" + eol + eol;
      for (let i = 0; i < 40; i++) {
        const text = Array.from({ length: 1 + (i % 7) }, (_, k) => words[(i + k) % words.length]).join("");
        body +=
          (i % 3 === 0 ? `event: é${i}${eol}` : "") +
          `data: ${text}${eol}` +
          (i % 5 === 0 ? `data: ${i}${eol}` : "") +
          eol;
      }
      const bytes = enc.encode(body);
      const dec = new TextDecoder();
      everySplit(bytes, (r) => {
        expect(r.events).toHaveLength(40);
        for (const e of r.events) expect(dec.decode(bytes.subarray(e.start, e.end))).toBe(e.raw);
        // A blank line's CR that ends a chunk dispatches the event at once: its LF (next chunk) is not in the range.
        expect(r.events.at(-1)?.end).toBeGreaterThanOrEqual(bytes.length - (eol === "\r\n" ? 1 : 0));
      });
    }
  });
});

describe("long lines fed in large chunks", () => {
  for (const eol of ["\n", "\r", "\r\n"]) {
    it(`report the same events, ranges and anomalies as the whole body (${JSON.stringify(eol)})`, () => {
      const ascii = (n: number) => "abcdefghij".repeat(Math.ceil(n / 10)).slice(0, n);
      const pieces: Uint8Array[] = [];
      const push = (s: string) => pieces.push(enc.encode(s));
      for (let i = 0; i < 12; i++) {
        push(`event: e${i}${eol}data: ${ascii(3000 + i * 4099)}`);
        if (i % 4 === 1) push("日本語😀".repeat(500)); // the long line turns multi-byte half way
        if (i % 4 === 2) pieces.push(new Uint8Array([0xff, 0x80, 0xe4, 0xb8])); // invalid bytes mid-line
        push(`${ascii(2000)}${eol}${eol}`);
      }
      const body = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of pieces) {
        body.set(p, at);
        at += p.length;
      }
      const whole = replayEvents(body);
      expect(whole.events).toHaveLength(12);
      const strip = (r: ReturnType<typeof replayEvents>) => ({
        events: r.events.map(({ t: _t, chunk: _c, ...e }) => e),
        anomalies: r.anomalies.map(({ message: _m, ...a }) => a),
      });
      for (const seed of SEEDS) {
        const split = replayEvents(body, seed, { maxChunk: 20000 });
        expect(strip(split)).toEqual(strip(whole));
      }
      const dec = new TextDecoder();
      for (const e of whole.events) expect(dec.decode(body.subarray(e.start, e.end))).toBe(e.raw);
      expect(whole.anomalies.filter((a) => a.code === "invalid-utf8")).toHaveLength(3);
    });
  }
});
