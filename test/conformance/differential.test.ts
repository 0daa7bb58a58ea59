/**
 * Differential test: our byte-level parser against eventsource-parser 4.x on
 * seeded random streams built from the fragments that matter (field names,
 * near misses, colons, spaces, CR/LF/CRLF, NUL, multi-byte text), each fed in
 * seeded random splits. The conformance README lists the one known, deliberate
 * difference (a Latin-1 "BOM" after decoding); the generator never produces it.
 */
import { createParser } from "eventsource-parser";
import { describe, expect, it } from "vitest";
import { replayChunks } from "../helpers/replay.js";
import { mulberry32, splitBytes } from "../helpers/split.js";

const FRAGMENTS = [
  "data:",
  "data: ",
  "data",
  "event:",
  "event: ping",
  "id:",
  "id: 7",
  "id: a\0b",
  "retry: 1500",
  "retry: 15x",
  "retry:",
  ":",
  ": keep-alive",
  "Data: no",
  "data :",
  " ",
  "x",
  "hello",
  "é",
  "日本",
  "😀",
  '{"a":1}',
  "\n",
  "\n",
  "\n",
  "\r",
  "\r\n",
  "\r\n",
];

function generate(seed: number): string {
  const rand = mulberry32(seed);
  const n = 5 + Math.floor(rand() * 60);
  let s = "";
  for (let i = 0; i < n; i++) s += FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)];
  return s;
}

function reference(input: string) {
  const events: { type: string; data: string; id: string }[] = [];
  let id = "";
  let retry: number | null = null;
  const p = createParser({
    onId: (v) => {
      id = v;
    },
    onRetry: (ms) => {
      retry = ms;
    },
    onEvent: (e) => events.push({ type: e.event || "message", data: e.data, id }),
  });
  p.feed(input);
  return { events, retry, lastEventId: id };
}

const CASES = Array.from({ length: 400 }, (_, i) => 1000 + i);

describe("differential against eventsource-parser 4.x", () => {
  it.each(CASES)("random stream (seed %i) gives the same events, retry and last event ID", (seed) => {
    const input = generate(seed);
    const bytes = new TextEncoder().encode(input);
    const want = reference(input);
    for (const chunks of [[bytes], splitBytes(bytes, seed, 1, 5)]) {
      const r = replayChunks(chunks);
      expect({
        events: r.events.map((e) => ({ type: e.type, data: e.data, id: e.id })),
        retry: r.retry,
        lastEventId: r.lastEventId,
      }).toEqual(want);
    }
  });
});
