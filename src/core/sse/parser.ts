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
 *
 * An event is dispatched as soon as its blank line ends, so when that line ends
 * with a CR at the end of a chunk, the LF of its CRLF (in the next chunk) is
 * outside the event's `raw` and byte range: live delivery beats symmetry here.
 */
import { ByteBuffer, concatBytes, indexOfTerminator } from "./bytes.js";
import { createInterpreter } from "./interpret.js";
import type { Framer, FramerOptions } from "./types.js";

const LF = 10;
const CR = 13;
const STREAM = { stream: true };
/** Chunks up to this size take the small-chunk path. */
const SMALL_CHUNK = 256;
/** A pending line this long takes the decode-and-search path in findTerminator. */
const LONG_LINE = 4096;
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
  const cap = opts.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  const it = createInterpreter(opts, cap);
  // The BOM is stripped here, by bytes and only at offset 0; the decoder must not strip it again per call.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  // Node 20 decodes multi-byte text about twice as fast in streaming mode, and ASCII about three
  // times as fast in one-shot mode. A region always ends with CR/LF, so streaming mode never holds
  // bytes back; the last region's kind picks the mode for the next one.
  const streamDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let multiByte = false;

  let fed = 0;
  let ended = false;
  let chunkIndex = -1;
  let bomHead: Uint8Array | null = null;
  let bomDecided = false;
  let skipLf = false; // the previous chunk ended with CR: a leading LF belongs to it

  // The unfinished last line, as bytes.
  const tail = new ByteBuffer();
  let tailStart = 0;
  let tailDropped = 0;
  /** False once a chunk of the pending line was not plain ASCII (see findTerminator). */
  let asciiTail = true;

  /** Decode bytes[from, to) (whole lines) once and interpret each line. `base` is the body offset of bytes[0]. */
  function region(bytes: Uint8Array, from: number, to: number, base: number): void {
    const view = bytes.subarray(from, to);
    const S = multiByte ? streamDecoder.decode(view, STREAM) : decoder.decode(view);
    multiByte = S.length !== to - from;
    const n = S.length;
    const bad = S.indexOf("\uFFFD") !== -1;
    // Offsets map 1:1 when every byte became one char; otherwise walk the bytes in lockstep.
    const oneToOne = n === to - from && !bad;
    it.beginSegment();
    let c = 0;
    let nextCr = S.indexOf("\r");
    if (!bad && nextCr === -1) {
      it.lfOnly(S, base + from, oneToOne ? null : bytes, from);
      it.endSegment(S);
      return;
    }
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
        it.line(S, c, e, e2, base + from + c, base + from + e2);
      } else {
        if (bCr !== -1 && bCr < bp) bCr = bytes.indexOf(CR, bp);
        if (bLf !== -1 && bLf < bp) bLf = bytes.indexOf(LF, bp);
        const be = bCr === -1 ? bLf : bLf === -1 ? bCr : Math.min(bCr, bLf);
        const be2 = bytes[be] === CR && bytes[be + 1] === LF && be + 1 < to ? be + 2 : be + 1;
        if (bad) {
          const f = S.indexOf("\uFFFD", c);
          if (f !== -1 && f < e) {
            it.line(S, c, e, e2, base + bp, base + be2);
            it.invalidUtf8(bytes, bp, be, base);
            bp = be2;
            c = e2;
            continue;
          }
        }
        it.line(S, c, e, e2, base + bp, base + be2);
        bp = be2;
      }
      c = e2;
    }
    it.endSegment(S);
  }

  /**
   * The first CR or LF in bytes[from, to), after a pending partial line. Usually the line
   * ends a few bytes in and the byte scan finds it at once. Once the pending line is long
   * (4 KiB, longer than almost any event), the rest of the chunk is probably all line:
   * ASCII decodes at memory speed and `String#indexOf` is memchr, about 4x faster than the
   * byte scan in JS. A chunk that turns out not to be plain ASCII is scanned as bytes, and so
   * are the next ones of the same line.
   */
  function findTerminator(bytes: Uint8Array, from: number, to: number): number {
    if (!asciiTail || tail.length < LONG_LINE || to - from < 1024) return indexOfTerminator(bytes, from, to);
    const S = decoder.decode(bytes.subarray(from, to));
    if (S.length === to - from && S.indexOf("\uFFFD") === -1) {
      const lf = S.indexOf("\n");
      const cr = S.indexOf("\r");
      if (lf === -1 && cr === -1) return -1;
      return from + (lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr));
    }
    asciiTail = false;
    return indexOfTerminator(bytes, from, to);
  }

  function appendTail(bytes: Uint8Array, from: number, to: number, base: number): void {
    if (to <= from) return;
    if (tail.length === 0 && tailDropped === 0) {
      // A new pending line: nothing is known yet about its text.
      tailStart = base + from;
      asciiTail = true;
    }
    const room = cap - tail.length;
    if (to - from <= room) {
      tail.append(bytes, from, to);
      return;
    }
    tail.append(bytes, from, from + room);
    tailDropped += to - from - room;
    it.lineTooLong(tailStart, cap);
  }

  /**
   * The pending partial line ends with the terminator bytes[f, f2), just before body offset `endByte`.
   * The terminator is decoded with the line rather than appended as text: `decode(...) + "\n"`
   * is a cons string that the first slice of a long line flattens, a second copy of the whole line.
   */
  function finishTail(bytes: Uint8Array, f: number, f2: number, endByte: number): void {
    const length = tail.length;
    tail.append(bytes, f, f2);
    const S = decoder.decode(tail.view());
    it.beginSegment();
    it.line(S, 0, S.length - (f2 - f), S.length, tailStart, endByte);
    if (S.indexOf("\uFFFD") !== -1) it.invalidUtf8(tail.bytes, 0, length, tailStart);
    it.endSegment(S);
    tail.clear();
    tailDropped = 0;
  }

  /**
   * Small chunks (a slow link, a proxy re-chunking): append to the pending line and decode
   * the completed lines from there, so a chunk costs one short loop instead of two native
   * scans, views and a decode. Returns false when the caller's path must handle it.
   */
  function feedSmall(bytes: Uint8Array, p: number, base: number): boolean {
    const n = bytes.length;
    let last = -1;
    for (let i = n - 1; i >= p; i--) {
      const b = bytes[i]!;
      if (b === LF || b === CR) {
        last = i;
        break;
      }
    }
    if (last === -1) {
      appendTail(bytes, p, n, base);
      return true;
    }
    if (tail.length + last + 1 - p > cap) return false;
    if (tail.length === 0) region(bytes, p, last + 1, base);
    else {
      tail.append(bytes, p, last + 1);
      region(tail.bytes, 0, tail.length, tailStart);
      tail.clear();
    }
    if (bytes[last] === CR && last + 1 === n) skipLf = true;
    if (last + 1 < n) appendTail(bytes, last + 1, n, base);
    return true;
  }

  function feedBytes(bytes: Uint8Array, base: number): void {
    const n = bytes.length;
    let p = 0;
    if (skipLf && n > 0) {
      skipLf = false;
      if (bytes[0] === LF) {
        p = 1;
        it.crlfSplit();
      }
    }
    if (n - p <= SMALL_CHUNK && tailDropped === 0 && feedSmall(bytes, p, base)) return;
    if (tail.length > 0 || tailDropped > 0) {
      const f = findTerminator(bytes, p, n);
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
      finishTail(bytes, f, f2, base + f2);
      p = f2;
    }
    // The last terminator: the last LF, unless a CR follows it. Searching for CR only after
    // the last LF avoids a full backwards scan of every chunk of an LF-only stream.
    const lastLf = bytes.lastIndexOf(LF);
    const lastCr = lastCrIn(bytes, lastLf + 1, n);
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
      it.setChunk(chunkIndex, t ?? null);
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
      const partial = pending ? decoder.decode(tail.view()) : "";
      it.finish(partial, pending, tailStart);
    },

    get state() {
      return { lastEventId: it.lastEventId, retry: it.retry, bytes: fed };
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

/** Last CR in bytes[from, to), or -1. */
function lastCrIn(bytes: Uint8Array, from: number, to: number): number {
  if (to - from > 64) {
    const i = bytes.subarray(from, to).lastIndexOf(CR);
    return i === -1 ? -1 : from + i;
  }
  for (let i = to - 1; i >= from; i--) if (bytes[i] === CR) return i;
  return -1;
}
