/**
 * The SSE parser: WHATWG HTML §9.2.5 "Parsing an event stream" and §9.2.6
 * "Interpreting an event stream", at the byte level and incrementally.
 *
 * How it stays linear: each chunk is scanned for CR/LF with `indexOf` on the
 * bytes; everything up to the chunk's last line terminator is decoded with ONE
 * `TextDecoder.decode` call and split into lines on the string (cached
 * `indexOf` positions, so no line is re-scanned). Only the unfinished last line
 * is kept as bytes, in a growable buffer, so a UTF-8 sequence split across
 * chunks is decoded whole and a 1 MiB line fed byte by byte is copied O(n).
 * CR and LF never occur inside a multi-byte UTF-8 sequence, so decoding per
 * run of whole lines is exactly equivalent to decoding the stream at once.
 */
import { ByteBuffer, concatBytes, firstInvalidUtf8 } from "./bytes.js";
import { diagnoseField, parseRetry, preview } from "./fields.js";
import type { Anomaly, AnomalyCode, Framer, FramerOptions, StreamEvent } from "./types.js";

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;
/** Default cap for one line and one event. */
export const DEFAULT_MAX_EVENT_BYTES = 8 * 1024 * 1024;

/**
 * Create an incremental SSE parser. Feed it body chunks as they arrive; it
 * dispatches events, comments and anomalies through the callbacks and never
 * throws on bad input.
 *
 * @example
 * const parser = createSseParser({ onEvent: (e) => console.log(e.type, e.data) });
 * parser.feed(new TextEncoder().encode("data: hi\n\n"), 12);
 * parser.end();
 */
