/**
 * Field interpretation (WHATWG HTML §9.2.6) over decoded lines: the block
 * buffers (data, event type, last event ID), dispatch, comments and the typed
 * anomalies. The line splitter (parser.ts) hands it lines as index ranges into
 * a decoded segment string, so the raw text of a block is one slice, not a
 * concatenation of lines.
 */
import { firstInvalidUtf8 } from "./bytes.js";
import { diagnoseField, isData, isDataName, isEvent, isEventName, parseRetry, preview } from "./fields.js";
import type { Anomaly, AnomalyCode, FramerOptions, StreamEvent } from "./types.js";

const LF = 10;
const COLON = 58;
const SPACE = 32;
const F_TOO_LARGE = 1;
const F_UTF8 = 2;
const F_LINE = 4;

export interface Interpreter {
  /** The chunk being processed: its index and arrival time go on every record it completes. */
  setChunk(index: number, t: number | null): void;
  /** One line: S[c0, c1) is its text, S[c1, c2) its terminator; bytes [b0, b2) in the body. */
  line(S: string, c0: number, c1: number, c2: number, b0: number, b2: number): void;
  /** Lines of an LF-only segment without invalid UTF-8: `S` decodes `bytes[from...]` at body offset `off` (`bytes` null for ASCII). */
  lfOnly(S: string, off: number, bytes: Uint8Array | null, from: number): void;
  beginSegment(): void;
  /** The LF of a CRLF split across chunks: part of the previous line's terminator. */
  crlfSplit(): void;
  endSegment(S: string): void;
  lineTooLong(offset: number, length: number): void;
  invalidUtf8(bytes: Uint8Array, from: number, to: number, base: number): void;
  /** The body ended; `partial` is the decoded unfinished line (if `pending`), starting at `tailStart`. */
  finish(partial: string, pending: boolean, tailStart: number): void;
  readonly lastEventId: string;
  readonly retry: number | null;
}

/**
 * Create the field interpreter the SSE parser feeds with decoded lines (`cap`: the
 * line/event byte cap). Internal to the parser; exported for its tests and the framers.
 */
export function createInterpreter(opts: FramerOptions, cap: number): Interpreter {
  const { onEvent, onComment, onAnomaly, onRetry } = opts;
  const keepRaw = opts.keepRaw !== false;
  let chunkIndex = -1;
  let chunkT: number | null = null;
  let lastEventId = "";
  let idBuffer = "";
  let retry: number | null = null;
  let dispatched = 0;
  const reportedFields = new Set<string>();

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
  let colonAt = -2; // cached position of the next colon in the segment

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
    // Past the cap the raw text stops growing (memory stays bounded); it then keeps its first part only.
    const raw = keepRaw
      ? blockOpen && rawAcc.length <= cap
        ? rawAcc === ""
          ? S.slice(rawSegStart, c2)
          : rawAcc + S.slice(rawSegStart, c2)
        : rawAcc
      : "";
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
    // Char-code prefix checks: String#startsWith with a position is slow on the hot path.
    if (nameLen === 4 && isDataName(S, c0)) {
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
    } else if (nameLen === 5 && isEventName(S, c0)) {
      eventType = v < c1 ? S.slice(v, c1) : "";
    } else if (nameLen === 2 && S.charCodeAt(c0) === 105 && S.charCodeAt(c0 + 1) === 100) {
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

  /**
   * The hot path for the common LLM stream shape: LF-only lines. A block that is one
   * `data:` line (after an optional `event:` line) followed by a blank line is dispatched
   * directly. `S` decodes bytes[from, ...) at body offset `off`. Byte offsets of ASCII text are char
   * offsets; for multi-byte text (`bytes` given) each line's end is found in the bytes too.
   */
  function lfOnly(S: string, off: number, bytes: Uint8Array | null, from: number): void {
    const n = S.length;
    let c = 0;
    let bp = from; // multi-byte text: byte index of the line start in `bytes`
    while (c < n) {
      const e = S.indexOf("\n", c);
      // Body offsets of the line start and of the byte after its LF.
      let b0: number;
      let b1: number;
      if (bytes === null) {
        b0 = off + c;
        b1 = off + e + 1;
      } else {
        const be = bytes.indexOf(LF, bp);
        b0 = off + bp - from;
        b1 = off + be + 1 - from;
        bp = be + 1;
      }
      if (
        !blockOpen &&
        e + 1 < n && // in bounds: an out-of-range read deoptimizes the loop
        S.charCodeAt(e + 1) === LF &&
        S.charCodeAt(c) === 100 &&
        isData(S, c) &&
        e - c <= cap
      ) {
        lastEventId = idBuffer;
        const e2 = e + 2;
        bp++; // the blank line's LF
        const event: StreamEvent = {
          index: dispatched++,
          type: "message",
          data: S.slice(S.charCodeAt(c + 5) === SPACE ? c + 6 : c + 5, e),
          id: lastEventId,
          raw: keepRaw ? S.slice(c, e2) : "",
          start: b0,
          end: b1 + 1,
          t: chunkT,
          chunk: chunkIndex,
        };
        flags = 0;
        onEvent?.(event);
        c = e2;
        continue;
      }
      const first = S.charCodeAt(c);
      if (first === 101 && isEvent(S, c)) {
        // `event: X` before the data line (Anthropic, Responses): the second most common line.
        if (!blockOpen) {
          blockOpen = true;
          blockStart = b0;
          rawSegStart = c;
        }
        blockFields++;
        eventType = S.slice(S.charCodeAt(c + 6) === SPACE ? c + 7 : c + 6, e);
        c = e + 1;
        continue;
      }
      if (
        blockOpen &&
        !hasData &&
        first === 100 &&
        e + 1 < n &&
        S.charCodeAt(e + 1) === LF &&
        isData(S, c) &&
        e - c <= cap
      ) {
        // The block's only data line, followed by the blank line: dispatch it now.
        blockFields++;
        data = S.slice(S.charCodeAt(c + 5) === SPACE ? c + 6 : c + 5, e);
        hasData = true;
        bp++; // the blank line's LF
        dispatch(S, e + 2, b1 + 1);
        c = e + 2;
        continue;
      }
      line(S, c, e, e + 1, b0, b1);
      c = e + 1;
    }
  }

  return {
    setChunk(index, t) {
      chunkIndex = index;
      chunkT = t;
    },
    line,
    lfOnly,
    beginSegment,
    endSegment,
    crlfSplit() {
      if (blockOpen && keepRaw) rawAcc += "\n";
    },
    lineTooLong,
    invalidUtf8,
    finish(partial, pending, tailStart) {
      if (!pending && blockFields === 0) return;
      if (!pending && blockFields === 0) return;
      const raw = rawAcc + partial;
      anomaly(
        "unterminated-event",
        `The body ended inside an event (no blank line after it), so it was not dispatched. Raw: ${JSON.stringify(preview(raw, 1000))}`,
        blockOpen ? blockStart : tailStart,
      );
    },
    get lastEventId() {
      return lastEventId;
    },
    get retry() {
      return retry;
    },
  };
}
