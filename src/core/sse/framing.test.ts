/**
 * NDJSON and JSON-array framing, and the framing choice. Every body is fed
 * whole and in seeded random splits (seed in the loop); a split changes nothing.
 */
import { describe, expect, it } from "vitest";
import { replayEvents } from "../../../test/helpers/replay.js";
import { createJsonArrayParser } from "./json-array.js";
import { createNdjsonParser } from "./ndjson.js";
import { chooseFraming } from "./sniff.js";

const enc = new TextEncoder();
const SEEDS = [3, 17, 4242];

function everySplit(
  input: string | Uint8Array,
  framer: typeof createNdjsonParser,
  check: (r: ReturnType<typeof replayEvents>) => void,
) {
  check(replayEvents(input, undefined, { framer }));
  for (const seed of SEEDS) check(replayEvents(input, seed, { framer, maxChunk: 7 }));
}

describe("NDJSON framing", () => {
  it("dispatches one event per non-empty line with byte ranges and raw", () => {
    const body = '{"a":1}\n\n{"b":"é"}\r\n{"c":3}';
    everySplit(body, createNdjsonParser, (r) => {
      expect(r.events.map((e) => [e.type, e.data])).toEqual([
        ["message", '{"a":1}'],
        ["message", '{"b":"é"}'],
        ["message", '{"c":3}'],
      ]);
      expect(r.events[1]).toMatchObject({
        start: 9,
        end: 9 + enc.encode('{"b":"é"}\r\n').length,
        raw: '{"b":"é"}\r\n',
      });
      expect(r.anomalies).toEqual([]);
    });
  });

  it("reports (and does not dispatch) a last line cut mid-JSON", () => {
    everySplit('{"a":1}\n{"b":', createNdjsonParser, (r) => {
      expect(r.events).toHaveLength(1);
      expect(r.anomalies).toMatchObject([{ code: "unterminated-event", event: 1, offset: 8 }]);
    });
  });

  it("strips a leading BOM and reports invalid UTF-8 at its byte", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('{"a":"'), 0xff, ...enc.encode('"}\n')]);
    everySplit(bytes, createNdjsonParser, (r) => {
      expect(r.events.map((e) => e.data)).toEqual(['{"a":"\uFFFD"}']);
      expect(r.events[0]?.start).toBe(3);
      expect(r.anomalies).toMatchObject([{ code: "invalid-utf8", offset: 9 }]);
    });
  });

  it("caps a long line and keeps going", () => {
    for (const seed of [undefined, ...SEEDS]) {
      const r = replayEvents(`{"x":"${"y".repeat(200)}"}\n{"ok":1}\n`, seed, {
        framer: createNdjsonParser,
        maxEventBytes: 50,
      });
      expect(r.events.at(-1)?.data).toBe('{"ok":1}');
      expect(r.anomalies.map((a) => a.code)).toEqual(["line-too-long"]);
    }
  });
});

describe("JSON-array framing (Gemini without alt=sse)", () => {
  const body =
    '[{"candidates":[{"content":{"parts":[{"text":"a]}\\"{"}]}}]}\n,\r\n{"b":[1,2,{"c":"日本"}]}\n]';

  it("dispatches each top-level element as soon as it closes", () => {
    everySplit(body, createJsonArrayParser, (r) => {
      expect(r.events.map((e) => JSON.parse(e.data))).toEqual([
        { candidates: [{ content: { parts: [{ text: 'a]}"{' }] } }] },
        { b: [1, 2, { c: "日本" }] },
      ]);
      expect(r.events[0]?.start).toBe(1);
      expect(r.anomalies).toEqual([]);
    });
  });

  it("dispatches an element before the array is closed", () => {
    const events: string[] = [];
    const f = createJsonArrayParser({ onEvent: (e) => events.push(e.data) });
    f.feed(enc.encode('[{"a":1}\n,'));
    expect(events).toEqual(['{"a":1}']);
  });

  it("handles strings and primitives as elements", () => {
    everySplit('[ "x\\"y" , 12, true,null ]', createJsonArrayParser, (r) => {
      expect(r.events.map((e) => JSON.parse(e.data))).toEqual(['x"y', 12, true, null]);
    });
  });

  it("reports a body cut inside an element, or before the closing ]", () => {
    everySplit('[{"a":1},{"b":', createJsonArrayParser, (r) => {
      expect(r.events).toHaveLength(1);
      expect(r.anomalies).toMatchObject([{ code: "unterminated-event", event: 1, offset: 9 }]);
    });
    everySplit('[{"a":1}', createJsonArrayParser, (r) => {
      expect(r.anomalies.map((a) => a.code)).toEqual(["unterminated-event"]);
    });
  });
});

describe("chooseFraming", () => {
  const head = (s: string) => enc.encode(s);

  it("trusts a stream Content-Type that the bytes agree with", () => {
    expect(chooseFraming("text/event-stream; charset=utf-8", head("data: {}\n\n"), false)).toEqual({
      framing: "sse",
      anomalies: [],
      notes: [],
    });
    expect(chooseFraming("application/x-ndjson", head('{"a":1}\n'), false)?.framing).toBe("ndjson");
    expect(chooseFraming("application/json", head('[{"a":1}'), false)?.framing).toBe("json-array");
    expect(chooseFraming("application/json", head('{\n  "error": {}\n}'), true)).toEqual({
      framing: "raw",
      anomalies: [],
      notes: [],
    });
  });

  it("waits for more bytes when the head is not enough", () => {
    expect(chooseFraming(undefined, head("da"), false)).toBeNull();
    expect(chooseFraming(undefined, head('{"a":'), false)).toBeNull();
    expect(chooseFraming(undefined, head("   "), false)).toBeNull();
  });

  it("sniffs the bytes when there is no Content-Type, with a note", () => {
    const c = chooseFraming(undefined, head(": ping\n\n"), false);
    expect(c?.framing).toBe("sse");
    expect(c?.notes[0]).toMatch(/No Content-Type/);
    expect(chooseFraming(undefined, head('{"a":1}\n{"a"'), false)?.framing).toBe("ndjson");
  });

  it("reports a Content-Type that the bytes contradict", () => {
    const c = chooseFraming("text/plain", head("data: x\n\n"), false);
    expect(c?.framing).toBe("sse");
    expect(c?.anomalies.map((a) => a.code)).toEqual(["content-type-mismatch"]);
    const d = chooseFraming("text/event-stream", head('{"done":false}\n'), false);
    expect(d?.framing).toBe("ndjson");
    expect(d?.anomalies.map((a) => a.code)).toEqual(["content-type-mismatch"]);
  });

  it("flags a body that is not a stream at all and shows it raw", () => {
    const c = chooseFraming("text/html", head("<html><body>502 Bad Gateway</body></html>"), true);
    expect(c?.framing).toBe("raw");
    expect(c?.anomalies.map((a) => a.code)).toEqual(["not-event-stream"]);
  });
});
