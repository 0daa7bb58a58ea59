/**
 * NDJSON framing (Ollama, `application/x-ndjson`, JSON Lines): one event per
 * non-empty line, type "message", with the same records and caps as SSE.
 * Lines end at LF; a CR before the LF is part of the terminator.
 */
import { ByteBuffer, firstInvalidUtf8 } from "./bytes.js";
import { preview } from "./fields.js";
import { DEFAULT_MAX_EVENT_BYTES } from "./parser.js";
import type { Anomaly, AnomalyCode, Framer, FramerOptions } from "./types.js";

const LF = 10;
const BOM = [0xef, 0xbb, 0xbf];

/**
 * Create an incremental NDJSON framer. A last line without LF is dispatched at
 * `end()` when it is complete JSON, and reported as `unterminated-event` otherwise.
 *
 * @example
 * const framer = createNdjsonParser({ onEvent: (e) => console.log(JSON.parse(e.data)) });
 * framer.feed(new TextEncoder().encode('{"done":true}\n'));
 * framer.end();
 */
export function createNdjsonParser(opts: FramerOptions = {}): Framer {
  const { onEvent, onAnomaly } = opts;
  const cap = opts.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  const keepRaw = opts.keepRaw !== false;
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const tail = new ByteBuffer();
  let tailStart = 0;
  let tailDropped = 0;
  let fed = 0;
  let chunkIndex = -1;
  let chunkT: number | null = null;
  let dispatched = 0;
  let bomChecked = 0; // how many leading bytes were compared with the BOM
  let ended = false;

  function anomaly(code: AnomalyCode, message: string, offset: number): void {
    const a: Anomaly = { code, message, event: dispatched, offset };
    onAnomaly?.(a);
  }

  /** One line: `text` without terminator, `raw` with it, bytes [b0, b2). */
  function line(text: string, raw: string, b0: number, b2: number): void {
    let trimmed = text;
    if (trimmed.charCodeAt(trimmed.length - 1) === 13) trimmed = trimmed.slice(0, -1);
    if (trimmed.trim() === "") return;
    onEvent?.({
      index: dispatched++,
      type: "message",
      data: trimmed,
      id: "",
      raw: keepRaw ? raw : "",
      start: b0,
      end: b2,
      t: chunkT,
      chunk: chunkIndex,
    });
  }

  function checkUtf8(S: string, bytes: Uint8Array, from: number, to: number, base: number): void {
    if (S.indexOf("\uFFFD") === -1) return;
    const at = firstInvalidUtf8(bytes, from, to);
    if (at !== -1) anomaly("invalid-utf8", `Invalid UTF-8 byte in line; shown as U+FFFD`, base + at);
  }

  /** Whole lines bytes[from, to) (ending with LF), decoded once. */
  function region(bytes: Uint8Array, from: number, to: number, base: number): void {
    const S = decoder.decode(bytes.subarray(from, to));
    const bad = S.indexOf("\uFFFD") !== -1;
    const oneToOne = S.length === to - from && !bad;
    let c = 0;
    let bp = from;
    while (c < S.length) {
      const e = S.indexOf("\n", c);
      const be = oneToOne ? from + e : bytes.indexOf(LF, bp);
      if (e - c > cap)
        anomaly("line-too-long", `A line of ${e - c} bytes exceeds the cap of ${cap} bytes`, base + bp);
      const text = e - c > cap ? S.slice(c, c + cap) : S.slice(c, e);
      if (bad) checkUtf8(text, bytes, bp, be, base);
      line(text, S.slice(c, e + 1), base + bp, base + be + 1);
      c = e + 1;
      bp = be + 1;
    }
  }

  function appendTail(bytes: Uint8Array, from: number, to: number, base: number): void {
    if (to <= from) return;
    if (tail.length === 0 && tailDropped === 0) tailStart = base + from;
    const room = cap - tail.length;
    if (to - from <= room) tail.append(bytes, from, to);
    else {
      if (tailDropped === 0)
        anomaly("line-too-long", `A line exceeds the cap of ${cap} bytes; the rest is dropped`, tailStart);
      tail.append(bytes, from, from + room);
      tailDropped += to - from - room;
    }
  }

  function flushTail(endByte: number, terminator: string): void {
    const bytes = tail.view();
    const text = decoder.decode(bytes);
    checkUtf8(text, bytes, 0, bytes.length, tailStart);
    line(text, text + terminator, tailStart, endByte);
    tail.clear();
    tailDropped = 0;
  }

  return {
    feed(chunk: Uint8Array, t?: number | null): void {
      if (ended)
        throw new Error("ndjson framer: feed() called after end(); create a new framer for a new body");
      chunkIndex++;
      chunkT = t ?? null;
      const base = fed;
      fed += chunk.length;
      let p = 0;
      // Skip one leading BOM, even when it is split across chunks.
      while (bomChecked < 3 && p < chunk.length) {
        if (chunk[p] !== BOM[bomChecked]) {
          if (bomChecked > 0) appendTail(new Uint8Array(BOM.slice(0, bomChecked)), 0, bomChecked, 0);
          bomChecked = 3;
          break;
        }
        bomChecked++;
        p++;
      }
      const first = chunk.indexOf(LF, p);
      if (first === -1) {
        appendTail(chunk, p, chunk.length, base);
        return;
      }
      if (tail.length > 0 || tailDropped > 0) {
        appendTail(chunk, p, first, base);
        flushTail(base + first + 1, "\n");
        p = first + 1;
      }
      const last = chunk.lastIndexOf(LF);
      if (last >= p) region(chunk, p, last + 1, base);
      appendTail(chunk, last + 1, chunk.length, base);
    },

    end(): void {
      if (ended) return;
      ended = true;
      if (tail.length === 0 && tailDropped === 0) return;
      const text = decoder.decode(tail.view());
      if (tailDropped === 0 && isJson(text)) {
        flushTail(fed, "");
        return;
      }
      if (text.trim() === "") return;
      anomaly(
        "unterminated-event",
        `The body ended inside a line that is not complete JSON, so it was not dispatched. Raw: ${JSON.stringify(preview(text, 1000))}`,
        tailStart,
      );
    },

    get state() {
      return { lastEventId: "", retry: null, bytes: fed };
    },
  };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