export function createSseParser(opts: FramerOptions = {}): Framer {
  const { onEvent, onComment, onAnomaly, onRetry } = opts;
  const cap = opts.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  const keepRaw = opts.keepRaw !== false;
  // The BOM is stripped here, by bytes and only at offset 0; the decoder must not strip it again per call.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

  // Stream state.
  let fed = 0;
  let ended = false;
  let chunkIndex = -1;
  let chunkT: number | null = null;
  let bomHead: Uint8Array | null = null;
  let bomDecided = false;
  let skipLf = false; // the previous chunk ended with CR: a leading LF belongs to it
  let lastEventId = "";
  let idBuffer = "";
  let retry: number | null = null;
  let dispatched = 0;
  const reportedFields = new Set<string>();

  // The unfinished last line, as bytes.
  const tail = new ByteBuffer();
  let tailStart = 0;
  let tailDropped = 0;

  // The block (lines since the last blank line).
  let blockOpen = false;
  let blockFields = 0;
  let blockStart = 0;
  let rawAcc = ""; // raw text of the block from earlier segments
  let rawSegStart = 0; // where the block's raw text starts in the current segment
  let data = "";
  let hasData = false;
  let eventType = "";
  let flags = 0; // anomalies already reported for this block
  const F_TOO_LARGE = 1;
  const F_UTF8 = 2;
  const F_LINE = 4;

  // Scan caches for the current segment string (positions of the next CR, LF, colon).
  let colonAt = -2;

  function anomaly(code: AnomalyCode, message: string, offset: number): void {
    const a: Anomaly = { code, message, event: dispatched, offset };
    onAnomaly?.(a);
  }

  function resetBlock(): void {
    blockOpen = false;
    blockFields = 0;
    rawAcc = "";
    data = "";
    hasData = false;
    eventType = "";
    flags = 0;
  }

  function dispatch(S: string, c2: number, b2: number): void {
    // §9.2.6: the last event ID string is set at every blank line, even when no event fires.
    lastEventId = idBuffer;
    if (!hasData) {
      if (eventType !== "") {
        anomaly(
          "event-without-data",
          `A block with event: ${JSON.stringify(eventType)} but no data line was not dispatched (the spec fires only blocks with data)`,
          blockStart,
        );
      }
      resetBlock();
      return;
    }
    const raw = keepRaw ? (blockOpen ? rawAcc + S.slice(rawSegStart, c2) : rawAcc) : "";
    const event: StreamEvent = {
      index: dispatched++,
      type: eventType === "" ? "message" : eventType,
      data,
      id: lastEventId,
      raw,
      start: blockStart,
      end: b2,
      t: chunkT,
      chunk: chunkIndex,
    };
    resetBlock();
    onEvent?.(event);
  }

  /** One line: S[c0, c1) is its text, S[c1, c2) its terminator; bytes [b0, b2) in the body. */
  function line(S: string, c0: number, c1: number, c2: number, b0: number, b2: number): void {
    if (c0 === c1) {
      dispatch(S, c2, b2);
      return;
    }
    if (!blockOpen) {
      blockOpen = true;
      blockStart = b0;
      rawSegStart = c0;
    }
    if (S.charCodeAt(c0) === COLON) {
      let from = c0 + 1;
      if (S.charCodeAt(from) === SPACE && from < c1) from++;
      onComment?.({
        text: S.slice(from, c1),
        start: b0,
        end: b2,
        t: chunkT,
        chunk: chunkIndex,
        beforeEvent: dispatched,
      });
      return;
    }
    blockFields++;
    if (colonAt !== -1 && colonAt < c0) colonAt = S.indexOf(":", c0);
    const colon = colonAt !== -1 && colonAt < c1 ? colonAt : c1;
    let v = colon + 1;
    if (v < c1 && S.charCodeAt(v) === SPACE) v++;
    const nameLen = colon - c0;
    if (nameLen === 4 && S.startsWith("data", c0)) {
      let value = v < c1 ? S.slice(v, c1) : "";
      if (value.length > cap) {
        lineTooLong(b0, c1 - c0);
        value = value.slice(0, cap);
      }
      if ((hasData ? data.length + 1 : 0) + value.length > cap) {
        if ((flags & F_TOO_LARGE) === 0) {
          flags |= F_TOO_LARGE;
          anomaly("event-too-large", `Event data exceeds ${cap} bytes; further data lines are dropped`, b0);
        }
        return;
      }
      if (hasData) data = data + "\n" + value;
      else data = value;
      hasData = true;
    } else if (nameLen === 5 && S.startsWith("event", c0)) {
      eventType = v < c1 ? S.slice(v, c1) : "";
    } else if (nameLen === 2 && S.startsWith("id", c0)) {
      const value = v < c1 ? S.slice(v, c1) : "";
      if (value.indexOf("\0") === -1) idBuffer = value;
      else anomaly("id-with-nul", `An id containing NUL (U+0000) is ignored, as the spec requires`, b0);
    } else if (nameLen === 5 && S.startsWith("retry", c0)) {
      const value = v < c1 ? S.slice(v, c1) : "";
      const ms = parseRetry(value);
      if (ms !== null) {
        retry = ms;
        onRetry?.(ms);
      } else if (value !== "") {
        anomaly(
          "invalid-retry",
          `retry: ${JSON.stringify(preview(value, 40))} is not ASCII digits; ignored`,
          b0,
        );
      }
    } else {
      const name = S.slice(c0, colon);
      if (!reportedFields.has(name) && reportedFields.size < 100) {
        reportedFields.add(name);
        const d = diagnoseField(name);
        anomaly(d.code, `${d.message} (first seen here; not reported again)`, b0);
      }
    }
  }

  function lineTooLong(offset: number, length: number): void {
    if ((flags & F_LINE) !== 0) return;
    flags |= F_LINE;
    anomaly(
      "line-too-long",
      `A line of ${length}+ bytes exceeds the cap of ${cap} bytes; the rest is dropped`,
      offset,
    );
  }

  function invalidUtf8(bytes: Uint8Array, from: number, to: number, base: number): void {
    if ((flags & F_UTF8) !== 0) return;
    const at = firstInvalidUtf8(bytes, from, to);
    if (at === -1) return; // a genuine U+FFFD in the text
    flags |= F_UTF8;
    anomaly(
      "invalid-utf8",
      `Invalid UTF-8 byte 0x${bytes[at]!.toString(16).padStart(2, "0")}; shown as U+FFFD`,
      base + at,
    );
  }

  /** Start a decoded segment: an open block's raw text continues at its beginning. */
  function beginSegment(): void {
    rawSegStart = 0;
    colonAt = -2;
  }

  function endSegment(S: string): void {
    if (blockOpen && keepRaw && rawAcc.length <= cap) rawAcc += rawSegStart === 0 ? S : S.slice(rawSegStart);
  }

  /** Decode bytes[from, to) (whole lines) once and interpret each line. `base` is the body offset of bytes[0]. */
  function region(bytes: Uint8Array, from: number, to: number, base: number): void {
    const S = decoder.decode(bytes.subarray(from, to));
    const n = S.length;
    const bad = S.indexOf("\uFFFD") !== -1;
    // Offsets map 1:1 when every byte became one char; otherwise walk the bytes in lockstep.
    const oneToOne = n === to - from && !bad;
    beginSegment();
    let c = 0;
    let nextCr = S.indexOf("\r");
    let nextLf = S.indexOf("\n");
    let bp = from;
    let bCr = -2;
    let bLf = -2;
    while (c < n) {
      if (nextCr !== -1 && nextCr < c) nextCr = S.indexOf("\r", c);
      if (nextLf !== -1 && nextLf < c) nextLf = S.indexOf("\n", c);
      const e = nextCr === -1 ? nextLf : nextLf === -1 ? nextCr : Math.min(nextCr, nextLf);
      if (e === -1) break; // cannot happen: the region ends with a terminator
      const e2 = S.charCodeAt(e) === CR && S.charCodeAt(e + 1) === LF ? e + 2 : e + 1;
      if (oneToOne) {
        line(S, c, e, e2, base + from + c, base + from + e2);
      } else {
        if (bCr !== -1 && bCr < bp) bCr = bytes.indexOf(CR, bp);
        if (bLf !== -1 && bLf < bp) bLf = bytes.indexOf(LF, bp);
        const be = bCr === -1 ? bLf : bLf === -1 ? bCr : Math.min(bCr, bLf);
        const be2 = bytes[be] === CR && bytes[be + 1] === LF && be + 1 < to ? be + 2 : be + 1;
        if (bad) {
          const f = S.indexOf("\uFFFD", c);
          if (f !== -1 && f < e) {
            line(S, c, e, e2, base + bp, base + be2);
            invalidUtf8(bytes, bp, be, base);
            bp = be2;
            c = e2;
            continue;
          }
        }
        line(S, c, e, e2, base + bp, base + be2);
        bp = be2;
      }
      c = e2;
    }
    endSegment(S);
  }

  function appendTail(bytes: Uint8Array, from: number, to: number, base: number): void {
    if (to <= from) return;
    if (tail.length === 0 && tailDropped === 0) tailStart = base + from;
    const room = cap - tail.length;
    if (to - from <= room) {
      tail.append(bytes, from, to);
      return;
    }
    tail.append(bytes, from, from + room);
    tailDropped += to - from - room;
    lineTooLong(tailStart, cap);
  }

  /** The pending partial line ends with `term` (the terminator as text), just before body offset `endByte`. */
  function finishTail(term: string, endByte: number): void {
    const bytes = tail.view();
    const S = decoder.decode(bytes) + term;
    beginSegment();
    line(S, 0, S.length - term.length, S.length, tailStart, endByte);
    if (S.indexOf("\uFFFD") !== -1) invalidUtf8(bytes, 0, bytes.length, tailStart);
    endSegment(S);
    tail.clear();
    tailDropped = 0;
  }

  function feedBytes(bytes: Uint8Array, base: number): void {
    const n = bytes.length;
    let p = 0;
    if (skipLf && n > 0) {
      skipLf = false;
      if (bytes[0] === LF) {
        p = 1;
        if (blockOpen && keepRaw) rawAcc += "\n";
      }
    }
    if (tail.length > 0 || tailDropped > 0) {
      let f = bytes.indexOf(LF, p);
      const r = bytes.indexOf(CR, p);
      if (r !== -1 && (f === -1 || r < f)) f = r;
      if (f === -1) {
        appendTail(bytes, p, n, base);
        return;
      }
      let f2 = f + 1;
      if (bytes[f] === CR) {
        if (f2 < n) {
          if (bytes[f2] === LF) f2++;
        } else skipLf = true;
      }
      appendTail(bytes, p, f, base);
      finishTail(f2 - f === 2 ? "\r\n" : bytes[f] === CR ? "\r" : "\n", base + f2);
      p = f2;
    }
    const lastLf = bytes.lastIndexOf(LF);
    const lastCr = bytes.lastIndexOf(CR);
    const last = Math.max(lastLf, lastCr);
    if (last >= p) {
      region(bytes, p, last + 1, base);
      if (last === lastCr && last + 1 === n) skipLf = true;
      p = last + 1;
    }
    if (p < n) appendTail(bytes, p, n, base);
  }

  return {
    feed(chunk: Uint8Array, t?: number | null): void {
      if (ended) throw new Error("sse parser: feed() called after end(); create a new parser for a new body");
      chunkIndex++;
      chunkT = t ?? null;
      let bytes = chunk;
      let base = fed;
      fed += chunk.length;
      if (!bomDecided) {
        if (bomHead !== null) {
          bytes = concatBytes(bomHead, chunk);
          base -= bomHead.length;
          bomHead = null;
        }
        if (bytes.length < 3 && isBomPrefix(bytes)) {
          bomHead = bytes.slice();
          return;
        }
        bomDecided = true;
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
          bytes = bytes.subarray(3);
          base += 3;
        }
      }
      feedBytes(bytes, base);
    },

    end(): void {
      if (ended) return;
      if (bomHead !== null) {
        bomDecided = true;
        const head = bomHead;
        bomHead = null;
        feedBytes(head, 0);
      }
      ended = true;
      const pending = tail.length > 0 || tailDropped > 0;
      if (!pending && blockFields === 0) return;
      const partial = pending ? decoder.decode(tail.view()) : "";
      const raw = rawAcc + partial;
      anomaly(
        "unterminated-event",
        `The body ended inside an event (no blank line after it), so it was not dispatched. Raw: ${JSON.stringify(preview(raw, 1000))}`,
        blockOpen ? blockStart : tailStart,
      );
    },

    get state() {
      return { lastEventId, retry, bytes: fed };
    },
  };
}

function isBomPrefix(bytes: Uint8Array): boolean {
  return (
    (bytes.length < 1 || bytes[0] === 0xef) &&
    (bytes.length < 2 || bytes[1] === 0xbb) &&
    (bytes.length < 3 || bytes[2] === 0xbf)
  );
}
