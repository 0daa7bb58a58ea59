/**
 * JSON-array framing: Gemini's `streamGenerateContent` without `alt=sse`
 * streams one JSON array, `[{...}\n,\r\n{...}]`, growing as the model writes.
 * Each top-level element is dispatched as an event as soon as its closing
 * bracket arrives. Strings, escapes and nesting depth are tracked byte by byte
 * across chunks, so nothing is re-scanned.
 */
import { ByteBuffer, firstInvalidUtf8 } from "./bytes.js";
import { preview } from "./fields.js";
import { DEFAULT_MAX_EVENT_BYTES } from "./parser.js";
import type { Anomaly, AnomalyCode, Framer, FramerOptions } from "./types.js";

// Scanner states.
const BEFORE = 0; // before the opening [
const BETWEEN = 1; // inside the array, between elements
const NESTED = 2; // inside an object/array element
const STR = 3; // inside a top-level string element
const PRIM = 4; // inside a top-level number/true/false/null element
const CLOSED = 5; // after the closing ]

const isSpace = (b: number) => b === 32 || b === 10 || b === 13 || b === 9;

/**
 * Create an incremental JSON-array framer: one event (type "message") per top-level element.
 *
 * @example
 * const framer = createJsonArrayParser({ onEvent: (e) => console.log(JSON.parse(e.data)) });
 * framer.feed(new TextEncoder().encode('[{"a":1}\n,{"a":2}]'));
 * framer.end();
 */
export function createJsonArrayParser(opts: FramerOptions = {}): Framer {
  const { onEvent, onAnomaly } = opts;
  const cap = opts.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  const keepRaw = opts.keepRaw !== false;
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const buf = new ByteBuffer();
  let state: number = BEFORE;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let elemStart = 0; // body offset of the element's first byte
  let dropped = 0;
  let fed = 0;
  let chunkIndex = -1;
  let chunkT: number | null = null;
  let dispatched = 0;
  let junkReported = false;
  let ended = false;

  function anomaly(code: AnomalyCode, message: string, offset: number): void {
    const a: Anomaly = { code, message, event: dispatched, offset };
    onAnomaly?.(a);
  }

  function keep(bytes: Uint8Array, from: number, to: number): void {
    const room = cap - buf.length;
    if (to - from <= room) {
      buf.append(bytes, from, to);
      return;
    }
    if (dropped === 0)
      anomaly(
        "event-too-large",
        `An array element exceeds the cap of ${cap} bytes; the rest is dropped`,
        elemStart,
      );
    buf.append(bytes, from, from + Math.max(0, room));
    dropped += to - from - Math.max(0, room);
  }

  /** The element ends at chunk index `to` (exclusive); it started at chunk index `from` (or earlier when buffered). */
  function emit(bytes: Uint8Array, from: number, to: number, base: number): void {
    let view: Uint8Array;
    if (buf.length > 0 || dropped > 0) {
      keep(bytes, from, to);
      view = buf.view();
    } else view = bytes.subarray(from, to);
    const text = decoder.decode(view);
    if (text.indexOf("\uFFFD") !== -1) {
      const at = firstInvalidUtf8(view, 0, view.length);
      if (at !== -1)
        anomaly("invalid-utf8", "Invalid UTF-8 byte in an array element; shown as U+FFFD", elemStart + at);
    }
    onEvent?.({
      index: dispatched++,
      type: "message",
      data: text,
      id: "",
      raw: keepRaw ? text : "",
      start: elemStart,
      end: base + to,
      t: chunkT,
      chunk: chunkIndex,
    });
    buf.clear();
    dropped = 0;
    state = BETWEEN;
  }

  function junk(b: number, offset: number): void {
    if (junkReported) return;
    junkReported = true;
    anomaly(
      "not-event-stream",
      `Unexpected ${JSON.stringify(String.fromCharCode(b))} ${state === CLOSED ? "after the closing ]" : "where a JSON array was expected"}; ignored`,
      offset,
    );
  }

  function feedBytes(bytes: Uint8Array, base: number): void {
    const n = bytes.length;
    let start = state === NESTED || state === STR || state === PRIM ? 0 : -1;
    for (let i = 0; i < n; i++) {
      const b = bytes[i]!;
      switch (state) {
        case BEFORE:
          if (b === 0x5b) state = BETWEEN;
          else if (!isSpace(b) && !(base + i < 3 && (b === 0xef || b === 0xbb || b === 0xbf)))
            junk(b, base + i);
          break;
        case BETWEEN:
          if (isSpace(b) || b === 0x2c) break;
          if (b === 0x5d) {
            state = CLOSED;
            break;
          }
          start = i;
          elemStart = base + i;
          if (b === 0x7b || b === 0x5b) {
            state = NESTED;
            depth = 1;
            inString = false;
            escaped = false;
          } else if (b === 0x22) {
            state = STR;
            escaped = false;
          } else state = PRIM;
          break;
        case NESTED:
          if (inString) {
            if (escaped) escaped = false;
            else if (b === 0x5c) escaped = true;
            else if (b === 0x22) inString = false;
          } else if (b === 0x22) inString = true;
          else if (b === 0x7b || b === 0x5b) depth++;
          else if (b === 0x7d || b === 0x5d) {
            if (--depth === 0) {
              emit(bytes, start, i + 1, base);
              start = -1;
            }
          }
          break;
        case STR:
          if (escaped) escaped = false;
          else if (b === 0x5c) escaped = true;
          else if (b === 0x22) {
            emit(bytes, start, i + 1, base);
            start = -1;
          }
          break;
        case PRIM:
          if (isSpace(b) || b === 0x2c || b === 0x5d) {
            emit(bytes, start, i, base);
            start = -1;
            if (b === 0x5d) state = CLOSED;
          }
          break;
        case CLOSED:
          if (!isSpace(b)) junk(b, base + i);
          break;
      }
    }
    if (start !== -1) keep(bytes, start, n);
  }

  return {
    feed(chunk: Uint8Array, t?: number | null): void {
      if (ended)
        throw new Error("json-array framer: feed() called after end(); create a new framer for a new body");
      chunkIndex++;
      chunkT = t ?? null;
      const base = fed;
      fed += chunk.length;
      feedBytes(chunk, base);
    },

    end(): void {
      if (ended) return;
      ended = true;
      if (state === PRIM) {
        emit(new Uint8Array(0), 0, 0, fed);
        state = BETWEEN;
      }
      if (state === NESTED || state === STR) {
        const text = decoder.decode(buf.view());
        anomaly(
          "unterminated-event",
          `The body ended inside an array element, so it was not dispatched. Raw: ${JSON.stringify(preview(text, 1000))}`,
          elemStart,
        );
      } else if (state === BETWEEN) {
        anomaly("unterminated-event", "The body ended before the JSON array was closed with ]", fed);
      }
    },

    get state() {
      return { lastEventId: "", retry: null, bytes: fed };
    },
  };
}
